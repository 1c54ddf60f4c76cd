/**
 * Picks the store for the Yjs documents and revocations: PostgreSQL when
 * DATABASE_URL is set (several nodes share one database), otherwise the
 * embedded SQLite file in the data folder, with compaction in a worker thread.
 * Whoever opens it closes it (app-server.ts stop(): after the collab server).
 */
import type { Db } from '../db/open';
import { StartupError } from '../db/open';
import { startCompactionWorker } from '../collab/compaction-worker';
import type { Logger } from '../collab/live-doc';
import type { DocumentStorage } from './document-storage';
import { SqliteDocumentStorage } from './sqlite-document-storage';
import { PostgresDocumentStorage } from './postgres/postgres-document-storage';

export interface OpenDocumentStorageOptions {
  /** postgres://… (DATABASE_URL), or null for SQLite on `db`. */
  databaseUrl: string | null;
  db: Db;
  log: Logger;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unreadable URL)';
  }
}

export async function openDocumentStorage(opts: OpenDocumentStorageOptions): Promise<DocumentStorage> {
  if (!opts.databaseUrl) return new SqliteDocumentStorage(opts.db, startCompactionWorker(opts.db, opts.log));
  try {
    const storage = await PostgresDocumentStorage.open({ connectionString: opts.databaseUrl, log: opts.log });
    opts.log('info', 'Documents and revocations are stored in PostgreSQL', { database: redactedUrl(opts.databaseUrl) });
    return storage;
  } catch (err) {
    throw new StartupError(
      `Cannot use the PostgreSQL database ${redactedUrl(opts.databaseUrl)}: ${(err as Error).message}. Check DATABASE_URL and that the server is running and reachable.`,
    );
  }
}
