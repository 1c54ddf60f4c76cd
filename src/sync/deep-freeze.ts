/**
 * Freezes a value and everything inside it, for results shared by every reader of a document (valid-records.ts,
 * sync-server/synthesis/plan-memo.ts): a reader that tried to change one would throw instead of changing what the
 * next reader sees. A part already frozen is taken as frozen through.
 */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v as object)) deepFreeze(child);
  }
  return v;
}
