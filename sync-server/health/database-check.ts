/**
 * Whether SQLite accepts a write, and its size. A read (SELECT 1) passes on a database that a full disk or a lost
 * lock has made read-only, so the check writes one row in `settings` (replacing its own previous one).
 */
import fs from 'node:fs';
import type { Db } from '../db/open';
import { schemaVersion } from '../db/open';
import type { HealthCheck } from './check';

const PROBE_KEY = 'healthz:last-write';

export function databaseCheck(db: Db, dbFile: string, now = Date.now()): HealthCheck {
  try {
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(PROBE_KEY, String(now));
    let sizeBytes = fs.statSync(dbFile).size;
    for (const extra of ['-wal', '-shm']) {
      try {
        sizeBytes += fs.statSync(dbFile + extra).size;
      } catch {
        // Not present outside WAL mode.
      }
    }
    return { state: 'ok', message: null, writable: true, sizeBytes, schemaVersion: schemaVersion(db) };
  } catch (err) {
    return { state: 'fail', message: `The database does not accept writes: ${(err as Error).message}`, writable: false, sizeBytes: null };
  }
}
