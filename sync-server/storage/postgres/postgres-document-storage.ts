/**
 * PostgreSQL behind the asynchronous seam (document-storage.ts), for several
 * nodes sharing one database (issue #16). Same tables and rules as SQLite:
 * - `commit` is one transaction (updates in order, then client-id claims, first binding kept);
 * - `load` reads snapshot, rows and owners in one REPEATABLE READ transaction, so a compaction committing
 *   between its statements cannot make it miss rows that went into a snapshot it did not read;
 * - with an `epoch` (cluster mode), `commit` and `deleteInterviewDocs` first check and share-lock the interview's lease
 *   row (lease-fence.ts checkEpoch);
 * - `compact` holds a per-document advisory lock, folds what it read and deletes exactly those rows by seq
 *   (sequence values are handed out before commit, so "up to N" could delete a row committed later). The fold (Yjs
 *   merging every row) runs in a worker thread (fold-worker.ts), not on the event loop that relays live updates.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { type ClientClaim, type CompactionResult, type DocumentStorage, type LoadedDoc, type StoredDocSeq } from '../document-storage';
import { parseDocName } from '../../../src/domain/access';
import { buildDoc, foldRows, type SnapshotRow, type UpdateRow } from '../yjs-rows';
import { migratePostgres } from './migrations';
import { startFoldWorker, type Folder } from './fold-worker';
import { listenToPostgres, type ListenOptions } from './pg-listener';
import { inTransaction } from './pg-transaction';
import { checkEpoch } from './lease-fence';
import { DOC_KINDS, docName } from '../../../src/domain/access';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface PostgresStorageOptions {
  /** postgres://user@host:port/db (DATABASE_URL). */
  connectionString: string;
  log: Logger;
  /** Pool size (default 10): one write in flight per document, so a few connections carry many documents. */
  maxConnections?: number;
  /** Fold compactions in a worker thread (default true); false folds on the calling thread (bench:compaction's "before"). */
  foldInWorker?: boolean;
}

/** Every document name an interview can have (parseDocName accepts only these kinds): exact, and uses the doc index. */
const docsOfInterview = (interviewId: string): string[] => DOC_KINDS.map((kind) => docName(interviewId, kind));

/**
 * Owner keys hold a NUL between role and name (update-policy.ts ownerKey), which PostgreSQL's text refuses: they are
 * stored as JSON strings (NUL written as \u0000), an exact and reversible encoding.
 */
const ownerToText = (owner: string): string => JSON.stringify(owner);
const ownerFromText = (text: string): string => JSON.parse(text) as string;

/** The LISTEN/NOTIFY channel revocations are announced on. */
const REVOKED_CHANNEL = 'interq_revoked';
/** An interview whose documents were deleted (its id). */
export const DELETED_CHANNEL = 'interq_deleted';
/** An interview whose wrap-up its owner published (synthesis/wrap-up-mirror.ts). */
export const WRAPUP_CHANNEL = 'interq_wrapup';
/** An interview a link was issued for (postgres-invite-store.ts). */
export const INVITED_CHANNEL = 'interq_invited';

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

interface RawUpdateRow {
  seq: string;
  update_data: Buffer;
}
interface RawSnapshotRow {
  state: Buffer;
  upto_seq: string;
}

const asUpdate = (r: RawUpdateRow): UpdateRow => ({ seq: Number(r.seq), update_data: r.update_data });
const asSnapshot = (r: RawSnapshotRow | undefined): SnapshotRow | undefined => (r ? { state: r.state, upto_seq: Number(r.upto_seq) } : undefined);

export class PostgresDocumentStorage implements DocumentStorage {
  readonly backend = 'postgres' as const;
  private constructor(
    readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly connectionString: string,
    /** The compaction fold's worker thread; null: folds run on this thread. */
    readonly folder: Folder | null,
  ) {}

