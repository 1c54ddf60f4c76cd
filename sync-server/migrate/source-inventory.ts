/**
 * What the stores' interfaces cannot enumerate, read from the source's SQLite (never written): which interviews have
 * links, the revocations with their times, every recording with who uploaded it and when, which interviews have
 * expired recordings, the settings rows, and which interviews have a wrap-up. The content itself is copied through the stores (copy-*.ts).
 */
import type { Db } from '../db/open';
import { MOVE_MARKER_PREFIX } from './move-markers';

export interface RecordingEntry {
  interviewId: string;
  recordingId: string;
  uploadedBy: string;
  createdAt: number;
  completedAt: number | null;
  receivedBytes: number;
}

export interface SourceInventory {
  inviteInterviewIds: string[];
  revocations: Array<{ jti: string; revokedAt: number }>;
  recordings: RecordingEntry[];
  /** Interviews with complete recordings whose audio retention deleted (their rows keep the status where it was). */
  expiredRecordingInterviewIds: string[];
  settings: Array<{ key: string; value: string }>;
  wrapUpInterviewIds: string[];
}


export function readInventory(db: Db): SourceInventory {
  return {
    inviteInterviewIds: (db.prepare('SELECT DISTINCT interview_id AS id FROM invites ORDER BY id').all() as { id: string }[]).map((r) => r.id),
    revocations: db.prepare('SELECT jti, revoked_at AS revokedAt FROM revoked_tokens ORDER BY revoked_at, jti').all() as SourceInventory['revocations'],
    recordings: db
      .prepare(
        `SELECT interview_id AS interviewId, recording_id AS recordingId, uploaded_by AS uploadedBy, created_at AS createdAt,
                completed_at AS completedAt, received_bytes AS receivedBytes
         FROM recordings ORDER BY interview_id, created_at, recording_id`,
      )
      .all() as RecordingEntry[],
    expiredRecordingInterviewIds: (db.prepare('SELECT DISTINCT interview_id AS id FROM expired_recordings ORDER BY id').all() as { id: string }[]).map((r) => r.id),
    settings: (db.prepare('SELECT key, value FROM settings ORDER BY key').all() as Array<{ key: string; value: string }>).filter(
      (r) => !r.key.startsWith(MOVE_MARKER_PREFIX),
    ),
    wrapUpInterviewIds: (
      db.prepare('SELECT interview_id AS id FROM interview_status UNION SELECT interview_id FROM syntheses ORDER BY id').all() as { id: string }[]
    ).map((r) => r.id),
  };
}
