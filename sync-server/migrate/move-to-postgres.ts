/**
 * Moves one node's data folder (SQLite) into PostgreSQL, so several nodes can share it (deploy/README.md, "Moving
 * from one node to several"). Order:
 * 1. read-only checks of the folder (source-folder.ts) and of the database (target-database.ts): anything wrong is
 *    one sentence and nothing changes;
 * 2. the database's schema is brought up to date and a marker row names this folder (so --resume can tell an
 *    interrupted move of it from foreign data);
 * 3. documents, records, recordings are copied through the stores' own interfaces (copy-*.ts), each step idempotent;
 * 4. the read models are rebuilt in the folder from the copied documents (rebuild-projections.ts);
 * 5. everything is read back from both sides and compared; the marker records the finish.
 * The folder's signing secret is not copied anywhere: it stays in the folder, and every node needs the same file.
 */
import path from 'node:path';
import { openDatabase } from '../db/open';
import { DATABASE_FILE, nodeKeyOf } from '../data-dir';
import { openServerStorage, redactedUrl, type ServerStorage } from '../storage/open-document-storage';
import { PostgresDocumentStorage } from '../storage/postgres/postgres-document-storage';
import { MoveError } from './move-error';
import { checkSourceFolder } from './source-folder';
import { admitTarget, checkDatabaseUrl, inspectTarget, type MoveMarker } from './target-database';
import { FOLDER_MARKER, TARGET_MARKER, type FolderMoved } from './move-markers';
import { readInventory } from './source-inventory';
import { copyDocuments, verifyDocuments, type Progress } from './copy-documents';
import { copyExpiredRecordings, copyRecordings, verifyExpiredRecordings, verifyRecordings } from './copy-recordings';
import { copyRecords, verifyRecords, type RecordCounts } from './copy-records';
import { rebuildProjections, type ProjectionReport } from './rebuild-projections';

export interface MoveOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  resume: boolean;
  progress: Progress;
  /** One line per step (what is being done now). */
  say: (line: string) => void;
}

export interface MoveSummary {
  database: string;
  dataDir: string;
  resumed: boolean;
  documents: { total: number; written: number; different: string[]; extra: string[]; unreadable: Array<{ doc: string; seqs: number[] }> };
  /** `expired`: rows of recordings whose audio retention deleted (no bytes; compared row by row, in `different`). */
  recordings: { total: number; bytes: number; expired: number; different: string[]; problems: string[] };
  records: RecordCounts & { problems: string[] };
  projections: ProjectionReport;
  /** True when every comparison came out equal. */
  verified: boolean;
  ms: number;
}

/** The quiet logger the stores get: the move prints its own progress; warnings and errors still show. */
const storeLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void => {
  if (level !== 'info') process.stderr.write(`${level}: ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
};

export async function moveToPostgres(opts: MoveOptions): Promise<MoveSummary> {
  const started = Date.now();
  const url = checkDatabaseUrl(opts.databaseUrl);
  const folder = checkSourceFolder(opts.dataDir);
  const state = await inspectTarget(url);
  admitTarget(url, state, folder, opts.resume);
  const resumed = state.tablesWithRows.length > 0;

  // From here on the database is written (never the folder's documents: they stay as they were, a backup).
  const db = openDatabase(path.join(folder.dir, DATABASE_FILE));
  let source: ServerStorage | null = null;
  let target: ServerStorage | null = null;
  try {
    source = await openServerStorage({ databaseUrl: null, db, log: storeLog });
    target = await openServerStorage({ databaseUrl: url, db, log: storeLog });
    const pool = (target.documents as PostgresDocumentStorage).pool;
    const publisher = nodeKeyOf(folder.dir);
    const marker: MoveMarker = state.marker ?? { secretFingerprint: folder.secretFingerprint, from: publisher, startedAt: Date.now(), finishedAt: null };
    await target.settings.write(TARGET_MARKER, JSON.stringify({ ...marker, finishedAt: null }));
    opts.say(`${resumed ? 'Resuming the move' : 'Moving'} ${folder.dir} into ${redactedUrl(url)}.`);

    const inventory = readInventory(db);
    const docs = await copyDocuments(source.documents, target.documents, opts.progress);
    opts.say('Copying the interview index, deletions, links, revocations, settings and wrap-ups.');
    const records = await copyRecords(source, target, inventory, { db, pool, publisher });
    const recordings = await copyRecordings(source.recordings, target.recordings, inventory.recordings, opts.progress);
    const expired = await copyExpiredRecordings(source.recordings, pool, inventory.expiredRecordingInterviewIds);
    opts.say('Rebuilding the read models from the documents in PostgreSQL.');
    const projections = await rebuildProjections(db, source.documents, target.documents);

    opts.say('Verifying: every document, record and recording read back from both sides.');
    const docCheck = await verifyDocuments(source.documents, target.documents);
    const recCheck = await verifyRecordings(source.recordings, target.recordings, inventory.recordings);
    recCheck.different.push(...(await verifyExpiredRecordings(source.recordings, target.recordings, inventory.expiredRecordingInterviewIds)));
    const recordProblems = await verifyRecords(source, target, inventory, { db, pool });
    const verified =
      docCheck.different.length === 0 &&
      docCheck.extra.length === 0 &&
      recCheck.different.length === 0 &&
      recordings.problems.length === 0 &&
      recordProblems.length === 0 &&
      projections.different.length === 0;
    if (verified) {
      await target.settings.write(TARGET_MARKER, JSON.stringify({ ...marker, finishedAt: Date.now() }));
      // The folder says where its data went: a server started on it without DATABASE_URL refuses (app-server.ts).
      await source.settings.write(FOLDER_MARKER, JSON.stringify({ database: redactedUrl(url), at: Date.now() } satisfies FolderMoved));
    }
    return {
      database: redactedUrl(url),
      dataDir: folder.dir,
      resumed,
      documents: { total: docs.documents, written: docs.written, different: docCheck.different, extra: docCheck.extra, unreadable: docs.unreadable },
      recordings: { total: recordings.recordings, bytes: recCheck.bytes, expired, different: recCheck.different, problems: recordings.problems },
      records: { ...records, problems: recordProblems },
      projections,
      verified,
      ms: Date.now() - started,
    };
  } catch (err) {
    if (err instanceof MoveError) throw err;
    // A failure in the middle (PostgreSQL gone, disk full): what was copied stays, and --resume finishes it.
    throw new MoveError(`The move stopped: ${(err as Error).message}. What was copied so far stays; run the same command with --resume to finish it.`);
  } finally {
    await target?.close().catch(() => undefined);
    await source?.close().catch(() => undefined);
    db.close();
  }
}
