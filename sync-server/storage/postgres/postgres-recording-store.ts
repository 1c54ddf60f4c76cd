/**
 * Answer-audio uploads in PostgreSQL (uploads/recording-store.ts has the contract), on the pool of the document
 * store: every node sees every interview's audio and a resumable upload's earlier parts, so the node that takes an
 * interview over after a failover resumes the upload where the last one stopped. Parts are `bytea` rows, one per
 * accepted PATCH (at most MAX_PART_BYTES each), as in SQLite; docs/architecture/storage.md says why not large objects or
 * a shared folder.
 *
 * Two nodes may touch one recording (a lease moving in the middle of an upload), so:
 * - a part is written under `FOR UPDATE` on its recording's row, after checking the offset there: two writers are
 *   serialized and the second is told the new offset (409), never a gap or an overlap;
 * - the running SHA-256 a node keeps in memory is used only for the row `version` it produced itself (every write
 *   takes a new value from one sequence, never reused, even after a deletion): if another node stored or reset
 *   parts since, the hash is rebuilt from the stored parts;
 * - creations of one interview take a transaction-scoped advisory lock, so the take count and byte budget hold
 *   across nodes; under it a creation checks the interview's deletion record, and `removeFor` (a deletion, which
 *   records itself first) takes the same lock: a creation that began before the deletion either commits before the
 *   removal, which then sees and removes it, or waits for the removal and finds the record (no orphan recording);
 * - with an `epoch` (cluster mode), every write of an interview first checks and share-locks its lease row
 *   (lease-fence.ts): an owner paused past its lease cannot store a part, complete or delete after the takeover.
 */
import type pg from 'pg';
import type { Logger } from '../../log';
import { RunningChecksums } from '../../uploads/running-checksums';
import { MAX_RECORDINGS_PER_INTERVIEW, type CreateUploadRequest, type UploadState } from '../../../src/upload/protocol';
import {
  toState,
  type AppendResult,
  type CreateResult,
  type ExpiredRecording,
  type RecordingRow,
  type RecordingStore,
  type RecordingTotals,
  type StoredPart,
  type StoredRecording,
} from '../../uploads/recording-store';
import { inTransaction } from './pg-transaction';
import { checkEpoch } from './lease-fence';

interface RawRecording {
  recording_id: string;
  question_id: string;
  mime_type: string;
  total_bytes: string;
  sha256: string;
  duration_ms: string;
  received_bytes: string;
  completed_at: string | null;
  version: string;
}

type VersionedRow = RecordingRow & { version: string };

const asRow = (r: RawRecording): VersionedRow => ({
  recording_id: r.recording_id,
  question_id: r.question_id,
  mime_type: r.mime_type,
  total_bytes: Number(r.total_bytes),
  sha256: r.sha256,
  duration_ms: Number(r.duration_ms),
  received_bytes: Number(r.received_bytes),
  completed_at: r.completed_at === null ? null : Number(r.completed_at),
  version: r.version,
});

const COLUMNS = 'recording_id, question_id, mime_type, total_bytes, sha256, duration_ms, received_bytes, completed_at, version';
/** First key of the advisory lock that serializes one interview's creations and removal (the second is the id's hash): "rec1". */
const CREATE_LOCK = 0x72656331;
/** Reads before giving up when other nodes keep writing the same recording between our read and our write. */
const MAX_ATTEMPTS = 5;

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const EXPIRED_COLUMNS = 'recording_id, question_id, completed_at::text AS completed_at, expired_at::text AS expired_at';
interface RawExpired {
  recording_id: string;
  question_id: string;
  completed_at: string;
  expired_at: string;
}
const asExpired = (r: RawExpired): ExpiredRecording => ({
  recordingId: r.recording_id,
  questionId: r.question_id,
  completedAt: Number(r.completed_at),
  expiredAt: Number(r.expired_at),
});

export class PostgresRecordingStore implements RecordingStore {
  readonly backend = 'postgres' as const;
  private readonly checksums: RunningChecksums;

