/**
 * Lists read from a shared document, parsed once per change of what they are read from.
 *
 * Every record read back from a shared document is checked against its schema (valid-records.ts): a thousand
 * reactions cost tens of milliseconds, and the staff screens read the same lists again on every tab opened, every
 * count in a badge, every render of a panel that the guest's keystrokes redraw. Here a read is kept with the
 * versions of the top-level types it read (`chat`, `reactions`, …); it is served again until one of those types
 * changes, so a chat message arriving does not make the reactions be parsed again.
 *
 * A type's version moves on Yjs' `beforeObserverCalls`, which fires once per transaction after all of its changes
 * and before any observer or `update` listener runs: whoever is told of a change (useDocVersion, an observer) and
 * reads then gets the new list. That covers every way a document changes (one's own write, an update from the
 * server, an undo, a document loaded from this device's store) because all of them are Yjs transactions. A read in
 * the middle of a transaction is kept under the old version and dropped when the transaction ends.
 *
 * What is served is shared between callers, so it is frozen: a caller that sorted or edited it would change it for
 * every other screen.
 */
import type * as Y from 'yjs';

/** Any shared type (Y.Array, Y.Map, …): each names its events' type, which does not matter here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

interface DocReads {
  /** Version of each top-level type that has changed since the first read of this document (absent: 0). */
  versions: WeakMap<SharedType, number>;
  /** Transactions that changed any type of the document since its first read (its document-wide version). */
  changes: number;
  reads: Map<string, { versions: number[]; value: unknown }>;
  /** Told of each transaction that changed something, after the versions moved (followChanges). */
  followers: Array<(transaction: Y.Transaction) => void>;
  /** The last transaction this module was told of: every one before it was told too (Yjs tells them in order). */
  lastTold: Y.Transaction | null;
}

const docs = new WeakMap<Y.Doc, DocReads>();

function readsOf(doc: Y.Doc): DocReads {
  let state = docs.get(doc);
  if (state) return state;
  const fresh: DocReads = { versions: new WeakMap(), changes: 0, reads: new Map(), followers: [], lastTold: null };
  doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
    fresh.lastTold = transaction;
    if (transaction.changed.size === 0) return;
    // `changed` holds each type whose content changed (an insert, a delete, a map key set) in this transaction.
    // The records are plain values in top-level types, but a nested type's change is carried up to its root too.
    for (const type of transaction.changed.keys()) {
      const root = rootOf(type);
      fresh.versions.set(root, (fresh.versions.get(root) ?? 0) + 1);
    }
    fresh.changes++;
    for (const follow of fresh.followers) follow(transaction);
  });
  docs.set(doc, fresh);
  state = fresh;
  return state;
}

function rootOf(type: SharedType): SharedType {
  let t = type;
  while (t._item !== null && t._item.parent !== null && typeof t._item.parent === 'object') t = t._item.parent as SharedType;
  return t;
}

/**
 * `read()`'s result, computed again only when one of `types` (top-level types of `doc`) changed since it was last
 * computed under the same `key`. `key` names the read and its arguments ("reactions", "comments|q-2"): two reads
 * under one key must be the same function of the document.
 */
export function cachedRead<T>(doc: Y.Doc, key: string, types: readonly SharedType[], read: () => T): T {
  const state = readsOf(doc);
  const versions = types.map((t) => state.versions.get(t) ?? 0);
  const kept = state.reads.get(key);
  if (kept && sameVersions(kept.versions, versions)) return kept.value as T;
  const value = read();
  if (Array.isArray(value)) Object.freeze(value);
  state.reads.set(key, { versions, value });
  return value;
}

/**
 * How many changes to `types` (top-level types of `doc`) this module has seen: the count stays the same exactly while
 * none of them changes, so a reader that noted it when it last read can tell later, without reading, whether what it
 * read moved. Counting starts at the document's first read or call here.
 */
export function changesOf(doc: Y.Doc, types: readonly SharedType[]): number {
  const { versions } = readsOf(doc);
  let n = 0;
  for (const t of types) n += versions.get(t) ?? 0;
  return n;
}

/**
 * How many transactions changed anything in `doc` since this module first saw it: the count stays the same exactly
 * while the document holds what it held (every change, local or received, runs in a transaction that changes a type).
 * One count for the whole document, for a reader that depends on all of it (the wrap-up's joined plan).
 */
export function docChanges(doc: Y.Doc): number {
  return readsOf(doc).changes;
}

/**
 * Calls `take` with each later transaction of `doc` that changed something, once, on the same `beforeObserverCalls`
 * as the versions (before any observer or `update` listener), for a reader that keeps a result from each change's
 * own delta (valid-id-count.ts). `take` must not throw: it runs inside Yjs' cleanup of the transaction.
 */
export function followChanges(doc: Y.Doc, take: (transaction: Y.Transaction) => void): void {
  readsOf(doc).followers.push(take);
}

/**
 * Whether every change made to `doc` so far has been told (versions, docChanges, followChanges): false inside a
 * transaction, and while a transaction opened by an observer waits for the current one's observers to finish.
 */
export function allChangesTold(doc: Y.Doc): boolean {
  if (doc._transaction !== null) return false;
  const cleanups = doc._transactionCleanups;
  return cleanups.length === 0 || cleanups[cleanups.length - 1] === docs.get(doc)?.lastTold;
}

function sameVersions(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
