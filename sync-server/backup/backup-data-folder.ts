/**
 * A copy of a one-node data folder that can be restored as it is: the SQLite database as one consistent snapshot
 * and the signing secret. It may run while the server runs. Copying `interq.sqlite` with `cp` is not a backup: what
 * was committed in the last seconds is still only in `interq.sqlite-wal` (the checkpoint worker copies the WAL into
 * the database every 5 s, sync-server/collab/wal-checkpointer.ts), and a copy taken mid-checkpoint can be torn.
 * `VACUUM INTO` reads one snapshot inside one read transaction, which in WAL mode neither blocks the server's writes
 * nor is blocked by them, and writes a compact database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, SECRET_FILE } from '../data-dir';
import { checkDatabaseAndSecret, checkFolderExists } from '../data-folder-check';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { folderMovedTo } from '../migrate/move-markers';

/** A refused or failed backup, in one sentence for the person running it; nothing was left at the target. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupSummary {
  from: string;
  to: string;
  bytes: number;
  /** Rows per table that people care about when they check a restore: documents' updates and snapshots, recordings. */
  counts: Record<string, number>;
  schemaVersion: number;
  ms: number;
}

const COUNTED = ['yjs_updates', 'yjs_snapshots', 'recordings'] as const;

function checkSource(dir: string): { dbFile: string; secretFile: string } {
  const fail = (message: string) => new BackupError(message);
  checkFolderExists(dir, fail);
  return checkDatabaseAndSecret(dir, 'back up', fail);
}

/** The target must be new or an empty folder: a backup never mixes with, or overwrites, files already there. */
function prepareTarget(to: string): void {
  if (fs.existsSync(to)) {
    if (!fs.statSync(to).isDirectory()) throw new BackupError(`${to} exists and is not a folder; name a new folder for the backup.`);
    if (fs.readdirSync(to).length > 0) throw new BackupError(`${to} is not empty; name a new or empty folder, so no earlier backup is overwritten.`);
    return;
  }
  try {
    fs.mkdirSync(to, { recursive: true });
  } catch (err) {
    throw new BackupError(`Cannot create ${to} (${(err as NodeJS.ErrnoException).code ?? 'error'}); name a folder this user can write.`);
  }
}

function countRows(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (exists) counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  }
  return counts;
}

export function backupDataFolder(fromArg: string, toArg: string): BackupSummary {
  const t0 = Date.now();
  const from = path.resolve(fromArg);
  const to = path.resolve(toArg);
  if (to === from || to.startsWith(from + path.sep)) throw new BackupError(`Write the backup outside the data folder (${from}): a backup kept beside the data is lost with it.`);
  const { dbFile, secretFile } = checkSource(from);
  let source: Database.Database;
  try {
    // Read-only: the backup never changes the folder it copies. The server's WAL and -shm are read as a reader would.
    source = new Database(dbFile, { readonly: true, fileMustExist: true });
    source.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new BackupError(`Cannot open ${dbFile}: ${(err as Error).message}.`);
  }
  const createdTarget = !fs.existsSync(to);
  // Set once the target is known new or empty: only then is anything there ours to remove on a failure.
  let targetReady = false;
  const partial = path.join(to, `${DATABASE_FILE}.partial`);
  try {
    const schemaVersion = source.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new BackupError(`${dbFile} has schema version ${schemaVersion}, newer than this InterQ build knows (${LATEST_SCHEMA_VERSION}); back it up with the InterQ version the server runs.`);
    }
    const moved = folderMovedTo(source);
    if (moved) {
      throw new BackupError(
        `Data folder ${from} was moved to PostgreSQL (${moved.database}) on ${new Date(moved.at).toISOString()}; its SQLite is only the copy from before the move. Back up that PostgreSQL database instead (deploy/README.md).`,
      );
    }
    prepareTarget(to);
    targetReady = true;
    source.prepare('VACUUM INTO ?').run(partial);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    let counts: Record<string, number>;
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`The copy of ${dbFile} failed SQLite's integrity check (${String(check)}); the data folder itself may be damaged: keep it as it is and check it with sqlite3.`);
      counts = countRows(copy);
    } finally {
      copy.close();
    }
    // Named as the server expects only once whole and checked: an interrupted backup never looks like a good one.
    fs.renameSync(partial, path.join(to, DATABASE_FILE));
    fs.copyFileSync(secretFile, path.join(to, SECRET_FILE));
    fs.chmodSync(path.join(to, SECRET_FILE), 0o600);
    return { from, to, bytes: fs.statSync(path.join(to, DATABASE_FILE)).size, counts, schemaVersion, ms: Date.now() - t0 };
  } catch (err) {
    if (targetReady) {
      for (const name of [`${DATABASE_FILE}.partial`, DATABASE_FILE, SECRET_FILE]) fs.rmSync(path.join(to, name), { force: true });
      if (createdTarget) fs.rmSync(to, { recursive: true, force: true });
    }
    if (err instanceof BackupError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new BackupError(`The backup of ${from} to ${to} failed (${e.code ?? e.message}); nothing was left at ${to}. Check the free space and permissions there.`);
  } finally {
    source.close();
  }
}
