/**
 * What both document stores do with stored rows once read: build the Y.Doc a
 * load serves, and fold rows into a compacted snapshot. Pure (no database), so
 * SQLite and PostgreSQL apply exactly the same rules.
 */
import * as Y from 'yjs';

export interface SnapshotRow {
  state: Uint8Array;
  upto_seq: number;
}
export interface UpdateRow {
  seq: number;
  update_data: Uint8Array;
}

export function hasContent(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length > 0 || ds.clients.size > 0;
}

/**
 * A Y.Doc without a random guid. Yjs draws a uuidv4 for every new document (31 calls into the crypto RNG); the guid
 * only names subdocuments, which InterQ does not use, so the document's name serves. That was a fifth of a
 * projection rebuild's time (every stored document is loaded once).
 */
export function namedDoc(name: string): Y.Doc {
  return new Y.Doc({ gc: true, guid: name });
}

/**
 * Builds the document from its snapshot and every remaining row. A row that cannot be applied is skipped and
 * reported, not deleted: the clients' own copies fill the gap when they sync, and the row stays for inspection.
 */
export function buildDoc(
  snapshot: SnapshotRow | undefined,
  rows: readonly UpdateRow[],
  name = 'stored',
): { doc: Y.Doc; unreadable: number[]; lastSeq: number; storedBytes: number; storedUpdates: number } {
  const doc = namedDoc(name);
  const unreadable: number[] = [];
  let storedBytes = snapshot?.state.length ?? 0;
  let lastSeq = snapshot?.upto_seq ?? 0;
  for (const row of rows) {
    storedBytes += row.update_data.length;
    lastSeq = Math.max(lastSeq, row.seq);
  }
  Y.transact(doc, () => {
    if (snapshot) {
      try {
        Y.applyUpdate(doc, snapshot.state);
      } catch {
        unreadable.push(snapshot.upto_seq);
      }
    }
    for (const row of rows) {
      try {
        Y.applyUpdate(doc, row.update_data);
      } catch {
        unreadable.push(row.seq);
      }
    }
  });
  return { doc, unreadable, lastSeq, storedBytes, storedUpdates: rows.length };
}

export type Fold =
  | { ok: true; state: Uint8Array; bytesBefore: number; uptoSeq: number }
  | { ok: false; reason: 'nothing-to-do' | 'unreadable-row' | 'would-empty' };

/** The compacted state of a snapshot plus rows; refuses an unreadable row and a result emptier than its input. */
export function foldRows(snapshot: SnapshotRow | undefined, rows: readonly UpdateRow[]): Fold {
  if (rows.length === 0) return { ok: false, reason: 'nothing-to-do' };
  const doc = namedDoc('fold');
  let bytesBefore = 0;
  let storedContent = false;
  let uptoSeq = snapshot?.upto_seq ?? 0;
  try {
    if (snapshot) {
      Y.applyUpdate(doc, snapshot.state);
      bytesBefore += snapshot.state.length;
      storedContent ||= hasContent(snapshot.state);
    }
    for (const row of rows) {
      Y.applyUpdate(doc, row.update_data);
      bytesBefore += row.update_data.length;
      storedContent ||= hasContent(row.update_data);
      uptoSeq = Math.max(uptoSeq, row.seq);
    }
  } catch {
    doc.destroy();
    return { ok: false, reason: 'unreadable-row' };
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  if (storedContent && !hasContent(state)) return { ok: false, reason: 'would-empty' };
  return { ok: true, state, bytesBefore, uptoSeq };
}
