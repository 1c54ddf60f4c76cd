/**
 * The data folder a move to PostgreSQL reads: checked read-only before anything is opened for writing, so a folder
 * that is missing, unreadable, held by a running server, or from a newer InterQ build is refused with a sentence and
 * left exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { DATABASE_FILE, SECRET_FILE, dataDirHolder } from '../data-dir';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { MoveError } from './move-error';

export interface SourceFolder {
  dir: string;
  dbFile: string;
  /** SHA-256 of the signing secret, first 16 hex digits: names the deployment without revealing the secret. */
  secretFingerprint: string;
  schemaVersion: number;
}

export function checkSourceFolder(dirArg: string): SourceFolder {
  const dir = path.resolve(dirArg);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new MoveError(`Data folder ${dir} does not exist; pass the folder a server ran with (its DATA_DIR).`);
  }
  if (!stat.isDirectory()) throw new MoveError(`${dir} is not a folder; pass the data folder a server ran with (its DATA_DIR).`);
  try {
    fs.accessSync(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (err) {
    throw new MoveError(`Data folder ${dir} cannot be read and written by this user (${(err as NodeJS.ErrnoException).code}); run the move as the user the server runs as.`);
  }
  const holder = dataDirHolder(dir);
  if (holder) {
    throw new MoveError(
      `Data folder ${dir} is in use by a running InterQ server (pid ${holder.pid} on ${holder.host}, started ${new Date(holder.startedAt).toISOString()}, see ${dir}/server.pid); stop it first, so nothing is written while the folder is copied.`,
    );
  }
  const dbFile = path.join(dir, DATABASE_FILE);
  if (!fs.existsSync(dbFile)) throw new MoveError(`Data folder ${dir} holds no InterQ database (${DATABASE_FILE}); there is nothing to move.`);
  const secretFile = path.join(dir, SECRET_FILE);
  let secret: string;
  try {
    secret = fs.readFileSync(secretFile, 'utf8').trim();
  } catch {
    throw new MoveError(`Data folder ${dir} has no ${SECRET_FILE}; without it no link issued by this server is valid anywhere, so it is not moved.`);
  }
  if (!/^[0-9a-f]{64}$/.test(secret)) throw new MoveError(`${secretFile} is damaged; restore it from a backup before moving the folder.`);
  let db: Database.Database;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new MoveError(`Cannot open ${dbFile}: ${(err as Error).message}.`);
  }
  let version: number;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new MoveError(`${dbFile} is corrupt (${String(check)}); restore a backup before moving it.`);
  } catch (err) {
    if (err instanceof MoveError) throw err;
    throw new MoveError(`${dbFile} cannot be read as a SQLite database (${(err as Error).message}).`);
  } finally {
    db.close();
  }
  if (version > LATEST_SCHEMA_VERSION) {
    throw new MoveError(
      `${dbFile} has schema version ${version}, newer than this InterQ build knows (${LATEST_SCHEMA_VERSION}); run the move with the InterQ version the server runs.`,
    );
  }
  return { dir, dbFile, secretFingerprint: createHash('sha256').update(secret).digest('hex').slice(0, 16), schemaVersion: version };
}
