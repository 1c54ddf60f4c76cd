/**
 * Reads (and, to stage old data, changes) the recordings a test server stored, straight from its store: the SQLite
 * file in its data folder, or the PostgreSQL database of its DATABASE_URL. For tests that must see what is on disk,
 * not what the API says.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../../sync-server/data-dir';

export interface StoreAt {
  dataDir: string;
  /** Set when the server ran with DATABASE_URL: its recordings are there, not in the data folder. */
  databaseUrl: string | null;
}

export interface StoredRow {
  receivedBytes: number;
  completedAt: number | null;
  /** Bytes in the recording's stored parts. */
  partBytes: number;
}

/** One query on either store: `sql` uses `?` placeholders (turned into $1… for PostgreSQL) and columns both have. */
async function query<T>(at: StoreAt, sql: string, params: unknown[] = []): Promise<T[]> {
  if (!at.databaseUrl) {
    const db = new Database(path.join(at.dataDir, DATABASE_FILE));
    try {
      const stmt = db.prepare(sql);
      return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
    } finally {
      db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: at.databaseUrl });
  await client.connect();
  try {
    const res = await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    return res.rows as T[];
  } finally {
    await client.end();
  }
}

export async function storedRecording(at: StoreAt, interviewId: string, recordingId: string): Promise<StoredRow | null> {
  const rows = await query<{ received_bytes: number | string; completed_at: number | string | null }>(
    at,
    'SELECT received_bytes, completed_at FROM recordings WHERE interview_id = ? AND recording_id = ?',
    [interviewId, recordingId],
  );
  if (!rows[0]) return null;
  const parts = await query<{ n: number | string | null }>(at, 'SELECT SUM(length(data)) AS n FROM recording_parts WHERE interview_id = ? AND recording_id = ?', [
    interviewId,
    recordingId,
  ]);
  return {
    receivedBytes: Number(rows[0].received_bytes),
    completedAt: rows[0].completed_at === null ? null : Number(rows[0].completed_at),
    partBytes: Number(parts[0]?.n ?? 0),
  };
}

/** Every recording id in the store, sorted, and how many parts each has (a recording's parts go with it). */
export async function storedRecordingIds(at: StoreAt): Promise<string[]> {
  return (await query<{ recording_id: string }>(at, 'SELECT recording_id FROM recordings ORDER BY recording_id')).map((r) => r.recording_id);
}

export async function storedPartCount(at: StoreAt, recordingId: string): Promise<number> {
  const rows = await query<{ n: number | string }>(at, 'SELECT COUNT(*) AS n FROM recording_parts WHERE recording_id = ?', [recordingId]);
  return Number(rows[0]!.n);
}

/** Overwrites a recording's stored type, as a row written before the type was checked may hold anything. */
export async function setStoredMimeType(at: StoreAt, recordingId: string, mimeType: string): Promise<void> {
  await query(at, 'UPDATE recordings SET mime_type = ? WHERE recording_id = ?', [mimeType, recordingId]);
}
