/**
 * Read models on several nodes, the PostgreSQL side (issue #16): each interview's owner publishes what its
 * projections derived from the documents it serves, and every other node applies those rows to its own SQLite read
 * model (projections/projector.ts, "Other nodes").
 *
 * Why not a notice per commit: every commit used to NOTIFY every node, and every node then read the whole document
 * and projected it again, although the owner had just projected it. That cost each node 0.3–0.6 ms of CPU per update
 * stored anywhere in the cluster and PostgreSQL a NOTIFY per commit and listener, so it grew with the cluster's whole
 * update rate (bench:cluster). Now a node publishes once per `delayMs` (INTERQ_PUBLISH_MS, a second) at most: one statement upserting the changed
 * documents' projected rows into `projected_docs` (PostgreSQL migration 8) and one NOTIFY naming that batch; every
 * other node reads that batch in one query. Commits announce nothing, and code documents (the busiest writers, which
 * no read model reads) cost the other nodes nothing at all.
 *
 * - A row is replaced only by a higher seq of its document (or the same seq from a newer projection version), so an
 *   owner paused past its lease cannot roll the others back with what it projected before the takeover.
 * - No row is published for an interview recorded as deleted, and deleteInterviewDocs removes its rows, so a late
 *   publication cannot bring a deleted interview back on the other nodes.
 * - Notices sent while a node was not listening are lost: after every (re)connection the node compares storage with
 *   its watermarks (`resync`), exactly as before.
 * - Nothing is written when no other node listens (a one-node cluster, or every other node started with
 *   INTERQ_FOLLOW_OTHER_NODES=0): each follower's LISTEN connection carries the application name
 *   `followerAppName(its node key)`, and the publication's own statement writes only while `pg_stat_activity` shows
 *   one on this database that is not this node's. Nothing is lost by skipping: a follower sets that name before it LISTENs and reads
 *   storage (`resync`) after, and the check runs after the documents were stored, so a document is either published
 *   to a follower that was visible, or stored before that follower's resync read it.
 * - A change its owner stored in the second before it died is never published; the other nodes pick it up from
 *   storage once the owner's lease has run out (expired-lease-catch-up.ts).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { FollowListener, ProjectedDoc } from '../../projections/projector';
import { parseDocName } from '../../../src/domain/access';
import { DELETED_CHANNEL, type PostgresDocumentStorage } from './postgres-document-storage';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** A publication: "<batch> <publisher>". */
export const PROJECTED_CHANNEL = 'interq_projected';

/** Rows per statement: a rebuild's catch-up may publish thousands of documents at once. */
const ROWS_PER_STATEMENT = 500;

/** What every follower's LISTEN connection is called in `pg_stat_activity`, before the hash of its node key. */
const FOLLOWER_APP_PREFIX = 'interq-follow ';

/**
 * The application name of a node's follower connection (at most 63 bytes, PostgreSQL's limit): a hash of its node key,
 * so a publisher can tell its own follower from the others'.
 */
export function followerAppName(nodeKey: string): string {
  return FOLLOWER_APP_PREFIX + createHash('sha256').update(nodeKey).digest('hex').slice(0, 24);
}

/**
 * Writes one publication (at most ROWS_PER_STATEMENT rows) and announces it, if another node's follower is connected;
 * says whether one was, and how many rows were written.
 */
async function publishBatch(pool: pg.Pool, publisher: string, docs: readonly ProjectedDoc[]): Promise<{ heard: boolean; written: number }> {
  const interviewOf = (doc: string): string => parseDocName(doc)?.interviewId ?? doc;
  // One notice per publication: PostgreSQL delivers identical notices of one transaction once. Without a follower
  // other than this node's (`heard`), no batch number is taken and nothing is written or announced.
  const res = await pool.query<{ heard: boolean; written: string }>(
    `WITH heard AS (
       SELECT EXISTS (
         SELECT 1 FROM pg_stat_activity
         WHERE datname = current_database() AND application_name LIKE '${FOLLOWER_APP_PREFIX}%' AND application_name <> $8
       ) AS yes
     ),
     b AS (SELECT nextval('projected_batches') AS batch FROM heard WHERE heard.yes),
     put AS (
       INSERT INTO projected_docs AS p (projection, doc, interview_id, version, seq, rows_json, publisher, batch)
       SELECT t.projection, t.doc, t.interview_id, t.version, t.seq, t.rows_json, $1, b.batch
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[])
         AS t(projection, doc, interview_id, version, seq, rows_json) CROSS JOIN b
       WHERE NOT EXISTS (SELECT 1 FROM deleted_interviews d WHERE d.id = t.interview_id)
       ON CONFLICT (projection, doc) DO UPDATE SET version = excluded.version, seq = excluded.seq,
         rows_json = excluded.rows_json, publisher = excluded.publisher, batch = excluded.batch
         WHERE p.seq < excluded.seq OR (p.seq = excluded.seq AND p.version < excluded.version)
       RETURNING p.batch
     ),
     notified AS (SELECT pg_notify('${PROJECTED_CHANNEL}', batch::text || ' ' || $1) FROM put)
     SELECT heard.yes AS heard, (SELECT COUNT(*) FROM notified) AS written FROM heard`,
    [
      publisher,
      docs.map((d) => d.projection),
      docs.map((d) => d.doc),
      docs.map((d) => interviewOf(d.doc)),
      docs.map((d) => d.version),
      docs.map((d) => d.seq),
      docs.map((d) => (d.rows === undefined ? null : JSON.stringify(d.rows))),
      followerAppName(publisher),
    ],
  );
  const row = res.rows[0]!;
  return { heard: row.heard, written: Number(row.written) };
}

