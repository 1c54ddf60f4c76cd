/**
 * SQLite persistence of Yjs documents: an append-only log of updates
 * (`yjs_updates`) plus at most one compacted snapshot per document
 * (`yjs_snapshots`) that replaces every update up to `upto_seq`.
 *
 * Durability: every update a client sends is appended here, in its own INSERT,
 * before the server relays it to anyone (see live-doc.ts). With WAL and
 * `synchronous = NORMAL` (db/open.ts) a committed INSERT survives the server
 * process being killed; it may not survive a power cut before the next
 * checkpoint. So "acknowledged" means: another client has received the update,
 * or its sender got the server's answer to a later sync step 1 on the same
 * connection — in both cases the INSERT has committed.
 *
 * Compaction rebuilds the snapshot from what is stored, never from the
 * in-memory document, so a document that failed to load (or is empty in
 * memory for any reason) can never overwrite stored content.
 */
import * as Y from 'yjs';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

export interface LoadedDoc {
  doc: Y.Doc;
  /** Updates stored after the snapshot; drives compaction. */
  storedUpdates: number;
  /** Sequence numbers of stored rows that could not be applied (left in place, never compacted away). */
  unreadable: number[];
  /** Highest sequence number included (the snapshot's `upto_seq` or the last row's); 0 when nothing is stored. */
  lastSeq: number;
  /** Bytes stored for the document: its snapshot plus the updates after it (the size cap counts these). */
  storedBytes: number;
}

/** A stored document and the highest sequence number its storage holds. */
export interface StoredDocSeq {
  doc: string;
  lastSeq: number;
}

export type CompactionResult =
  | { compacted: true; rows: number; bytesBefore: number; bytesAfter: number }
  | { compacted: false; reason: 'nothing-to-do' | 'unreadable-row' | 'would-empty' };

interface SnapshotRow {
  state: Buffer;
  upto_seq: number;
}
interface UpdateRow {
  seq: number;
  update_data: Buffer;
}

function hasContent(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length > 0 || ds.clients.size > 0;
}

export class DocStore {
  private readonly insertUpdate: Statement<[string, Uint8Array, number]>;
  private readonly selectSnapshot: Statement<[string], SnapshotRow>;
  private readonly selectUpdatesAfter: Statement<[string, number], UpdateRow>;
  private readonly upsertSnapshot: Statement<[string, Uint8Array, number, number]>;
  private readonly deleteUpdatesUpTo: Statement<[string, number]>;
  private readonly selectRevoked: Statement<[string], { jti: string }>;
  private readonly insertRevoked: Statement<[string, number]>;
  private readonly selectAllRevoked: Statement<[], { jti: string }>;
  private readonly selectStoredDocs: Statement<[], StoredDocSeq>;
  private readonly selectLastSeq: Statement<[string, string], { lastSeq: number | null }>;
  private readonly selectClientOwner: Statement<[string, number], { owner: string }>;
  private readonly insertClientOwner: Statement<[string, number, string, number]>;

