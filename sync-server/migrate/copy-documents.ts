/**
 * Copies every stored Yjs document through the document stores' own interface (load on the source, commit on the
 * target): each document goes over as its stored state (snapshot plus every row left, built as a load builds it),
 * encoded as one update, with its client-id owners, in one commit per document. A document the target already
 * holds (an interrupted move, --resume) gets only what it lacks: nothing when its state already equals the source's,
 * else the difference from the target's state vector. So running it again adds no duplicate rows.
 */
import * as Y from 'yjs';
import type { DocumentStorage } from '../storage/document-storage';

export interface Progress {
  (step: string, done: number, total: number, unit?: 'bytes'): void;
}

export interface DocumentCopyReport {
  documents: number;
  /** Documents written now (the rest were already complete in the target). */
  written: number;
  /** Source rows a load could not apply (left out, as the server leaves them out of the document it serves). */
  unreadable: Array<{ doc: string; seqs: number[] }>;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/** Equal state vectors and equal encoded states: the same document. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return sameBytes(Y.encodeStateVector(a), Y.encodeStateVector(b)) && sameBytes(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b));
}

export async function copyDocuments(source: DocumentStorage, target: DocumentStorage, progress: Progress): Promise<DocumentCopyReport> {
  const docs = (await source.storedDocs()).map((d) => d.doc);
  const report: DocumentCopyReport = { documents: docs.length, written: 0, unreadable: [] };
  progress('Documents', 0, docs.length);
  for (const [i, name] of docs.entries()) {
    const src = await source.load(name);
    const there = await target.load(name);
    try {
      if (src.unreadable.length > 0) report.unreadable.push({ doc: name, seqs: src.unreadable });
      const claims = [...src.owners].map(([client, owner]) => ({ client, owner }));
      let update: Uint8Array | null = Y.encodeStateAsUpdate(src.doc);
      if (there.lastSeq > 0) update = sameState(src.doc, there.doc) ? null : Y.encodeStateAsUpdate(src.doc, Y.encodeStateVector(there.doc));
      // The owners go with the state in one transaction (a crash leaves both or neither); a first binding stays.
      if (update) {
        await target.commit(name, [update], claims);
        report.written++;
      }
    } finally {
      src.doc.destroy();
      there.doc.destroy();
    }
    progress('Documents', i + 1, docs.length);
  }
  return report;
}

export interface DocumentCheck {
  documents: number;
  /** Documents whose state vector or encoded state differs, or whose client-id owners differ. */
  different: string[];
  /** Documents the target holds that the source does not. */
  extra: string[];
}

/** Loads every document from both stores and compares state vector, encoded state and client-id owners. */
export async function verifyDocuments(source: DocumentStorage, target: DocumentStorage): Promise<DocumentCheck> {
  const names = (await source.storedDocs()).map((d) => d.doc);
  const known = new Set(names);
  const extra = (await target.storedDocs()).map((d) => d.doc).filter((d) => !known.has(d));
  const different: string[] = [];
  for (const name of names) {
    const a = await source.load(name);
    const b = await target.load(name);
    try {
      const ownersEqual = a.owners.size === b.owners.size && [...a.owners].every(([client, owner]) => b.owners.get(client) === owner);
      if (!sameState(a.doc, b.doc) || !ownersEqual) different.push(name);
    } finally {
      a.doc.destroy();
      b.doc.destroy();
    }
  }
  return { documents: names.length, different, extra };
}
