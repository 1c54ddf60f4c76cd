/**
 * The checks a tool makes before it reads a data folder it did not create (the backup, the move to PostgreSQL), so
 * either refuses a missing folder, a folder without a database, or a missing or damaged signing secret in the same
 * sentence, before anything is opened. Each tool keeps its own error class (its exit status and wording of the rest)
 * and says what it would have done ("back up", "move").
 */
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, SECRET_FILE, isWellFormedSecret } from './data-dir';

type Fail = (message: string) => Error;

/** The folder exists and is a folder. */
export function checkFolderExists(dir: string, fail: Fail): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw fail(`Data folder ${dir} does not exist; pass the folder the server runs with (its DATA_DIR).`);
  }
  if (!stat.isDirectory()) throw fail(`${dir} is not a folder; pass the data folder the server runs with (its DATA_DIR).`);
}

/** The folder holds a database and a readable, well-formed secret: without it no link the server issued could be checked. */
export function checkDatabaseAndSecret(dir: string, verb: 'back up' | 'move', fail: Fail): { dbFile: string; secretFile: string; secret: string } {
  const dbFile = path.join(dir, DATABASE_FILE);
  if (!fs.existsSync(dbFile)) throw fail(`Data folder ${dir} holds no InterQ database (${DATABASE_FILE}); there is nothing to ${verb}.`);
  const secretFile = path.join(dir, SECRET_FILE);
  let secret: string;
  try {
    secret = fs.readFileSync(secretFile, 'utf8').trim();
  } catch {
    throw fail(`Data folder ${dir} has no readable ${SECRET_FILE}; without it no link this server issued can be checked, so there is nothing to ${verb}.`);
  }
  if (!isWellFormedSecret(secret)) throw fail(`${secretFile} is damaged; restore it from a backup before you ${verb} the folder.`);
  return { dbFile, secretFile, secret };
}
