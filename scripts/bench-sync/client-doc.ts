/**
 * The Y.Doc behind each load-generator connection (generator.ts): a plain Y.Doc that empties the list of
 * transactions Yjs has just finished with, as the server's LiveDoc does (sync-server/collab/live-doc.ts), and that
 * emits its events without building anything for an event nobody listens to.
 *
 * Why the list: Yjs pushes each transaction into `doc._transactionCleanups` and, when done, replaces that array with a new
 * empty one and hands the old one to 'afterAllTransactions'. A load generator's document hears from the server every
 * second or more, so the new array lives through a scavenge or two and reaches the old generation; the next
 * transaction is pushed into it, and once Yjs drops it, dead but old, its slot still points at that transaction.
 * Scavenges take old-to-young pointers as roots without knowing their holder is dead, so every transaction (its
 * before/after state maps, change maps, delete set) was copied and promoted. At 500 sessions each generator's
 * scavenges promoted about 1.5 MB a second of it and its copies, and scavenges are the longest turns a generator runs
 * on its own (its stalls add to every latency it measures). Emptied, the dead array points at nothing young.
 * Nothing in the generator listens to 'afterAllTransactions'; a listener added after this one would find the list
 * empty.
 *
 * Why the emit (emitListened): Yjs emits five events per transaction (beforeTransaction, beforeObserverCalls,
 * afterTransaction, afterTransactionCleanup, afterAllTransactions), and lib0's emit builds a new Map for each one
 * nobody listens to, then an array and an iterator of its listeners: 8-9 KB of the ~104 KB a generator allocated
 * per update it sent (sampling heap profile of a generator's window, 100 sessions paired), and lib0's emit was 3 % of
 * its busy CPU samples at 500 sessions. Allocation is what sets how often a generator scavenges.
 */
import * as Y from 'yjs';

const forgetEnded = (_doc: Y.Doc, ended: Y.Transaction[]): void => {
  ended.length = 0;
};

/**
 * lib0's ObservableV2.emit without the allocation when nobody listens: the same listeners, in the order they were
 * added, on a copy of the list (a listener added or removed while they run changes the next emit, not this one).
 */
function emitListened(this: Y.Doc, name: string, args: unknown[]): void {
  const listeners = this._observers.get(name as never) as Set<(...a: unknown[]) => void> | undefined;
  if (listeners === undefined || listeners.size === 0) return;
  for (const listener of Array.from(listeners)) listener(...args);
}

export function clientDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.emit = emitListened as Y.Doc['emit'];
  doc.on('afterAllTransactions', forgetEnded);
  return doc;
}
