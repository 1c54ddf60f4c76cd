/**
 * Ids for records appended to shared Yjs arrays (chat messages, reactions,
 * audience submissions). Two devices appending while offline must never mint
 * the same id, so an id combines the document's Yjs client id, a per-process
 * counter and random bits; `crypto.getRandomValues` works on plain-http LAN
 * origins too, where `crypto.randomUUID` is missing.
 */
let counter = 0;

function randomPart(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function newRecordId(prefix: string, clientId: number): string {
  counter += 1;
  return `${prefix}-${clientId.toString(36)}-${counter.toString(36)}-${randomPart()}`;
}

/** Keeps the first record of each id, in order: a copy that arrives twice is shown once. */
export function uniqueById<T extends { id: string }>(records: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}
