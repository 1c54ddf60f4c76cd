/**
 * Several nodes on one PostgreSQL (issue #16): the wrap-up's rows and the guest links' names reach every node's
 * SQLite, where the dashboard's queries join them (results-queries.ts, candidate-detail.ts, the synthesis routes).
 *
 * - The wrap-up (`interview_status`, `syntheses`) is not derived from the documents alone: the status counts the
 *   uploads and the synthesis is a model's answer, made once. Only the node that owns the interview computes them
 *   (its collab hooks see the stored updates; sync-server/cluster/). After each change its store announces
 *   (synthesis-store.ts events), this node publishes the interview's status and its finished runs, oldest first, as
 *   one row of `interview_wrapup`, with a NOTIFY in the same statement. Every other node replaces its copy of that
 *   interview's status and finished runs with the row: replaced, never appended, so a notice heard twice changes
 *   nothing. Runs in flight are not copied (a run belongs to the process making it; after a failover the new owner
 *   finds no finished run of the input and makes one). A synthesis made on one node is thus read on every node, and
 *   the next owner does not make it again.
 * - Guest links are shared already (InviteStore); their insert announces the interview, and every node copies its
 *   links into SQLite (the candidate's name is the guest link's subject).
 * - An interview deleted on another node (`interq_deleted`, postgres-document-storage.ts) loses its copies here.
 * - After every (re)connection, every row another node published is applied again: notices sent while not listening
 *   are lost.
 * - Fenced by the lease epoch: each row carries the epoch of the lease its publisher held (the one it holds now, or
 *   the last one it held for that interview, since a run may finish after an idle release), and PostgreSQL refuses,
 *   in the INSERT itself, a row older than the stored one. An owner paused past its lease that wakes up after a
 *   takeover cannot publish once more; it copies the new owner's row instead.
 */
