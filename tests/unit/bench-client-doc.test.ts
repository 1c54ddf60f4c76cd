/**
 * bench:sync's load-generator documents (scripts/bench-sync/client-doc.ts) keep no pointer to a Yjs transaction once
 * Yjs is done with it: the list of ended transactions Yjs drops after each one is emptied, so a list grown old in the
 * heap cannot keep transactions alive through the generator's scavenges (#16: the generators' own stalls). The
 * document goes on working as the generator uses it: its own writes encode an update, a relayed update applies, and
 * an 'afterTransaction' reader (generator.ts observe) still sees each transaction's states. Real Y.Docs.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clientDoc } from '../../scripts/bench-sync/client-doc';

/** The lists of ended transactions Yjs hands to 'afterAllTransactions' (seen after the document's own listener). */
function endedLists(doc: Y.Doc): Y.Transaction[][] {
  const lists: Y.Transaction[][] = [];
  doc.on('afterAllTransactions', (_doc, ended) => lists.push(ended));
  return lists;
}

describe("a load generator's client document", () => {
  it('empties the list of ended transactions after its own writes and after relayed updates, and still reads and writes', () => {
    const writer = clientDoc();
    const reader = clientDoc();
    const writerLists = endedLists(writer);
    const readerLists = endedLists(reader);
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    // What generator.ts' receive path reads: each remote transaction's clocks before and after.
    const seen: number[] = [];
    reader.on('afterTransaction', (tr: Y.Transaction) => {
      if (!tr.local) seen.push(tr.afterState.get(writer.clientID)! - (tr.beforeState.get(writer.clientID) ?? 0));
    });

    for (let k = 1; k <= 3; k++) writer.getArray('chat').push([{ s: 'host', k, t: k, body: 'looks good so far' }]);
    writer.getMap('transcriptFlags').set('guest#1', { s: 'guest', k: 1, t: 4, body: 'flag' });
    for (const u of updates) Y.applyUpdate(reader, u, 'server');

    // At least one list per transaction (Yjs' first transaction in a document ends in two), every one emptied.
    expect(writerLists.length).toBeGreaterThanOrEqual(4);
    expect(readerLists.length).toBeGreaterThanOrEqual(4);
    expect(writerLists.every((l) => l.length === 0)).toBe(true);
    expect(readerLists.every((l) => l.length === 0)).toBe(true);
    // Yjs keeps a fresh list of its own for the next transaction, not one it handed out.
    const pending = (d: Y.Doc) => (d as unknown as { _transactionCleanups: Y.Transaction[] })._transactionCleanups;
    expect(writerLists.includes(pending(writer))).toBe(false);
    expect(readerLists.includes(pending(reader))).toBe(false);
    expect(seen).toEqual([1, 1, 1, 1]);
    expect(reader.getArray('chat').toJSON().map((m) => (m as { k: number }).k)).toEqual([1, 2, 3]);
    expect(reader.getMap('transcriptFlags').size).toBe(1);

    // Nested transactions (a write inside a transaction) end in one list, emptied too.
    const listsBefore = writerLists.length;
    writer.transact(() => {
      writer.getArray('reactions').push([{ s: 'host', k: 1, t: 5, body: 'nice' }]);
      writer.transact(() => writer.getArray('reactions').push([{ s: 'host', k: 2, t: 6, body: 'nicer' }]));
    });
    expect(writerLists).toHaveLength(listsBefore + 1);
    expect(writerLists.at(-1)).toEqual([]);
    Y.applyUpdate(reader, updates.at(-1)!, 'server');
    expect(reader.getArray('reactions').length).toBe(2);
  });

  it("emits an event nobody listens to without building a Map (lib0's emit builds one for each, five a transaction), and calls the listeners there are as lib0 does", () => {
    const doc = clientDoc();
    const RealMap = globalThis.Map;
    let mapsBuilt = 0;
    globalThis.Map = class extends RealMap<unknown, unknown> {
      constructor(entries?: Iterable<readonly [unknown, unknown]> | null) {
        super(entries);
        mapsBuilt++;
      }
    } as MapConstructor;
    try {
      doc.emit('beforeObserverCalls', [null as unknown as Y.Transaction, doc]);
      doc.emit('afterTransactionCleanup', [null as unknown as Y.Transaction, doc]);
    } finally {
      globalThis.Map = RealMap;
    }
    expect(mapsBuilt).toBe(0);

    // The listeners there are: in the order they were added, with the event's arguments, 'once' once; one added or
    // removed while they run counts from the next emit (lib0 calls a copy of the list).
    const calls: string[] = [];
    const late = () => calls.push('late');
    const second = () => calls.push('second');
    doc.on('afterTransaction', (tr) => {
      calls.push(`first ${String(tr)}`);
      doc.on('afterTransaction', late);
      doc.off('afterTransaction', second);
    });
    doc.on('afterTransaction', second);
    doc.once('afterTransaction', () => calls.push('once'));
    doc.emit('afterTransaction', ['tr' as unknown as Y.Transaction, doc]);
    expect(calls).toEqual(['first tr', 'second', 'once']);
    calls.length = 0;
    doc.emit('afterTransaction', ['tr2' as unknown as Y.Transaction, doc]);
    expect(calls).toEqual(['first tr2', 'late']);
  });
});