  /** Connects, applies migrations, and returns the store; rejects with the server's reason when it cannot. */
  static async open(opts: PostgresStorageOptions): Promise<PostgresDocumentStorage> {
    const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.maxConnections ?? 10 });
    // An idle connection the server dropped (restart, network) must not crash the process; the pool replaces it.
    pool.on('error', (err) => opts.log('warn', 'PostgreSQL connection lost; the pool reconnects', { error: err.message }));
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return new PostgresDocumentStorage(pool, opts.log, opts.connectionString, opts.foldInWorker === false ? null : startFoldWorker(opts.log));
  }

  private transaction<T>(begin: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, this.log, fn, begin);
  }

  async load(name: string): Promise<LoadedDoc> {
    const { snapshot, rows, owners } = await this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (c) => {
      const snap = await c.query<RawSnapshotRow>('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = $1', [name]);
      const upd = await c.query<RawUpdateRow>('SELECT seq, update_data FROM yjs_updates WHERE doc = $1 ORDER BY seq', [name]);
      const own = await c.query<{ client: string; owner: string }>('SELECT client, owner FROM yjs_client_owners WHERE doc = $1', [name]);
      return { snapshot: asSnapshot(snap.rows[0]), rows: upd.rows.map(asUpdate), owners: own.rows };
    });
    const built = buildDoc(snapshot, rows, name);
    return { ...built, owners: new Map(owners.map((o) => [Number(o.client), ownerFromText(o.owner)])) };
  }

  async loadMany(names: readonly string[]): Promise<Map<string, LoadedDoc>> {
    const list = [...new Set(names)];
    const read = await this.transaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', async (c) => {
      const snap = await c.query<RawSnapshotRow & { doc: string }>('SELECT doc, state, upto_seq FROM yjs_snapshots WHERE doc = ANY($1::text[])', [list]);
      const upd = await c.query<RawUpdateRow & { doc: string }>('SELECT doc, seq, update_data FROM yjs_updates WHERE doc = ANY($1::text[]) ORDER BY doc, seq', [list]);
      const own = await c.query<{ doc: string; client: string; owner: string }>('SELECT doc, client, owner FROM yjs_client_owners WHERE doc = ANY($1::text[])', [list]);
      return { snap: snap.rows, upd: upd.rows, own: own.rows };
    });
    const snapshots = new Map(read.snap.map((r) => [r.doc, asSnapshot(r)]));
    const rows = new Map<string, UpdateRow[]>();
    for (const r of read.upd) {
      const list = rows.get(r.doc);
      if (list) list.push(asUpdate(r));
      else rows.set(r.doc, [asUpdate(r)]);
    }
    const owners = new Map<string, Map<number, string>>();
    for (const o of read.own) owners.set(o.doc, (owners.get(o.doc) ?? new Map()).set(Number(o.client), ownerFromText(o.owner)));
    return new Map(list.map((name) => [name, { ...buildDoc(snapshots.get(name), rows.get(name) ?? [], name), owners: owners.get(name) ?? new Map() }]));
  }

  async commit(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now = Date.now(), epoch?: number): Promise<number[]> {
    return this.transaction('BEGIN', async (c) => {
      if (epoch !== undefined) await checkEpoch(c, parseDocName(name)?.interviewId ?? name, epoch);
      let seqs: number[] = [];
      if (updates.length > 0) {
        // One statement for the batch; rows are inserted (and numbered) in array order, so sorted seqs match it.
        // Nothing is announced: the other nodes' read models follow what the owner projects, published once a
        // second (postgres-projected-docs.ts), not every commit.
        const res = await c.query<{ seq: string }>(
          `INSERT INTO yjs_updates (doc, update_data, created_at)
           SELECT $1, u, $3 FROM unnest($2::bytea[]) WITH ORDINALITY AS t(u, i) ORDER BY i
           RETURNING seq`,
          [name, updates.map(toBuffer), now],
        );
        seqs = res.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
      }
      if (claims.length > 0) {
        await c.query(
          `INSERT INTO yjs_client_owners (doc, client, owner, claimed_at)
           SELECT $1, client, owner, $4 FROM unnest($2::bigint[], $3::text[]) AS t(client, owner)
           ON CONFLICT (doc, client) DO NOTHING`,
          [name, claims.map((x) => x.client), claims.map((x) => ownerToText(x.owner)), now],
        );
      }
      return seqs;
    });
  }

  async compact(name: string, now = Date.now()): Promise<CompactionResult> {
    return this.transaction('BEGIN', async (c): Promise<CompactionResult> => {
      // One compaction per document at a time (two would both fold and delete the same rows).
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`interq-compact:${name}`]);
      const snap = await c.query<RawSnapshotRow>('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = $1', [name]);
      const upd = await c.query<RawUpdateRow>('SELECT seq, update_data FROM yjs_updates WHERE doc = $1 ORDER BY seq', [name]);
      const rows = upd.rows.map(asUpdate);
      // Off the event loop: the transaction holds only the advisory lock meanwhile (plain reads lock no rows), so
      // commits go on; rows they add are not in `rows` and stay.
      const fold = this.folder ? await this.folder.fold(asSnapshot(snap.rows[0]), rows) : foldRows(asSnapshot(snap.rows[0]), rows);
      if (!fold.ok) return { compacted: false, reason: fold.reason };
      await c.query(
        `INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc) DO UPDATE SET state = excluded.state, upto_seq = GREATEST(yjs_snapshots.upto_seq, excluded.upto_seq), updated_at = excluded.updated_at`,
        [name, toBuffer(fold.state), fold.uptoSeq, now],
      );
      const del = await c.query('DELETE FROM yjs_updates WHERE doc = $1 AND seq = ANY($2::bigint[])', [name, rows.map((r) => r.seq)]);
      if (del.rowCount !== rows.length) throw new Error(`Compaction of ${name} deleted ${del.rowCount} rows, expected ${rows.length}; rolled back`);
      return { compacted: true, rows: rows.length, bytesBefore: fold.bytesBefore, bytesAfter: fold.state.length, uptoSeq: fold.uptoSeq };
    });
  }

  async storedDocs(): Promise<StoredDocSeq[]> {
    const res = await this.pool.query<{ doc: string; last_seq: string }>(
      `SELECT doc, MAX(seq) AS last_seq FROM (
         SELECT doc, upto_seq AS seq FROM yjs_snapshots
         UNION ALL SELECT doc, MAX(seq) AS seq FROM yjs_updates GROUP BY doc
       ) s GROUP BY doc ORDER BY doc`,
    );
    return res.rows.map((r) => ({ doc: r.doc, lastSeq: Number(r.last_seq) }));
  }

  async lastSeq(name: string): Promise<number> {
    const res = await this.pool.query<{ last_seq: string | null }>(
      `SELECT MAX(seq) AS last_seq FROM (
         SELECT upto_seq AS seq FROM yjs_snapshots WHERE doc = $1
         UNION ALL SELECT MAX(seq) AS seq FROM yjs_updates WHERE doc = $1
       ) s`,
      [name],
    );
    return Number(res.rows[0]?.last_seq ?? 0);
  }

  async interviewDocs(interviewId: string): Promise<string[]> {
    const res = await this.pool.query<{ doc: string }>(
      'SELECT doc FROM yjs_updates WHERE doc = ANY($1::text[]) UNION SELECT doc FROM yjs_snapshots WHERE doc = ANY($1::text[]) ORDER BY doc',
      [docsOfInterview(interviewId)],
    );
    return res.rows.map((r) => r.doc);
  }

  async deleteInterviewDocs(interviewId: string, epoch?: number): Promise<number> {
    const names = [docsOfInterview(interviewId)];
    return this.transaction('BEGIN', async (c) => {
      if (epoch !== undefined) await checkEpoch(c, interviewId, epoch);
      const docs = await c.query('SELECT doc FROM yjs_updates WHERE doc = ANY($1::text[]) UNION SELECT doc FROM yjs_snapshots WHERE doc = ANY($1::text[])', names);
      // Rows first: a compaction that folded some of them holds their locks until it commits, and its snapshot is
      // then visible to the next statement (READ COMMITTED), so it is deleted too.
      await c.query('DELETE FROM yjs_updates WHERE doc = ANY($1::text[])', names);
      await c.query('DELETE FROM yjs_snapshots WHERE doc = ANY($1::text[])', names);
      await c.query('DELETE FROM yjs_client_owners WHERE doc = ANY($1::text[])', names);
      // The wrap-up its owner published (synthesis/wrap-up-mirror.ts) quotes the candidate's answers: it goes too.
      await c.query('DELETE FROM interview_wrapup WHERE interview_id = $1', [interviewId]);
      // So are the rows its owner projected for the other nodes (postgres-projected-docs.ts).
      await c.query('DELETE FROM projected_docs WHERE interview_id = $1', [interviewId]);
      // Every node's read models forget the interview when this commits (postgres-projected-docs.ts).
      await c.query(`SELECT pg_notify('${DELETED_CHANNEL}', $1)`, [interviewId]);
      return docs.rowCount ?? 0;
    });
  }

  async isRevoked(jti: string): Promise<boolean> {
    const res = await this.pool.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [jti]);
    return (res.rowCount ?? 0) > 0;
  }

  async revoke(jti: string, now = Date.now()): Promise<void> {
    // The notice goes out when the insert commits (one statement, one transaction): every node closes its sockets.
    await this.pool.query(
      `WITH stored AS (INSERT INTO revoked_tokens (jti, revoked_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING)
       SELECT pg_notify('${REVOKED_CHANNEL}', $1)`,
      [jti, now],
    );
  }

  watchRevocations(listener: (jti: string) => void): () => void {
    return listenToPostgres({
      connectionString: this.connectionString,
      channels: [REVOKED_CHANNEL],
      what: 'revocations',
      log: this.log,
      onNotice: (_channel, jti) => listener(jti),
      // Notices sent while this node was not listening are lost: every revoked id again (the listener ignores known ones).
      onConnected: async () => {
        for (const jti of await this.allRevoked()) listener(jti);
      },
    });
  }

  /** A LISTEN connection of its own on this database (pg-listener.ts); returns the unsubscribe. */
  listen(opts: Pick<ListenOptions, 'channels' | 'what' | 'onNotice' | 'onConnected' | 'applicationName'>): () => void {
    return listenToPostgres({ ...opts, connectionString: this.connectionString, log: this.log });
  }

  async allRevoked(): Promise<string[]> {
    const res = await this.pool.query<{ jti: string }>('SELECT jti FROM revoked_tokens');
    return res.rows.map((r) => r.jti);
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.folder?.stop();
  }
}