import type pg from 'pg';
import type { Db } from '../db/open';
import { recordSqliteInvite } from '../storage/invite-store';
import type { PostgresInviteStore } from '../storage/postgres/postgres-invite-store';
import { DELETED_CHANNEL, INVITED_CHANNEL, WRAPUP_CHANNEL, type PostgresDocumentStorage } from '../storage/postgres/postgres-document-storage';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** The copied columns, named here (never taken from the row's keys), in SQLite's order. */
const STATUS_COLUMNS = ['interview_id', 'status', 'human_review_only', 'answers', 'recordings', 'uploaded', 'transcribed', 'to_score', 'scored', 'input_hash', 'completed_at', 'updated_at'] as const;
const RUN_COLUMNS = [
  'interview_id', 'input_hash', 'mode', 'state', 'trigger', 'requested_by', 'kind', 'reliable', 'stale', 'fallback_reason', 'model', 'prompt_version',
  'tokens_prompt', 'tokens_completion', 'claims_kept', 'claims_dropped', 'attempts', 'progress', 'error', 'result_json', 'state_vectors', 'created_at', 'finished_at',
] as const;
type Row = Record<string, unknown>;

/** What one interview's wrap-up publication holds: its status row and its finished runs, oldest first. */
export interface WrapUpRows {
  status: Row | null;
  runs: Row[];
}

/** Reads an interview's wrap-up from a node's SQLite (interview_status, finished syntheses) as published. */
export function wrapUpReader(db: Db): (interviewId: string) => WrapUpRows {
  const statusOf = db.prepare<[string], Row>(`SELECT ${STATUS_COLUMNS.join(', ')} FROM interview_status WHERE interview_id = ?`);
  const finishedRuns = db.prepare<[string], Row>(`SELECT ${RUN_COLUMNS.join(', ')} FROM syntheses WHERE interview_id = ? AND state IN ('done', 'failed') ORDER BY id`);
  return (interviewId) => ({ status: statusOf.get(interviewId) ?? null, runs: finishedRuns.all(interviewId) });
}

/**
 * Publishes one interview's wrap-up to `interview_wrapup` (every node copies it, except its publisher). The row is
 * replaced only by the same or a newer epoch, and the notice goes out only for a row written; false when refused.
 * Also used by the move of a data folder to PostgreSQL (sync-server/migrate/), which publishes under epoch 0.
 */
export async function putWrapUp(pool: pg.Pool, w: WrapUpRows & { interviewId: string; publisher: string; epoch: number }): Promise<boolean> {
  const res = await pool.query(
    `WITH put AS (
       INSERT INTO interview_wrapup AS w (interview_id, publisher, status_json, syntheses_json, updated_at, epoch) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (interview_id) DO UPDATE SET publisher = excluded.publisher, status_json = excluded.status_json,
         syntheses_json = excluded.syntheses_json, updated_at = excluded.updated_at, epoch = excluded.epoch
         WHERE w.epoch <= excluded.epoch
       RETURNING w.interview_id
     ) SELECT pg_notify('${WRAPUP_CHANNEL}', interview_id) FROM put`,
    [w.interviewId, w.publisher, w.status ? JSON.stringify(w.status) : null, JSON.stringify(w.runs), Date.now(), w.epoch],
  );
  return (res.rowCount ?? 0) > 0;
}

export interface WrapUpMirror {
  /** This node's store changed an interview's status or runs: publish them (coalesced, in order). */
  changed(interviewId: string): void;
  /** Resolves when everything published or heard so far is done (tests, shutdown). */
  settle(): Promise<void>;
  stop(): void;
}

export function startWrapUpMirror(opts: {
  db: Db;
  documents: PostgresDocumentStorage;
  invites: PostgresInviteStore;
  nodeKey: string;
  /** The epoch of the interview's lease this node holds now, null when none (cluster/interview-ownership.ts epochOf). */
  epochOf: (interviewId: string) => number | null;
  log: Logger;
}): WrapUpMirror {
  const { db, log, nodeKey } = opts;
  // The last epoch this node held per interview: a run may finish after the lease was released (idle), and its
  // publication then still counts as that owner's, unless a newer owner published meanwhile.
  const lastEpoch = new Map<string, number>();
  const epochFor = (interviewId: string): number => {
    const now = opts.epochOf(interviewId);
    if (now !== null) lastEpoch.set(interviewId, now);
    return now ?? lastEpoch.get(interviewId) ?? 0;
  };
  const pool: pg.Pool = opts.documents.pool;
  let stopped = false;

  const readWrapUp = wrapUpReader(db);
  const putStatus = db.prepare(`INSERT OR REPLACE INTO interview_status (${STATUS_COLUMNS.join(', ')}) VALUES (${STATUS_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const dropFinished = db.prepare<[string]>("DELETE FROM syntheses WHERE interview_id = ? AND state IN ('done', 'failed')");
  const putRun = db.prepare(`INSERT INTO syntheses (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const pick = (row: Row, columns: readonly string[]): Row => Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));

  const apply = db.transaction((interviewId: string, status: Row | null, runs: Row[]) => {
    if (status) putStatus.run(pick(status, STATUS_COLUMNS));
    dropFinished.run(interviewId);
    for (const run of runs) putRun.run({ ...pick(run, RUN_COLUMNS), interview_id: interviewId });
  });
  const forget = db.transaction((interviewId: string) => {
    lastEpoch.delete(interviewId);
    db.prepare('DELETE FROM syntheses WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM interview_status WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM invites WHERE interview_id = ?').run(interviewId);
  });

  // One step at a time: a publication or a copy never interleaves with another (a later read always wins).
  let chain: Promise<void> = Promise.resolve();
  const serially = (what: string, step: () => Promise<void>): Promise<void> =>
    (chain = chain.then(step).catch((err: unknown) => log('warn', `Could not ${what}`, { error: (err as Error).message })));

  const pending = new Set<string>();
  async function publish(interviewId: string): Promise<void> {
    pending.delete(interviewId);
    const written = await putWrapUp(pool, { interviewId, publisher: nodeKey, ...readWrapUp(interviewId), epoch: epochFor(interviewId) });
    if (!written) {
      // A newer owner published: ours is stale. Take its row instead, so this node's dashboard agrees with it.
      log('warn', 'A wrap-up publication was refused: a newer owner of the interview published one', { interview: interviewId, epoch: epochFor(interviewId) });
      const newer = await pool.query<WrapUpRow>('SELECT interview_id, publisher, status_json, syntheses_json, epoch FROM interview_wrapup WHERE interview_id = $1', [interviewId]);
      if (newer.rows[0]) copy(newer.rows[0]);
    }
  }
  function changed(interviewId: string): void {
    if (stopped || pending.has(interviewId)) return;
    pending.add(interviewId);
    void serially(`publish the wrap-up of ${interviewId} to the other nodes; the next change publishes it again`, async () => {
      try {
        await publish(interviewId);
      } catch (err) {
        // PostgreSQL away: try again shortly, the rows to publish are read again then.
        setTimeout(() => changed(interviewId), 1_000).unref();
        throw err;
      }
    });
  }

  type WrapUpRow = { interview_id: string; publisher: string; status_json: string | null; syntheses_json: string; epoch: string };
  const copy = (r: WrapUpRow): void => {
    if (r.publisher === nodeKey) return;
    // An older owner's row, read after this node took the lease (a notice heard late, or a catch-up): this node's
    // own status is newer, and its next publication replaces that row. Copying it would overwrite the new owner's
    // status with the old one, which that publication would then spread.
    const mine = opts.epochOf(r.interview_id);
    if (mine !== null && Number(r.epoch) < mine) return;
    apply(r.interview_id, r.status_json ? (JSON.parse(r.status_json) as Row) : null, JSON.parse(r.syntheses_json) as Row[]);
  };
  const copyInvites = async (interviewId: string): Promise<void> => {
    for (const l of await opts.invites.listFor(interviewId)) recordSqliteInvite(db, { ...l, interviewId });
  };

  const unlisten = opts.documents.listen({
    channels: [WRAPUP_CHANNEL, INVITED_CHANNEL, DELETED_CHANNEL],
    what: 'wrap-ups and links published by other nodes',
    onNotice(channel, interviewId) {
      if (stopped) return;
      if (channel === DELETED_CHANNEL) return void serially('forget a deleted interview', async () => forget(interviewId));
      if (channel === INVITED_CHANNEL) return void serially('copy the links another node issued', () => copyInvites(interviewId));
      void serially('copy the wrap-up another node published', async () => {
        const res = await pool.query<WrapUpRow>('SELECT interview_id, publisher, status_json, syntheses_json, epoch FROM interview_wrapup WHERE interview_id = $1', [interviewId]);
        if (res.rows[0]) copy(res.rows[0]);
      });
    },
    onConnected: () =>
      serially('catch up with the wrap-ups and links of other nodes', async () => {
        const res = await pool.query<WrapUpRow>('SELECT interview_id, publisher, status_json, syntheses_json, epoch FROM interview_wrapup WHERE publisher <> $1', [nodeKey]);
        for (const r of res.rows) copy(r);
        const links = await pool.query<{ jti: string; interview_id: string; role: string; subject: string; expires_at: string; created_at: string }>(
          'SELECT jti, interview_id, role, subject, expires_at, created_at FROM invites',
        );
        for (const l of links.rows) {
          recordSqliteInvite(db, { jti: l.jti, interviewId: l.interview_id, role: l.role, subject: l.subject, expiresAt: Number(l.expires_at), createdAt: Number(l.created_at) });
        }
      }),
  });

  return {
    changed,
    settle: async () => {
      await chain;
    },
    stop() {
      stopped = true;
      unlisten();
    },
  };
}