export interface ProjectedDocsPublisher {
  /** Queues documents this node projected; they go out together at most `delayMs` later. */
  add(docs: readonly ProjectedDoc[]): void;
  /** Publishes what is queued now (shutdown, tests). */
  flush(): Promise<void>;
  /** Documents published so far (written or refused as older than what is stored). */
  published(): number;
  /** Documents not written because no other node's follower was connected (nobody would have read them). */
  unheard(): number;
  /**
   * How far publishing got: `handed`, documents handed to `add` so far; `settled`, how many of those (counted in the
   * order they were handed) have been through a publication that finished (written, refused as older, or not written
   * for lack of a listener). Once `settled` reaches the `handed` read after a handover, that handover's publication
   * has happened: a test waits for it instead of for time (cluster-read-model-gaps.test.ts).
   */
  progress(): { handed: number; settled: number };
  stop(): void;
}

/**
 * Batches this node's projected documents and publishes them. A failed publication (PostgreSQL away) keeps its
 * documents queued, unless a newer projection of the same document was queued meanwhile, and tries again later.
 */
export function startProjectedDocsPublisher(opts: { pool: pg.Pool; publisher: string; delayMs?: number; log: Logger }): ProjectedDocsPublisher {
  const delayMs = opts.delayMs ?? 1_000;
  const pending = new Map<string, ProjectedDoc>();
  const keyOf = (d: ProjectedDoc): string => `${d.projection}\u0000${d.doc}`;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  let count = 0;
  let unheard = 0;
  let handed = 0;
  let settled = 0;

  const queue = (d: ProjectedDoc): void => {
    const held = pending.get(keyOf(d));
    if (!held || held.seq <= d.seq) pending.set(keyOf(d), d);
  };
  const schedule = (): void => {
    if (timer || stopped || pending.size === 0) return;
    timer = setTimeout(() => void flush(), delayMs);
    timer.unref();
  };
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const docs = [...pending.values()];
    pending.clear();
    if (docs.length === 0) return chain;
    // Every document handed over so far is in this publication or in one before it (a newer projection of a document
    // replaces the queued one, so counts are of handovers, not of rows).
    const handedNow = handed;
    chain = chain.then(async () => {
      for (let i = 0; i < docs.length; i += ROWS_PER_STATEMENT) {
        const part = docs.slice(i, i + ROWS_PER_STATEMENT);
        try {
          const { heard } = await publishBatch(opts.pool, opts.publisher, part);
          if (heard) count += part.length;
          else unheard += part.length;
        } catch (err) {
          opts.log('warn', 'Could not publish projected rows to the other nodes; retrying', { documents: part.length, error: (err as Error).message });
          for (const d of docs.slice(i)) queue(d);
          schedule();
          return;
        }
      }
      settled = Math.max(settled, handedNow);
    });
    return chain;
  }
  return {
    add(docs) {
      if (stopped) return;
      for (const d of docs) queue(d);
      handed += docs.length;
      schedule();
    },
    flush,
    published: () => count,
    unheard: () => unheard,
    progress: () => ({ handed, settled }),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

interface RawProjectedRow {
  projection: string;
  doc: string;
  version: number;
  seq: string;
  rows_json: string | null;
}

/** Follows the other nodes' publications and deletions on a LISTEN connection of its own; returns the unsubscribe. */
export function watchProjectedDocs(storage: PostgresDocumentStorage, self: string, listener: FollowListener, log: Logger): () => void {
  const readBatch = async (batch: number): Promise<ProjectedDoc[]> => {
    const res = await storage.pool.query<RawProjectedRow>('SELECT projection, doc, version, seq, rows_json FROM projected_docs WHERE batch = $1', [batch]);
    return res.rows.map((r) => ({
      projection: r.projection,
      doc: r.doc,
      version: r.version,
      seq: Number(r.seq),
      ...(r.rows_json === null ? {} : { rows: JSON.parse(r.rows_json) as unknown }),
    }));
  };
  return storage.listen({
    channels: [PROJECTED_CHANNEL, DELETED_CHANNEL],
    what: 'read-model rows published by other nodes',
    // Set before LISTEN and before `resync` reads storage: the other nodes publish while they see it.
    applicationName: followerAppName(self),
    onNotice: (channel, payload) => {
      if (channel === DELETED_CHANNEL) return listener.deleted(payload);
      const at = payload.indexOf(' ');
      const batch = Number(payload.slice(0, at));
      if (at <= 0 || !Number.isSafeInteger(batch) || payload.slice(at + 1) === self) return;
      // Read in the projector's turn (one step at a time), so a deletion heard before it is seen by it.
      void listener
        .published(() => readBatch(batch))
        .catch((err: unknown) => log('warn', 'Could not read rows another node published; the next reconnection catches up', { batch, error: (err as Error).message }));
    },
    onConnected: () => listener.resync(),
  });
}