  /** `maxInterviewBytes`: as for SQLite (config INTERQ_MAX_INTERVIEW_RECORDING_BYTES). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly maxInterviewBytes = Number.MAX_SAFE_INTEGER,
  ) {
    this.checksums = new RunningChecksums((iid, rid, offset) => this.partFrom(iid, rid, offset));
  }

  private async row(q: Queryable, interviewId: string, recordingId: string, lock = ''): Promise<VersionedRow | null> {
    const res = await q.query<RawRecording>(`SELECT ${COLUMNS} FROM recordings WHERE interview_id = $1 AND recording_id = $2${lock}`, [interviewId, recordingId]);
    return res.rows[0] ? asRow(res.rows[0]) : null;
  }

  create(interviewId: string, req: CreateUploadRequest, uploadedBy: string, now = Date.now(), epoch?: number): Promise<CreateResult> {
    return inTransaction(this.pool, this.log, async (c): Promise<CreateResult> => {
      if (epoch !== undefined) await checkEpoch(c, interviewId, epoch);
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CREATE_LOCK, interviewId]);
      // After the lock (READ COMMITTED: this statement sees every deletion recorded before a removal it waited for).
      const deleted = await c.query('SELECT 1 FROM deleted_interviews WHERE id = $1', [interviewId]);
      if ((deleted.rowCount ?? 0) > 0) return { kind: 'deleted' };
      const expired = await c.query<RawExpired>(`SELECT ${EXPIRED_COLUMNS} FROM expired_recordings WHERE interview_id = $1 AND recording_id = $2`, [interviewId, req.recordingId]);
      if (expired.rows[0]) return { kind: 'expired', expired: asExpired(expired.rows[0]) };
      const existing = await this.row(c, interviewId, req.recordingId);
      if (existing) {
        const same = existing.total_bytes === req.totalBytes && existing.sha256 === req.sha256;
        return { kind: same ? 'existing' : 'conflict', state: toState(existing) };
      }
      const used = await c.query<{ n: number; bytes: string }>(
        'SELECT COUNT(*)::int AS n, COALESCE(SUM(total_bytes), 0)::bigint AS bytes FROM recordings WHERE interview_id = $1',
        [interviewId],
      );
      const n = used.rows[0]!.n;
      const bytes = Number(used.rows[0]!.bytes);
      if (n >= MAX_RECORDINGS_PER_INTERVIEW) return { kind: 'too-many' };
      if (bytes + req.totalBytes > this.maxInterviewBytes) return { kind: 'over-budget', usedBytes: bytes };
      const inserted = await c.query<RawRecording>(
        `INSERT INTO recordings (interview_id, recording_id, question_id, mime_type, total_bytes, sha256, duration_ms, received_bytes, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9) RETURNING ${COLUMNS}`,
        [interviewId, req.recordingId, req.questionId, req.mimeType, req.totalBytes, req.sha256, req.durationMs, uploadedBy, now],
      );
      return { kind: 'created', state: toState(asRow(inserted.rows[0]!)) };
    });
  }

  append(interviewId: string, recordingId: string, offset: number, data: Buffer, now = Date.now(), epoch?: number): Promise<AppendResult> {
    return this.checksums.serialize(interviewId, recordingId, async () => {
      for (let attempt = 1; ; attempt++) {
        const seen = await this.row(this.pool, interviewId, recordingId);
        if (!seen) return { kind: 'missing' } as const;
        const storable = seen.completed_at === null && offset === seen.received_bytes && data.length > 0;
        // Hashed outside the transaction (a rebuild reads every stored part), for the version just read.
        const hash = storable ? await this.checksums.upTo(interviewId, recordingId, offset, seen.version) : null;
        const outcome = await inTransaction(this.pool, this.log, async (c): Promise<(AppendResult & { version?: string }) | 'changed'> => {
          // Before anything of the recording is read for the write: a stale owner learns nothing and stores nothing.
          if (epoch !== undefined) await checkEpoch(c, interviewId, epoch);
          const row = await this.row(c, interviewId, recordingId, ' FOR UPDATE');
          if (!row) return { kind: 'missing' };
          // Another node wrote since the read above: `hash` may not cover what is stored now. Read again.
          if (row.version !== seen.version) return 'changed';
          if (offset !== row.received_bytes) return { kind: 'wrong-offset', state: toState(row) };
          if (offset + data.length > row.total_bytes) return { kind: 'past-end', state: toState(row) };
          if (data.length === 0) return { kind: 'stored', state: toState(row) };
          await c.query('INSERT INTO recording_parts (interview_id, recording_id, part_offset, data) VALUES ($1, $2, $3, $4)', [
            interviewId,
            recordingId,
            offset,
            data,
          ]);
          const received = offset + data.length;
          let completedAt: number | null = null;
          if (received === row.total_bytes) {
            // Verified in the same transaction, so no reader on any node ever sees a "complete" upload whose bytes are wrong.
            if (!hash) throw new Error(`no running checksum for recording ${interviewId}/${recordingId}`);
            const actual = hash.copy().update(data).digest('hex');
            if (actual !== row.sha256) {
              await c.query('DELETE FROM recording_parts WHERE interview_id = $1 AND recording_id = $2', [interviewId, recordingId]);
              const reset = await this.update(c, interviewId, recordingId, 0, null);
              return { kind: 'corrupt', state: toState(reset), expected: row.sha256, actual };
            }
            completedAt = now;
          }
          const updated = await this.update(c, interviewId, recordingId, received, completedAt);
          return { kind: 'stored', state: toState(updated), version: updated.version };
        });
        if (outcome === 'changed') {
          if (attempt < MAX_ATTEMPTS) continue;
          const latest = await this.row(this.pool, interviewId, recordingId);
          return latest ? ({ kind: 'wrong-offset', state: toState(latest) } as const) : ({ kind: 'missing' } as const);
        }
        const { version, ...result } = outcome;
        if (hash && result.kind === 'stored' && !result.state.complete && version) {
          this.checksums.advance(interviewId, recordingId, hash, offset, data, version);
        } else if (result.kind === 'corrupt' || result.kind === 'missing' || (result.kind === 'stored' && result.state.complete)) {
          this.checksums.forget(interviewId, recordingId);
        }
        return result as AppendResult;
      }
    });
  }

  /** Moves the offset (and completion), taking a new version: every node's running hash of the old one is void. */
  private async update(c: pg.PoolClient, interviewId: string, recordingId: string, received: number, completedAt: number | null): Promise<VersionedRow> {
    const res = await c.query<RawRecording>(
      `UPDATE recordings SET received_bytes = $3, completed_at = $4, version = nextval('recording_versions')
       WHERE interview_id = $1 AND recording_id = $2 RETURNING ${COLUMNS}`,
      [interviewId, recordingId, received, completedAt],
    );
    return asRow(res.rows[0]!);
  }

