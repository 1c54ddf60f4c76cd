/**
 * Answer-audio uploads in the node's SQLite file (recording-store.ts has the contract): one `recordings` row per
 * take and one `recording_parts` row per accepted PATCH. Every change is one transaction, so a crash leaves either
 * the part and its offset or neither; a completed recording is never changed again. The checksum is kept running
 * as parts are stored (running-checksums.ts), so completing one hashes only its last part. The statements are
 * synchronous (better-sqlite3); the store answers through promises so the PostgreSQL store can stand in for it.
 */
import type { Hash } from 'node:crypto';
import type { Db } from '../db/open';
import { RunningChecksums } from './running-checksums';
import { MAX_RECORDINGS_PER_INTERVIEW, type CreateUploadRequest, type UploadState } from '../../src/upload/protocol';
import { toState, type AppendResult, type CreateResult, type ExpiredRecording, type RecordingRow, type RecordingStore, type RecordingTotals, type StoredPart, type StoredRecording } from './recording-store';

interface SqliteRecordingRow extends RecordingRow {
  interview_id: string;
  uploaded_by: string;
  created_at: number;
}

/** Runs a synchronous step and answers as a promise: a thrown error becomes a rejection, as with PostgreSQL. */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * `maxInterviewBytes` bounds what one interview's links can make the server store (every take, re-records included),
 * so a leaked guest link cannot fill the disk.
 */
