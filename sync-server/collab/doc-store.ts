/**
 * SQLite persistence of Yjs documents: an append-only log of updates
 * (`yjs_updates`) plus at most one compacted snapshot per document
 * (`yjs_snapshots`) that replaces the rows folded into it. Synchronous (better-sqlite3);
 * the collab core reaches it through the asynchronous seam
 * (sync-server/storage/sqlite-document-storage.ts), the projector directly.
 *
 * Durability: every update a client sends is written here, in a committed
 * transaction, before the server relays it to anyone (live-doc.ts, commit-queue.ts).
 * With WAL and `synchronous = NORMAL` (db/open.ts) a committed INSERT survives the server
 * process being killed; it may not survive a power cut before the WAL's next
 * sync, at most a second later (wal-checkpointer.ts). So "acknowledged" means: another client has received the update,
 * or its sender got the server's answer to a later sync step 1 on the same
 * connection — in both cases the INSERT has committed.
 *
 * Sequence numbers grow per document and across the database and are never reused: a row's seq is one above the
 * highest row left and the highest row ever deleted (`yjs_seq_high_water`, raised by a trigger on every delete;
 * migration 8). Projection watermarks and the compaction's "seq > upto_seq" read rely on it. The main connection is
 * the only one that inserts rows (the compaction thread and interview deletion only delete), so the next seq is
 * counted in memory (SeqCounter below), read from both marks once per connection, not by two subqueries per row.
 *
 * Compaction rebuilds the snapshot from what is stored, never from the
 * in-memory document, so a document that failed to load (or is empty in
 * memory for any reason) can never overwrite stored content. It deletes exactly
 * the rows it folded (by seq), and a load reads the snapshot plus every row left:
 * the same rule as the PostgreSQL store, where sequence values are not in commit order.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import type { ClientClaim, CompactionResult, LoadedDoc, StoredDocSeq } from '../storage/document-storage';
import { buildDoc, foldRows, type SnapshotRow, type UpdateRow } from '../storage/yjs-rows';

export type { CompactionResult, LoadedDoc, StoredDocSeq } from '../storage/document-storage';

/** One document's part of a turn's transaction (collab/turn-commits.ts). */
interface TurnBatchRows {
  name: string;
  updates: readonly Uint8Array[];
  claims: readonly ClientClaim[];
}

/**
 * The highest seq handed out on one connection, shared by every DocStore on it (a second store on the same handle
 * must not count from its own copy). Read once from the database: the highest row left, the highest row ever
 * deleted (`yjs_seq_high_water`) and the highest snapshot's `upto_seq`.
 */
interface SeqCounter {
  last: number;
}
const seqCounters = new WeakMap<Db, SeqCounter>();

/** One interview's document names as a key range: from `<id>.` (inclusive) to `<id>/` (exclusive). */
interface InterviewRange {
  from: string;
  to: string;
}
function interviewRange(interviewId: string): InterviewRange {
  return { from: `${interviewId}.`, to: `${interviewId}/` };
}

