/**
 * Picks the stores a node keeps its shared state in: PostgreSQL when
 * DATABASE_URL is set (several nodes share one database), otherwise the
 * embedded SQLite file in the data folder, with compaction in a worker thread.
 * Whoever opens them closes them (app-server.ts stop(): after the collab server).
 */
import type { Db } from '../db/open';
import { StartupError } from '../db/open';
import { startCompactionWorker } from '../collab/compaction-worker';
import type { Logger } from '../collab/live-doc';
import type { DocumentStorage } from './document-storage';
import { SqliteDocumentStorage } from './sqlite-document-storage';
import { PostgresDocumentStorage } from './postgres/postgres-document-storage';
import { SqliteInterviewStore, type InterviewStore } from './interview-store';
import { PostgresInterviewStore } from './postgres/postgres-interview-store';
import { SqliteInviteStore, type InviteStore } from './invite-store';
import { PostgresInviteStore } from './postgres/postgres-invite-store';
import { PostgresSettingsStore, SqliteSettingsStore, type SettingsStore } from './settings-store';
import type { RecordingStore } from '../uploads/recording-store';
import { createRecordingStore } from '../uploads/sqlite-recording-store';
import { PostgresRecordingStore } from './postgres/postgres-recording-store';

export interface OpenStorageOptions {
  /** postgres://… (DATABASE_URL), or null for SQLite on `db`. */
  databaseUrl: string | null;
  db: Db;
  log: Logger;
  /** What all recordings of one interview may take (config.maxInterviewRecordingBytes); unbounded when left out. */
  maxInterviewRecordingBytes?: number;
}

/** What a node shares with the others when they share a database. */
export interface ServerStorage {
  readonly backend: 'sqlite' | 'postgres';
  /** Yjs documents and revocations. */
  documents: DocumentStorage;
  /** The interview index and the deletion record. */
  interviews: InterviewStore;
  /** Every link issued (revocations are in `documents`). */
  invites: InviteStore;
  /** Server settings (the health check's write probe). */
  settings: SettingsStore;
  /** Answer recordings and their parts (resumable uploads). */
  recordings: RecordingStore;
  /** Closes the PostgreSQL pool, or stops SQLite's compaction worker (the SQLite handle stays its opener's). */
  close(): Promise<void>;
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

export async function openServerStorage(opts: OpenStorageOptions): Promise<ServerStorage> {
  if (!opts.databaseUrl) {
    const documents = new SqliteDocumentStorage(opts.db, startCompactionWorker(opts.db, opts.log));
    return {
      backend: 'sqlite',
      documents,
      interviews: new SqliteInterviewStore(opts.db),
      invites: new SqliteInviteStore(opts.db),
      settings: new SqliteSettingsStore(opts.db),
      recordings: createRecordingStore(opts.db, opts.maxInterviewRecordingBytes),
      close: () => documents.close(),
    };
  }
  let documents: PostgresDocumentStorage;
  try {
    documents = await PostgresDocumentStorage.open({ connectionString: opts.databaseUrl, log: opts.log });
  } catch (err) {
    throw new StartupError(
      `Cannot use the PostgreSQL database ${redactedUrl(opts.databaseUrl)}: ${(err as Error).message}. Check DATABASE_URL and that the server is running and reachable.`,
    );
  }
  opts.log('info', 'Documents, revocations, links, the interview index, settings and answer recordings are stored in PostgreSQL', {
    database: redactedUrl(opts.databaseUrl),
  });
  return {
    backend: 'postgres',
    documents,
    interviews: new PostgresInterviewStore(documents.pool),
    invites: new PostgresInviteStore(documents.pool),
    settings: new PostgresSettingsStore(documents.pool),
    recordings: new PostgresRecordingStore(documents.pool, opts.log, opts.maxInterviewRecordingBytes),
    close: () => documents.close(),
  };
}

/** The document store alone (tests/support/collab-process.ts). */
export async function openDocumentStorage(opts: OpenStorageOptions): Promise<DocumentStorage> {
  return (await openServerStorage(opts)).documents;
}