  constructor(private readonly db: Db) {
    this.insertUpdate = db.prepare('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES (?, ?, ?)');
    this.selectSnapshot = db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?');
    this.selectUpdatesAfter = db.prepare('SELECT seq, update_data FROM yjs_updates WHERE doc = ? AND seq > ? ORDER BY seq');
    this.upsertSnapshot = db.prepare(
      `INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(doc) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
    );
    this.deleteUpdatesUpTo = db.prepare('DELETE FROM yjs_updates WHERE doc = ? AND seq <= ?');
    this.selectRevoked = db.prepare('SELECT jti FROM revoked_tokens WHERE jti = ?');
    this.insertRevoked = db.prepare('INSERT OR IGNORE INTO revoked_tokens (jti, revoked_at) VALUES (?, ?)');
    this.selectAllRevoked = db.prepare('SELECT jti FROM revoked_tokens');
    this.selectStoredDocs = db.prepare(
      `SELECT doc, MAX(seq) AS lastSeq FROM (
         SELECT doc, upto_seq AS seq FROM yjs_snapshots
         UNION ALL SELECT doc, MAX(seq) AS seq FROM yjs_updates GROUP BY doc
       ) GROUP BY doc ORDER BY doc`,
    );
    this.selectLastSeq = db.prepare(
      `SELECT MAX(seq) AS lastSeq FROM (
         SELECT upto_seq AS seq FROM yjs_snapshots WHERE doc = ?
         UNION ALL SELECT MAX(seq) AS seq FROM yjs_updates WHERE doc = ?
       )`,
    );
    this.selectClientOwner = db.prepare('SELECT owner FROM yjs_client_owners WHERE doc = ? AND client = ?');
    this.insertClientOwner = db.prepare('INSERT OR IGNORE INTO yjs_client_owners (doc, client, owner, claimed_at) VALUES (?, ?, ?, ?)');
  }

  /**
   * Builds the document from its snapshot and later updates. A row that cannot
   * be applied is skipped and reported, not deleted: the clients' own copies
   * fill the gap when they sync, and the row stays for inspection.
   */
  load(name: string): LoadedDoc {
    const doc = new Y.Doc({ gc: true });
    const unreadable: number[] = [];
    const read = this.db.transaction(() => {
      const snapshot = this.selectSnapshot.get(name);
      const rows = this.selectUpdatesAfter.all(name, snapshot?.upto_seq ?? 0);
      return { snapshot, rows };
    });
    const { snapshot, rows } = read();
    let storedBytes = snapshot?.state.length ?? 0;
    for (const row of rows) storedBytes += row.update_data.length;
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
    const lastSeq = Math.max(snapshot?.upto_seq ?? 0, rows.length > 0 ? rows[rows.length - 1]!.seq : 0);
    return { doc, storedUpdates: rows.length, unreadable, lastSeq, storedBytes };
  }

  /** Appends one update and returns its sequence number; throws when SQLite does (the caller keeps it and retries). */
  append(name: string, update: Uint8Array, now = Date.now()): number {
    return Number(this.insertUpdate.run(name, update, now).lastInsertRowid);
  }

  /** Appends several updates in one transaction (retries of failed writes); returns their sequence numbers in order. */
  appendAll(name: string, updates: readonly Uint8Array[], now = Date.now()): number[] {
    return this.db.transaction(() => updates.map((u) => Number(this.insertUpdate.run(name, u, now).lastInsertRowid)))();
  }

  /** Every stored document with the highest sequence number it holds (projections compare it with their watermarks). */
  storedDocs(): StoredDocSeq[] {
    return this.selectStoredDocs.all();
  }

  /** The highest sequence number stored for one document; 0 when none. */
  lastSeq(name: string): number {
    return this.selectLastSeq.get(name, name)?.lastSeq ?? 0;
  }

  /**
   * Replaces the snapshot and the updates it covers with one compacted state,
   * in one transaction. Refuses when a stored row cannot be read, and when the
   * result would be empty although stored rows had content.
   */
  compact(name: string, now = Date.now()): CompactionResult {
    return this.db.transaction((): CompactionResult => {
      const snapshot = this.selectSnapshot.get(name);
      const rows = this.selectUpdatesAfter.all(name, snapshot?.upto_seq ?? 0);
      if (rows.length === 0) return { compacted: false, reason: 'nothing-to-do' };
      const doc = new Y.Doc({ gc: true });
      let bytesBefore = 0;
      let storedContent = false;
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
        }
      } catch {
        doc.destroy();
        return { compacted: false, reason: 'unreadable-row' };
      }
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      if (storedContent && !hasContent(state)) return { compacted: false, reason: 'would-empty' };
      const upto = rows[rows.length - 1]!.seq;
      this.upsertSnapshot.run(name, state, upto, now);
      this.deleteUpdatesUpTo.run(name, upto);
      return { compacted: true, rows: rows.length, bytesBefore, bytesAfter: state.length };
    })();
  }

  /** The writer (update-policy.ts ownerKey) that first used a Yjs client id in a document, or null when none has yet. */
  clientOwner(name: string, client: number): string | null {
    return this.selectClientOwner.get(name, client)?.owner ?? null;
  }

  /** Binds a Yjs client id to a writer in a document; the first binding stays. */
  claimClient(name: string, client: number, owner: string, now = Date.now()): void {
    this.insertClientOwner.run(name, client, owner, now);
  }

  isRevoked(jti: string): boolean {
    return this.selectRevoked.get(jti) !== undefined;
  }

  revoke(jti: string, now = Date.now()): void {
    this.insertRevoked.run(jti, now);
  }

  allRevoked(): string[] {
    return this.selectAllRevoked.all().map((r) => r.jti);
  }
}