  async get(interviewId: string, recordingId: string): Promise<StoredRecording | null> {
    const row = await this.row(this.pool, interviewId, recordingId);
    return row ? { state: toState(row), sha256: row.sha256 } : null;
  }

  async list(interviewId: string): Promise<UploadState[]> {
    const res = await this.pool.query<RawRecording>(`SELECT ${COLUMNS} FROM recordings WHERE interview_id = $1 ORDER BY created_at, recording_id`, [interviewId]);
    return res.rows.map((r) => toState(asRow(r)));
  }

  async partFrom(interviewId: string, recordingId: string, offset: number): Promise<StoredPart | null> {
    const res = await this.pool.query<{ part_offset: string; data: Buffer }>(
      'SELECT part_offset, data FROM recording_parts WHERE interview_id = $1 AND recording_id = $2 AND part_offset >= $3 ORDER BY part_offset LIMIT 1',
      [interviewId, recordingId, offset],
    );
    const part = res.rows[0];
    return part ? { offset: Number(part.part_offset), data: part.data } : null;
  }

  /** Held and expired alike, in the order they completed (a recording is never both: create refuses an expired id). */
  async completedIds(interviewId: string): Promise<string[]> {
    const res = await this.pool.query<{ recording_id: string }>(
      `SELECT recording_id FROM (
         SELECT recording_id, completed_at FROM recordings WHERE interview_id = $1 AND completed_at IS NOT NULL
         UNION ALL SELECT recording_id, completed_at FROM expired_recordings WHERE interview_id = $1
       ) AS held ORDER BY completed_at, recording_id`,
      [interviewId],
    );
    return res.rows.map((r) => r.recording_id);
  }

