/**
 * The Y.Doc behind each load-generator connection (generator.ts): a plain Y.Doc that empties the list of
 * transactions Yjs has just finished with, as the server's LiveDoc does (sync-server/collab/live-doc.ts).
 *
 * Why: Yjs pushes each transaction into `doc._transactionCleanups` and, when done, replaces that array with a new
 * empty one and hands the old one to 'afterAllTransactions'. A load generator's document hears from the server every
 * second or more, so the new array lives through a scavenge or two and reaches the old generation; the next
 * transaction is pushed into it, and once Yjs drops it, dead but old, its slot still points at that transaction.
 * Scavenges take old-to-young pointers as roots without knowing their holder is dead, so every transaction (its
 * before/after state maps, change maps, delete set) was copied and promoted. At 500 sessions each generator's
 * scavenges promoted about 1.5 MB a second of it and its copies, and scavenges are the longest turns a generator runs
 * on its own (its stalls add to every latency it measures). Emptied, the dead array points at nothing young.
 * Nothing in the generator listens to 'afterAllTransactions'; a listener added after this one would find the list
 * empty.
 */
import * as Y from 'yjs';

const forgetEnded = (_doc: Y.Doc, ended: Y.Transaction[]): void => {
  ended.length = 0;
};

export function clientDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.on('afterAllTransactions', forgetEnded);
  return doc;
}