/** A row with this seq exists already: another connection inserted rows (a tool, a test); the counter is re-read. */
function isSeqTaken(err: unknown): boolean {
  return (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A document commit asked for inside another transaction on the same connection. better-sqlite3 turns a nested
 * transaction into a savepoint and a single INSERT joins the open transaction, so the rows would be durable only when
 * the outer transaction commits, yet the commit queue (live-doc.ts) relays them as stored as soon as the call returns.
 * Nothing is written; the queue keeps the batch and retries it, outside, with backoff.
 */
export class NestedCommitError extends Error {
  constructor() {
    super('document updates must be committed in their own transaction, not inside another one on the same connection');
    this.name = 'NestedCommitError';
  }
}

export class DocStore {
  private readonly insertUpdate: Statement<[number, string, Uint8Array, number]>;
  private readonly selectHighestSeq: Statement<[], { top: number }>;
  private readonly seq: SeqCounter;
  private readonly selectSnapshot: Statement<[string], SnapshotRow>;
  private readonly selectRows: Statement<[string], UpdateRow>;
  private readonly upsertSnapshot: Statement<[string, Uint8Array, number, number]>;
  private readonly deleteRow: Statement<[number]>;
  private readonly selectRevoked: Statement<[string], { jti: string }>;
  private readonly insertRevoked: Statement<[string, number]>;
  private readonly selectAllRevoked: Statement<[], { jti: string }>;
  private readonly selectStoredDocs: Statement<[], StoredDocSeq>;
  private readonly selectLastSeq: Statement<[string, string], { lastSeq: number | null }>;
  private readonly selectClientOwner: Statement<[string, number], { owner: string }>;
  private readonly selectOwners: Statement<[string], { client: number; owner: string }>;
  private readonly insertClientOwner: Statement<[string, number, string, number]>;
  private readonly selectInterviewDocs: Statement<[InterviewRange], { doc: string }>;
  private readonly deleteInterviewRows: Statement<[InterviewRange]>;
  private readonly deleteInterviewSnapshots: Statement<[InterviewRange]>;
  private readonly deleteInterviewOwners: Statement<[InterviewRange]>;
  /**
   * Made once: better-sqlite3's `db.transaction(fn)` builds four wrapper functions and defines their properties on
   * every call, and a commit runs once per turn that stored a client update.
   */
  private readonly commitManyTx: (batches: readonly TurnBatchRows[], now: number) => number[][];

  constructor(private readonly db: Db) {
    // The seq comes from the connection's counter (SeqCounter): one above the highest row left and the highest row
    // ever deleted, as the two max() subqueries this statement had computed per row (a b-tree seek each).
    this.insertUpdate = db.prepare('INSERT INTO yjs_updates (seq, doc, update_data, created_at) VALUES (?, ?, ?, ?)');
    // Each max() a bare subquery so SQLite's min/max optimisation applies (one b-tree seek); ifnull outside it.
    this.selectHighestSeq = db.prepare(
      `SELECT max(ifnull((SELECT max(seq) FROM yjs_updates), 0), ifnull((SELECT seq FROM yjs_seq_high_water WHERE id = 1), 0),
                  ifnull((SELECT max(upto_seq) FROM yjs_snapshots), 0)) AS top`,
    );
    let counter = seqCounters.get(db);
    if (!counter) seqCounters.set(db, (counter = { last: this.selectHighestSeq.get()!.top }));
    this.seq = counter;
    this.selectSnapshot = db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?');
    this.selectRows = db.prepare('SELECT seq, update_data FROM yjs_updates WHERE doc = ? ORDER BY seq');
    this.upsertSnapshot = db.prepare(
      `INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(doc) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
    );
    this.deleteRow = db.prepare('DELETE FROM yjs_updates WHERE seq = ?');
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
    this.selectOwners = db.prepare('SELECT client, owner FROM yjs_client_owners WHERE doc = ?');
    this.insertClientOwner = db.prepare('INSERT OR IGNORE INTO yjs_client_owners (doc, client, owner, claimed_at) VALUES (?, ?, ?, ?)');
    // Names from `<id>.` up to, not including, `<id>/` ('/' follows '.'): exactly the names that start with `<id>.`,
    // as a key range every table's index on doc seeks; `substr(doc, 1, n) = prefix` read every row's name instead.
    const ofInterview = 'doc >= @from AND doc < @to';
    this.selectInterviewDocs = db.prepare(
      `SELECT doc FROM yjs_updates WHERE ${ofInterview} UNION SELECT doc FROM yjs_snapshots WHERE ${ofInterview} ORDER BY doc`,
    );
    this.deleteInterviewRows = db.prepare(`DELETE FROM yjs_updates WHERE ${ofInterview}`);
    this.deleteInterviewSnapshots = db.prepare(`DELETE FROM yjs_snapshots WHERE ${ofInterview}`);
    this.deleteInterviewOwners = db.prepare(`DELETE FROM yjs_client_owners WHERE ${ofInterview}`);
    this.commitManyTx = db.transaction((batches: readonly TurnBatchRows[], now: number): number[][] => {
      const seqs = new Array<number[]>(batches.length);
      for (let i = 0; i < batches.length; i++) {
        const b = batches[i]!;
        seqs[i] = this.writeBatch(b.name, b.updates, b.claims, now);
      }
      return seqs;
    });
  }

  /** Builds the document from its snapshot and every row left (yjs-rows.ts buildDoc), with its client-id owners. */
  load(name: string): LoadedDoc {
    const { snapshot, rows, owners } = this.db.transaction(() => ({
      snapshot: this.selectSnapshot.get(name),
      rows: this.selectRows.all(name),
      owners: this.selectOwners.all(name),
    }))();
    const built = buildDoc(snapshot, rows, name);
    return { ...built, owners: new Map(owners.map((o) => [o.client, o.owner])) };
  }

  /** Appends one update and returns its sequence number; throws when SQLite does (the caller keeps it and retries). */
  append(name: string, update: Uint8Array, now = Date.now()): number {
    return this.commitMany([{ name, updates: [update], claims: [] }], now)[0]![0]!;
  }

  /** Appends updates and binds client ids in one transaction; returns the updates' sequence numbers in order. */
  commit(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[] = [], now = Date.now()): number[] {
    return this.commitMany([{ name, updates, claims }], now)[0]!;
  }

  /**
   * Commits several documents' batches in one transaction (turn-commits.ts): all of them or none; returns each
   * batch's sequence numbers in order. A turn that stored one update and claimed no client id (the common case) is
   * one INSERT in autocommit mode: a single statement is atomic and committed when it returns, exactly as inside
   * BEGIN/COMMIT, without those two statements (bench:sync-store, see docs/architecture/storage.md).
   */
  commitMany(batches: readonly TurnBatchRows[], now = Date.now()): number[][] {
    // Inside a caller's transaction these rows would commit only with it (and vanish with its rollback), while the
    // caller is told they are stored and relays them: refused, so "stored before relayed" cannot be broken by a caller.
    if (this.db.inTransaction) throw new NestedCommitError();
    try {
      return this.writeTurn(batches, now);
    } catch (err) {
      if (!isSeqTaken(err)) throw err;
      // Nothing of the failed write stayed (the statement or its transaction rolled back): count from what is stored.
      this.seq.last = Math.max(this.seq.last, this.selectHighestSeq.get()!.top);
      return this.writeTurn(batches, now);
    }
  }

  private writeTurn(batches: readonly TurnBatchRows[], now: number): number[][] {
    const only = batches.length === 1 ? batches[0]! : null;
    if (only !== null && only.updates.length === 1 && only.claims.length === 0) return [[this.insertRow(only.name, only.updates[0]!, now)]];
    return this.commitManyTx(batches, now);
  }

  /** One row with the next seq; the counter moves only once the row is in (a refused insert hands out nothing). */
  private insertRow(name: string, update: Uint8Array, now: number): number {
    const seq = this.seq.last + 1;
    this.insertUpdate.run(seq, name, update, now);
    this.seq.last = seq;
    return seq;
  }

  /** One document's updates and client-id claims, inside the caller's transaction; the updates' sequence numbers. */
  private writeBatch(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now: number): number[] {
    const seqs = new Array<number>(updates.length);
    for (let i = 0; i < updates.length; i++) seqs[i] = this.insertRow(name, updates[i]!, now);
    for (const c of claims) this.insertClientOwner.run(name, c.client, c.owner, now);
    return seqs;
  }

  /** Appends several updates in one transaction; returns their sequence numbers in order. */
  appendAll(name: string, updates: readonly Uint8Array[], now = Date.now()): number[] {
    return this.commit(name, updates, [], now);
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
   * Replaces the snapshot and the rows it covers with one compacted state, in one transaction, deleting exactly
   * the rows folded. Refuses when a stored row cannot be read, and when the result would be empty although stored
   * rows had content.
   */
  compact(name: string, now = Date.now()): CompactionResult {
    return this.db.transaction((): CompactionResult => {
      const snapshot = this.selectSnapshot.get(name);
      const rows = this.selectRows.all(name);
      const fold = foldRows(snapshot, rows);
      if (!fold.ok) return { compacted: false, reason: fold.reason };
      this.upsertSnapshot.run(name, fold.state, fold.uptoSeq, now);
      for (const row of rows) this.deleteRow.run(row.seq);
      return { compacted: true, rows: rows.length, bytesBefore: fold.bytesBefore, bytesAfter: fold.state.length, uptoSeq: fold.uptoSeq };
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

  /** Names of every stored document of one interview (document names are `<id>.<kind>`, ids [a-z0-9-]: the prefix is exact). */
  interviewDocs(interviewId: string): string[] {
    return this.selectInterviewDocs.all(interviewRange(interviewId)).map((r) => r.doc);
  }

  /** Deletes one interview's updates, snapshots and client-id owners in one transaction; returns how many documents it held. */
  deleteInterviewDocs(interviewId: string): number {
    const args = interviewRange(interviewId);
    return this.db.transaction(() => {
      const documents = this.selectInterviewDocs.all(args).length;
      this.deleteInterviewRows.run(args);
      this.deleteInterviewSnapshots.run(args);
      this.deleteInterviewOwners.run(args);
      return documents;
    })();
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
