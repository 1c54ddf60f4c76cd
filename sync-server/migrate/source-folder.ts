/**
 * The data folder a move to PostgreSQL reads: checked read-only before anything is opened for writing, so a folder
 * that is missing, unreadable, held by a running server, or from a newer InterQ build is refused with a sentence and
 * left exactly as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { dataDirHolder } from '../data-dir';
import { checkDatabaseAndSecret, checkFolderExists } from '../data-folder-check';
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
  const fail = (message: string) => new MoveError(message);
  checkFolderExists(dir, fail);
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
  const { dbFile, secret } = checkDatabaseAndSecret(dir, 'move', fail);
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