export function createRecordingStore(db: Db, maxInterviewBytes = Number.MAX_SAFE_INTEGER): RecordingStore {
  const selectOne = db.prepare<[string, string], SqliteRecordingRow>('SELECT * FROM recordings WHERE interview_id = ? AND recording_id = ?');
  const selectAll = db.prepare<[string], SqliteRecordingRow>('SELECT * FROM recordings WHERE interview_id = ? ORDER BY created_at, recording_id');
  const countOf = db.prepare<[string], { n: number; bytes: number }>('SELECT COUNT(*) AS n, COALESCE(SUM(total_bytes), 0) AS bytes FROM recordings WHERE interview_id = ?');
  const receivedOf = db.prepare<[string], { n: number; bytes: number }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(received_bytes), 0) AS bytes FROM recordings WHERE interview_id = ?',
  );
  // Held and expired alike, in the order they completed (a recording is never both: create refuses an expired id).
  const completed = db.prepare<[string, string], { recording_id: string }>(
    `SELECT recording_id FROM (
       SELECT recording_id, completed_at FROM recordings WHERE interview_id = ? AND completed_at IS NOT NULL
       UNION ALL SELECT recording_id, completed_at FROM expired_recordings WHERE interview_id = ?
     ) ORDER BY completed_at, recording_id`,
  );
  const expiredOf = db.prepare<[string], ExpiredRecording>(
    `SELECT recording_id AS recordingId, question_id AS questionId, completed_at AS completedAt, expired_at AS expiredAt
     FROM expired_recordings WHERE interview_id = ? ORDER BY completed_at, recording_id`,
  );
  const expiredOne = db.prepare<[string, string], ExpiredRecording>(
    `SELECT recording_id AS recordingId, question_id AS questionId, completed_at AS completedAt, expired_at AS expiredAt
     FROM expired_recordings WHERE interview_id = ? AND recording_id = ?`,
  );
  const incomplete = db.prepare<[], { n: number; waiting: number }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(total_bytes - received_bytes), 0) AS waiting FROM recordings WHERE completed_at IS NULL',
  );
  const insertRecording = db.prepare(
    `INSERT INTO recordings (interview_id, recording_id, question_id, mime_type, total_bytes, sha256, duration_ms, received_bytes, uploaded_by, created_at)
     VALUES (@interviewId, @recordingId, @questionId, @mimeType, @totalBytes, @sha256, @durationMs, 0, @uploadedBy, @now)`,
  );
  const insertPart = db.prepare<[string, string, number, Buffer]>(
    'INSERT INTO recording_parts (interview_id, recording_id, offset, data) VALUES (?, ?, ?, ?)',
  );
  const setReceived = db.prepare<[number, string, string]>('UPDATE recordings SET received_bytes = ? WHERE interview_id = ? AND recording_id = ?');
  const setComplete = db.prepare<[number, string, string]>('UPDATE recordings SET completed_at = ? WHERE interview_id = ? AND recording_id = ?');
  const deleteParts = db.prepare<[string, string]>('DELETE FROM recording_parts WHERE interview_id = ? AND recording_id = ?');
  const partFrom = db.prepare<[string, string, number], StoredPart>(
    'SELECT offset, data FROM recording_parts WHERE interview_id = ? AND recording_id = ? AND offset >= ? ORDER BY offset LIMIT 1',
  );
  const deleteInterviewParts = db.prepare<[string]>('DELETE FROM recording_parts WHERE interview_id = ?');
  const isDeleted = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM deleted_interviews WHERE id = ?');
  const deleteInterviewRecordings = db.prepare<[string]>('DELETE FROM recordings WHERE interview_id = ?');
  const deleteInterviewExpired = db.prepare<[string]>('DELETE FROM expired_recordings WHERE interview_id = ?');

  const expiredTotals = db.prepare<[number], { n: number; bytes: number }>(
    'SELECT COUNT(*) AS n, COALESCE(SUM(received_bytes), 0) AS bytes FROM recordings WHERE created_at < ?',
  );
  const deleteExpiredParts = db.prepare<[number]>(
    'DELETE FROM recording_parts WHERE (interview_id, recording_id) IN (SELECT interview_id, recording_id FROM recordings WHERE created_at < ?)',
  );
  const keepExpired = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO expired_recordings (interview_id, recording_id, question_id, completed_at, expired_at)
     SELECT interview_id, recording_id, question_id, completed_at, ? FROM recordings WHERE created_at < ? AND completed_at IS NOT NULL`,
  );
  const deleteExpiredRecordings = db.prepare<[number]>('DELETE FROM recordings WHERE created_at < ?');
  const checksums = new RunningChecksums((iid, rid, offset) => settled(() => partFrom.get(iid, rid, offset) ?? null));

  const deleteCreatedBefore = db.transaction((cutoff: number, now: number): RecordingTotals => {
    const { n, bytes } = expiredTotals.get(cutoff)!;
    if (n === 0) return { recordings: 0, bytes: 0 };
    keepExpired.run(now, cutoff);
    deleteExpiredParts.run(cutoff);
    deleteExpiredRecordings.run(cutoff);
    return { recordings: n, bytes };
  });

  const removeFor = db.transaction((interviewId: string): RecordingTotals => {
    const { n, bytes } = receivedOf.get(interviewId)!;
    deleteInterviewParts.run(interviewId);
    deleteInterviewRecordings.run(interviewId);
    deleteInterviewExpired.run(interviewId);
    return { recordings: n, bytes };
  });

  const create = db.transaction((interviewId: string, req: CreateUploadRequest, uploadedBy: string, now: number): CreateResult => {
    // In the write's transaction: the deletion records itself and removes the recordings in one transaction
    // (delete-interview.ts), so this create either commits before it (and goes with it) or sees its record.
    if (isDeleted.get(interviewId)) return { kind: 'deleted' };
    const expired = expiredOne.get(interviewId, req.recordingId);
    if (expired) return { kind: 'expired', expired };
    const existing = selectOne.get(interviewId, req.recordingId);
    if (existing) {
      const same = existing.total_bytes === req.totalBytes && existing.sha256 === req.sha256;
      return { kind: same ? 'existing' : 'conflict', state: toState(existing) };
    }
    const used = countOf.get(interviewId)!;
    if (used.n >= MAX_RECORDINGS_PER_INTERVIEW) return { kind: 'too-many' };
    if (used.bytes + req.totalBytes > maxInterviewBytes) return { kind: 'over-budget', usedBytes: used.bytes };
    insertRecording.run({ interviewId, ...req, uploadedBy, now });
    return { kind: 'created', state: toState(selectOne.get(interviewId, req.recordingId)!) };
  });

  /** `hashSoFar` covers the stored parts before `offset` (null when the part cannot be stored); it is only copied here. */
  const append = db.transaction((interviewId: string, recordingId: string, offset: number, data: Buffer, now: number, hashSoFar: Hash | null): AppendResult => {
    const row = selectOne.get(interviewId, recordingId);
    if (!row) return { kind: 'missing' };
    if (offset !== row.received_bytes) return { kind: 'wrong-offset', state: toState(row) };
    if (offset + data.length > row.total_bytes) return { kind: 'past-end', state: toState(row) };
    if (data.length === 0) return { kind: 'stored', state: toState(row) };
    insertPart.run(interviewId, recordingId, offset, data);
    const received = offset + data.length;
    setReceived.run(received, interviewId, recordingId);
    if (received === row.total_bytes) {
      // Verified in the same transaction, so no reader ever sees a "complete" upload whose bytes are wrong.
      if (!hashSoFar) throw new Error(`no running checksum for recording ${interviewId}/${recordingId}`);
      const actual = hashSoFar.copy().update(data).digest('hex');
      if (actual !== row.sha256) {
        deleteParts.run(interviewId, recordingId);
        setReceived.run(0, interviewId, recordingId);
        return { kind: 'corrupt', state: toState(selectOne.get(interviewId, recordingId)!), expected: row.sha256, actual };
      }
      setComplete.run(now, interviewId, recordingId);
    }
    return { kind: 'stored', state: toState(selectOne.get(interviewId, recordingId)!) };
  });

  return {
    backend: 'sqlite',
    create(interviewId: string, req: CreateUploadRequest, uploadedBy: string, now = Date.now()): Promise<CreateResult> {
      return settled(() => {
        const result = create(interviewId, req, uploadedBy, now);
        // A recording deleted with its interview and created again must not inherit the old running hash.
        if (result.kind === 'created') checksums.forget(interviewId, req.recordingId);
        return result;
      });
    },
    append(interviewId: string, recordingId: string, offset: number, data: Buffer, now = Date.now()): Promise<AppendResult> {
      return checksums.serialize(interviewId, recordingId, async () => {
        const row = selectOne.get(interviewId, recordingId);
        if (!row) return { kind: 'missing' } as const;
        const storable = row.completed_at === null && offset === row.received_bytes && data.length > 0;
        const hash = storable ? await checksums.upTo(interviewId, recordingId, offset) : null;
        const result = append(interviewId, recordingId, offset, data, now, hash);
        if (hash && result.kind === 'stored' && !result.state.complete) checksums.advance(interviewId, recordingId, hash, offset, data);
        else if (result.kind === 'corrupt' || result.kind === 'missing' || (result.kind === 'stored' && result.state.complete)) checksums.forget(interviewId, recordingId);
        return result;
      });
    },
    deleteCreatedBefore(cutoff: number, now = Date.now()): Promise<RecordingTotals> {
      checksums.clear();
      return settled(() => deleteCreatedBefore(cutoff, now));
    },
    removeFor(interviewId: string): Promise<RecordingTotals> {
      checksums.clear();
      return settled(() => removeFor(interviewId));
    },
    get(interviewId: string, recordingId: string): Promise<StoredRecording | null> {
      return settled(() => {
        const row = selectOne.get(interviewId, recordingId);
        return row ? { state: toState(row), sha256: row.sha256 } : null;
      });
    },
    list(interviewId: string): Promise<UploadState[]> {
      return settled(() => selectAll.all(interviewId).map(toState));
    },
    partFrom(interviewId: string, recordingId: string, offset: number): Promise<StoredPart | null> {
      return settled(() => partFrom.get(interviewId, recordingId, offset) ?? null);
    },
    completedIds(interviewId: string): Promise<string[]> {
      return settled(() => completed.all(interviewId, interviewId).map((r) => r.recording_id));
    },
    expired(interviewId: string): Promise<ExpiredRecording[]> {
      return settled(() => expiredOf.all(interviewId));
    },
    totals(interviewId: string): Promise<RecordingTotals> {
      return settled(() => {
        const { n, bytes } = receivedOf.get(interviewId)!;
        return { recordings: n, bytes };
      });
    },
    inProgress(): Promise<{ uploads: number; bytesWaiting: number }> {
      return settled(() => {
        const { n, waiting } = incomplete.get()!;
        return { uploads: n, bytesWaiting: waiting };
      });
    },
  };
}
