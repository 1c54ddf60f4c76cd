/**
 * The interviews a server knows, shared by every node when they share a database:
 * the index of published plans (the host's list, `interviews`) and the record of
 * deleted interviews (`deleted_interviews`, refused from then on on every node).
 * Asynchronous like the document store, with a SQLite and a PostgreSQL
 * implementation (postgres/postgres-interview-store.ts); the contract test runs
 * on both (tests/integration/interview-store.test.ts).
 */
import type { Db } from '../db/open';

/** One published plan as the host's list shows it (the status is joined by the caller from the node's read model). */
export interface IndexedInterview {
  id: string;
  title: string;
  archetype: string;
  depth: string;
  questionCount: number;
  version: number;
  updatedAt: number;
}

/** Who deleted an interview, when, and what went (JSON of the deletion's counts). */
export interface DeletionRecord {
  id: string;
  deletedAt: number;
  deletedBy: string;
  summary: string;
}

export interface InterviewStore {
  readonly backend: 'sqlite' | 'postgres';
  /** Inserts or replaces the index row of one interview. */
  upsert(row: IndexedInterview): Promise<void>;
  /** The most recently updated interviews first, at most `limit`. */
  list(limit: number): Promise<IndexedInterview[]>;
  get(id: string): Promise<IndexedInterview | undefined>;
  /** Removes the index row; true when there was one. */
  remove(id: string): Promise<boolean>;
  /** Every deleted interview's id. */
  deletedIds(): Promise<string[]>;
  deletion(id: string): Promise<DeletionRecord | undefined>;
  /** Records a deletion; the first record of an id stays (returns false when one was already there). */
  recordDeletion(record: DeletionRecord): Promise<boolean>;
}

const COLUMNS = 'id, title, archetype, depth, question_count AS questionCount, version, updated_at AS updatedAt';
const DELETION_COLUMNS = 'id, deleted_at AS deletedAt, deleted_by AS deletedBy, summary';

/** Runs `fn` now; its result or its exception becomes the promise's outcome (SQLite answers inside the call). */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

export class SqliteInterviewStore implements InterviewStore {
  readonly backend = 'sqlite' as const;
  constructor(private readonly db: Db) {}

  upsert(row: IndexedInterview): Promise<void> {
    return settled(() => void upsertSqliteInterview(this.db, row));
  }

  list(limit: number): Promise<IndexedInterview[]> {
    return settled(() => this.db.prepare(`SELECT ${COLUMNS} FROM interviews ORDER BY updated_at DESC LIMIT ?`).all(limit) as IndexedInterview[]);
  }

  get(id: string): Promise<IndexedInterview | undefined> {
    return settled(() => this.db.prepare(`SELECT ${COLUMNS} FROM interviews WHERE id = ?`).get(id) as IndexedInterview | undefined);
  }

  remove(id: string): Promise<boolean> {
    return settled(() => this.db.prepare('DELETE FROM interviews WHERE id = ?').run(id).changes > 0);
  }

  deletedIds(): Promise<string[]> {
    return settled(() => (this.db.prepare('SELECT id FROM deleted_interviews').all() as { id: string }[]).map((r) => r.id));
  }

  deletion(id: string): Promise<DeletionRecord | undefined> {
    return settled(() => this.db.prepare(`SELECT ${DELETION_COLUMNS} FROM deleted_interviews WHERE id = ?`).get(id) as DeletionRecord | undefined);
  }

  recordDeletion(r: DeletionRecord): Promise<boolean> {
    return settled(() => recordSqliteDeletion(this.db, r));
  }
}

/**
 * The node's own SQLite rows, written also when the shared store is PostgreSQL: the node's read models join them
 * (the wrap-up's unfinished interviews, the results list's filter of deleted interviews).
 */
export function upsertSqliteInterview(db: Db, row: IndexedInterview): void {
  db.prepare(
    `INSERT INTO interviews (id, title, archetype, depth, question_count, version, updated_at)
     VALUES (@id, @title, @archetype, @depth, @questionCount, @version, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, archetype = excluded.archetype,
       depth = excluded.depth, question_count = excluded.question_count,
       version = excluded.version, updated_at = excluded.updated_at`,
  ).run(row);
}

export function recordSqliteDeletion(db: Db, r: DeletionRecord): boolean {
  return (
    db.prepare('INSERT OR IGNORE INTO deleted_interviews (id, deleted_at, deleted_by, summary) VALUES (?, ?, ?, ?)').run(r.id, r.deletedAt, r.deletedBy, r.summary)
      .changes > 0
  );
}