  async expired(interviewId: string): Promise<ExpiredRecording[]> {
    const res = await this.pool.query<RawExpired>(`SELECT ${EXPIRED_COLUMNS} FROM expired_recordings WHERE interview_id = $1 ORDER BY completed_at, recording_id`, [interviewId]);
    return res.rows.map(asExpired);
  }

  async totals(interviewId: string): Promise<RecordingTotals> {
    const res = await this.pool.query<{ n: number; bytes: string }>(
      'SELECT COUNT(*)::int AS n, COALESCE(SUM(received_bytes), 0)::bigint AS bytes FROM recordings WHERE interview_id = $1',
      [interviewId],
    );
    return { recordings: res.rows[0]!.n, bytes: Number(res.rows[0]!.bytes) };
  }

  /** The parts go with their rows (ON DELETE CASCADE), in the same statement. */
  private async deleteWhere(q: Queryable, where: string, param: string | number): Promise<RecordingTotals> {
    const res = await q.query<{ n: number; bytes: string }>(
      `WITH gone AS (DELETE FROM recordings WHERE ${where} RETURNING received_bytes)
       SELECT COUNT(*)::int AS n, COALESCE(SUM(received_bytes), 0)::bigint AS bytes FROM gone`,
      [param],
    );
    return { recordings: res.rows[0]!.n, bytes: Number(res.rows[0]!.bytes) };
  }

  removeFor(interviewId: string, epoch?: number): Promise<RecordingTotals> {
    this.checksums.clear();
    return inTransaction(this.pool, this.log, async (c) => {
      if (epoch !== undefined) await checkEpoch(c, interviewId, epoch);
      // The creations' lock: one in flight commits first and is deleted here; a later one sees the deletion record.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CREATE_LOCK, interviewId]);
      await c.query('DELETE FROM expired_recordings WHERE interview_id = $1', [interviewId]);
      return this.deleteWhere(c, 'interview_id = $1', interviewId);
    });
  }

  /**
   * One statement: the rows go and the complete ones' ExpiredRecording rows come, or neither. Every node sweeps:
   * one that deleted nothing (another node's sweep took the rows first) writes nothing either.
   */
  async deleteCreatedBefore(cutoff: number, now = Date.now()): Promise<RecordingTotals> {
    this.checksums.clear();
    const res = await this.pool.query<{ n: number; bytes: string }>(
      `WITH gone AS (
         DELETE FROM recordings WHERE created_at < $1 RETURNING interview_id, recording_id, question_id, completed_at, received_bytes
       ), kept AS (
         INSERT INTO expired_recordings (interview_id, recording_id, question_id, completed_at, expired_at)
         SELECT interview_id, recording_id, question_id, completed_at, $2 FROM gone WHERE completed_at IS NOT NULL
         ON CONFLICT DO NOTHING
       )
       SELECT COUNT(*)::int AS n, COALESCE(SUM(received_bytes), 0)::bigint AS bytes FROM gone`,
      [cutoff, now],
    );
    return { recordings: res.rows[0]!.n, bytes: Number(res.rows[0]!.bytes) };
  }

  async inProgress(): Promise<{ uploads: number; bytesWaiting: number }> {
    const res = await this.pool.query<{ n: number; waiting: string }>(
      'SELECT COUNT(*)::int AS n, COALESCE(SUM(total_bytes - received_bytes), 0)::bigint AS waiting FROM recordings WHERE completed_at IS NULL',
    );
    return { uploads: res.rows[0]!.n, bytesWaiting: Number(res.rows[0]!.waiting) };
  }
}
