/**
 * The document stores the same tests run against: SQLite always, PostgreSQL
 * in fresh databases of the run's shared cluster (tests/support/run-postgres.ts), or of a cluster of the file's own
 * with `{ restartable: true }` (a file that restarts PostgreSQL). Call once at the top of a test file and use
 * `describe.each(backends())`.
 */
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type Db } from '../../sync-server/db/open';
import type { DocumentStorage } from '../../sync-server/storage/document-storage';
import { SqliteDocumentStorage } from '../../sync-server/storage/sqlite-document-storage';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { SqliteInterviewStore, type InterviewStore } from '../../sync-server/storage/interview-store';
import { PostgresInterviewStore } from '../../sync-server/storage/postgres/postgres-interview-store';
import { SqliteInviteStore, type InviteStore } from '../../sync-server/storage/invite-store';
import { PostgresInviteStore } from '../../sync-server/storage/postgres/postgres-invite-store';
import type { RecordingStore } from '../../sync-server/uploads/recording-store';
import { createRecordingStore } from '../../sync-server/uploads/sqlite-recording-store';
import { PostgresRecordingStore } from '../../sync-server/storage/postgres/postgres-recording-store';
import { postgresUnavailable, type TestPostgres } from './postgres';
import { ownPostgres, sharedPostgres } from './run-postgres';
import { tempDir } from './yws-client';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Skipped outside CI when PostgreSQL is missing (postgres.ts prints why; in CI it throws instead). */
  skip: boolean;
  /** A fresh, empty store (its own SQLite file or PostgreSQL database); closed after the file's tests. */
  open(): Promise<{
    storage: DocumentStorage;
    interviews: InterviewStore;
    invites: InviteStore;
    db: Db;
    url: string | null;
    /**
     * A recording store on this store's database, with a byte budget per interview. On PostgreSQL each call opens its
     * own pool (closed after the file's tests), as another node on the same DATABASE_URL would.
     */
    recordings(maxInterviewBytes?: number): Promise<RecordingStore>;
  }>;
  /** The cluster, for tests that restart it (PostgreSQL only; only with `{ restartable: true }`). */
  cluster(): TestPostgres | null;
}

export interface BackendOptions {
  /** The file restarts PostgreSQL (`cluster().restart()`): it gets a cluster of its own instead of the shared one. */
  restartable?: boolean;
}

export function storageBackends(opts: BackendOptions = {}): Backend[] {
  const unavailable = postgresUnavailable();
  let cluster: TestPostgres | null = null;
  let starting: Promise<TestPostgres> | null = null;
  const opened: DocumentStorage[] = [];
  afterAll(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => undefined);
    await cluster?.stop();
    cluster = null;
  });
  const sqliteDb = (): Db => openDatabase(path.join(tempDir('interq-storage-'), 'interq.sqlite'));
  return [
    {
      name: 'sqlite',
      skip: false,
      async open() {
        const db = sqliteDb();
        return {
          storage: new SqliteDocumentStorage(db),
          interviews: new SqliteInterviewStore(db),
          invites: new SqliteInviteStore(db),
          db,
          url: null,
          recordings: async (maxInterviewBytes?: number) => createRecordingStore(db, maxInterviewBytes),
        };
      },
      cluster: () => null,
    },
    {
      name: 'postgres',
      skip: unavailable !== null,
      async open() {
        starting ??= (opts.restartable ? ownPostgres() : sharedPostgres()).then((c) => (cluster = c));
        const c = await starting;
        const url = await c.database();
        const storage = await PostgresDocumentStorage.open({ connectionString: url, log: () => undefined });
        opened.push(storage);
        // The rest of the server's tables stay in SQLite until they move behind the seam too.
        const recordings = async (maxInterviewBytes?: number) => {
          const node = await PostgresDocumentStorage.open({ connectionString: url, log: () => undefined });
          opened.push(node);
          return new PostgresRecordingStore(node.pool, () => undefined, maxInterviewBytes);
        };
        return { storage, interviews: new PostgresInterviewStore(storage.pool), invites: new PostgresInviteStore(storage.pool), db: sqliteDb(), url, recordings };
      },
      cluster: () => cluster,
    },
  ];
}
