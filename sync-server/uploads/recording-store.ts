/**
 * Resumable answer-audio uploads: one recording row per take and one part row per accepted PATCH. Asynchronous,
 * with two implementations: the node's SQLite file (sqlite-recording-store.ts, the embedded default) and PostgreSQL
 * when DATABASE_URL is set (storage/postgres/postgres-recording-store.ts), so the node that takes an interview over
 * has its audio and a resumable upload's earlier parts. Both keep the same guarantees, which the contract test
 * checks on each (tests/integration/recording-store.test.ts):
 * - a part and the offset it moves are stored in one transaction (a crash leaves both or neither);
 * - a part is stored only at the offset the server names, never past the declared size;
 * - the last part is checked against the upload's SHA-256 in the same transaction: no reader ever sees a
 *   "complete" recording whose bytes are wrong; on a mismatch the parts go and the upload starts again at 0;
 * - a complete recording never changes again;
 * - one interview holds at most MAX_RECORDINGS_PER_INTERVIEW takes and `maxInterviewBytes` bytes (counted under a
 *   lock, so two nodes cannot both pass the budget);
 * - a deleted interview gets no new recording: `create` checks the deletion record in its own transaction, ordered
 *   with the deletion's removal of the recordings (SQLite: one writer, and the deletion records itself and removes
 *   the recordings in one transaction; PostgreSQL: `create` and `removeFor` take the same per-interview lock, and the
 *   deletion is recorded before `removeFor`). So a create that passed the route's early check just before a deletion
 *   either lands before the removal, which takes it away, or is refused; no recording outlives its interview.
 *
 * Fencing (several nodes, issue #16): the writes of one interview (`create`, `append` with the completion it may
 * make, `removeFor`) take the interview lease `epoch` the request was admitted under. PostgreSQL checks it against
 * the lease row in the write's own transaction (storage/postgres/lease-fence.ts) and rejects with StaleEpochError
 * once another node took the interview over, so an owner that was paused or cut off cannot store a part, complete a
 * recording or delete audio after the new owner took over; its node steps down. Without an epoch (one node alone)
 * nothing is checked, and SQLite, one node per file, ignores it. Retention (`deleteCreatedBefore`) is no owner's
 * write: every node deletes by the same age, whichever interview the rows belong to.
 */
import type { CreateUploadRequest, UploadState } from '../../src/upload/protocol';

export interface StoredRecording {
  state: UploadState;
  sha256: string;
}

export type CreateResult =
  | { kind: 'created'; state: UploadState }
  | { kind: 'existing'; state: UploadState }
  | { kind: 'conflict'; state: UploadState }
  | { kind: 'too-many' }
  | { kind: 'over-budget'; usedBytes: number }
  /** The interview's deletion is on record: nothing was stored (its recordings may already be gone). */
  | { kind: 'deleted' }
  /** This recording was complete and its audio expired (retention): it is not taken again. */
  | { kind: 'expired'; expired: ExpiredRecording };

export type AppendResult =
  | { kind: 'stored'; state: UploadState }
  | { kind: 'missing' }
  | { kind: 'wrong-offset'; state: UploadState }
  | { kind: 'past-end'; state: UploadState }
  /** The checksum over all parts did not match: the parts were dropped and the upload starts again at 0. */
  | { kind: 'corrupt'; state: UploadState; expected: string; actual: string };

/** How many recordings and how many bytes of audio they hold (received so far). */
export interface RecordingTotals {
  recordings: number;
  bytes: number;
}

/**
 * A complete recording whose audio retention deleted (the `expired_recordings` row kept in the same transaction):
 * the status still counts it as uploaded, the export and the audio routes say its audio expired.
 */
export interface ExpiredRecording {
  recordingId: string;
  questionId: string;
  completedAt: number;
  expiredAt: number;
}

export interface StoredPart {
  offset: number;
  data: Buffer;
}

export interface RecordingStore {
  readonly backend: 'sqlite' | 'postgres';
  /**
   * Creates an upload, or answers the one already there (`existing` when it declares the same size and checksum);
   * `deleted` once the interview's deletion is recorded.
   */
  create(interviewId: string, req: CreateUploadRequest, uploadedBy: string, now?: number, epoch?: number): Promise<CreateResult>;
  /** Stores one part at `offset`; the last part is checked against the upload's SHA-256 before it counts. */
  append(interviewId: string, recordingId: string, offset: number, data: Buffer, now?: number, epoch?: number): Promise<AppendResult>;
  get(interviewId: string, recordingId: string): Promise<StoredRecording | null>;
  /** The interview's uploads, oldest first. */
  list(interviewId: string): Promise<UploadState[]>;
  /** The first stored part at or after `offset`, for streaming a complete recording part by part. */
  partFrom(interviewId: string, recordingId: string, offset: number): Promise<StoredPart | null>;
  /**
   * Ids of the interview's complete recordings (the wrap-up counts them as uploaded), those whose audio expired
   * included: an answer the server once held whole stays uploaded, so its status never moves back.
   */
  completedIds(interviewId: string): Promise<string[]>;
  /** The interview's complete recordings whose audio retention deleted, oldest completion first. */
  expired(interviewId: string): Promise<ExpiredRecording[]>;
  /** What the interview's recordings hold now (a deletion's summary). */
  totals(interviewId: string): Promise<RecordingTotals>;
  /** Deletes the interview's recordings with their audio and its expired recordings' rows (interview deletion); says how much went. */
  removeFor(interviewId: string, epoch?: number): Promise<RecordingTotals>;
  /**
   * Deletes every recording (finished or not) created before `cutoff`, with its audio; says how much went. A complete
   * one leaves an ExpiredRecording (expired at `now`) in the same transaction; an unfinished one leaves nothing.
   */
  deleteCreatedBefore(cutoff: number, now?: number): Promise<RecordingTotals>;
  /** Uploads not yet complete on the whole store, and the bytes they still wait for (the health check). */
  inProgress(): Promise<{ uploads: number; bytesWaiting: number }>;
}

/** The columns both stores keep per recording, as numbers. */
export interface RecordingRow {
  recording_id: string;
  question_id: string;
  mime_type: string;
  total_bytes: number;
  sha256: string;
  duration_ms: number;
  received_bytes: number;
  completed_at: number | null;
}

export function toState(row: RecordingRow): UploadState {
  return {
    recordingId: row.recording_id,
    questionId: row.question_id,
    mimeType: row.mime_type,
    totalBytes: row.total_bytes,
    receivedBytes: row.received_bytes,
    durationMs: row.duration_ms,
    complete: row.completed_at !== null,
  };
}
