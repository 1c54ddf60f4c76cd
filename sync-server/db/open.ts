/**
 * Opens the embedded SQLite database and brings its schema up to date.
 * An existing file is inspected read-only first, so a file that is not a
 * database, is corrupt, or has a schema newer than this build knows is refused
 * with every byte left as it was (even switching on WAL would rewrite its header).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

function untouched(file: string, what: string): StartupError {
  return new StartupError(`Database ${file} ${what}. It was left untouched; restore a backup or move it aside to start fresh.`);
}

/** Read-only checks of an existing file; throws StartupError when it must not be opened for writing. */
function inspectExisting(file: string): void {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StartupError(`Cannot open database ${file}: ${(err as Error).message}. Fix its permissions or set DATA_DIR to another folder.`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw untouched(file, code === 'SQLITE_NOTADB' ? 'is not a SQLite database' : `is corrupt (${(err as Error).message})`);
    }
    if (check !== 'ok') throw untouched(file, `is corrupt (${String(check)})`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StartupError(
        `Database ${file} has schema version ${version}, newer than this InterQ build knows (${LATEST_SCHEMA_VERSION}). Upgrade InterQ; the database was not changed.`,
      );
    }
  } finally {
    db.close();
  }
}

export function openDatabase(file: string): Db {
  if (fs.existsSync(file) && fs.statSync(file).size > 0) inspectExisting(file);
  let db: Db;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new StartupError(`Cannot open database ${file}: ${(err as Error).message}. Fix its permissions or set DATA_DIR to another folder.`);
  }
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
