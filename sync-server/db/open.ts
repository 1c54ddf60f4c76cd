/**
 * Opens the embedded SQLite database and brings its schema up to date.
 * Refuses, rather than risk overwriting anything, a file that is not a database
 * or whose schema is newer than this build knows.
 */
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

export function openDatabase(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StartupError(
        `Database ${file} is not a SQLite database or is corrupt. It was left untouched; restore a backup or move it aside to start fresh.`,
      );
    }
    throw new StartupError(`Cannot open database ${file}: ${(err as Error).message}. Move the file aside or set DATA_DIR to another folder.`);
  }
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
  } catch (err) {
    db.close();
    throw new StartupError(
      `Database ${file} is corrupt (${(err as Error).message}). It was left untouched; restore a backup or move it aside to start fresh.`,
    );
  }
  migrate(db, file);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, file: string): void {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    db.close();
    throw new StartupError(
      `Database ${file} has schema version ${current}, newer than this InterQ build knows (${LATEST_SCHEMA_VERSION}). Upgrade InterQ; the database was not changed.`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
