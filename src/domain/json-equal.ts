/**
 * Deep equality of JSON values (key order ignored): how a coding answer's result is compared with a test's expected
 * value. A key present with an undefined value makes two objects unequal here (see sameJson below for equality as
 * written out).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && jsonEqual(ao[k], bo[k]));
}

/**
 * Equality of two values once written as JSON (what JSON.parse gives, or an object about to be stringified): a key whose
 * value is undefined counts as absent, as JSON.stringify drops it; key order ignored; nothing allocated (the results
 * projection compares digests with it on every stored update). Unlike jsonEqual, which a key present with undefined
 * makes unequal (a coding answer's returned value, compared as the sandbox gave it).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bs[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // A key whose value is undefined is not in the JSON: counted on neither side.
  let aKeys = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    aKeys++;
    if (!sameJson(ao[k], bo[k])) return false;
  }
  let bKeys = 0;
  for (const k in bo) if (bo[k] !== undefined) bKeys++;
  return aKeys === bKeys;
}
