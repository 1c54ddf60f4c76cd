/**
 * The interview index and the deletion record in PostgreSQL (interview-store.ts), on the pool of the document
 * store: every node lists the same interviews and refuses the same deleted ones.
 */
import type pg from 'pg';
import type { DeletionRecord, IndexedInterview, InterviewStore } from '../interview-store';

interface RawInterview {
  id: string;
  title: string;
  archetype: string;
  depth: string;
  question_count: number;
  version: number;
  updated_at: string;
}
interface RawDeletion {
  id: string;
  deleted_at: string;
  deleted_by: string;
  summary: string;
}

const asInterview = (r: RawInterview): IndexedInterview => ({
  id: r.id,
  title: r.title,
  archetype: r.archetype,
  depth: r.depth,
  questionCount: r.question_count,
  version: r.version,
  updatedAt: Number(r.updated_at),
});
const asDeletion = (r: RawDeletion): DeletionRecord => ({ id: r.id, deletedAt: Number(r.deleted_at), deletedBy: r.deleted_by, summary: r.summary });

export class PostgresInterviewStore implements InterviewStore {
  readonly backend = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async upsert(row: IndexedInterview): Promise<void> {
    await this.pool.query(
      `INSERT INTO interviews (id, title, archetype, depth, question_count, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, archetype = excluded.archetype, depth = excluded.depth,
         question_count = excluded.question_count, version = excluded.version, updated_at = excluded.updated_at`,
      [row.id, row.title, row.archetype, row.depth, row.questionCount, row.version, row.updatedAt],
    );
  }

  async list(limit: number): Promise<IndexedInterview[]> {
    const res = await this.pool.query<RawInterview>('SELECT * FROM interviews ORDER BY updated_at DESC LIMIT $1', [limit]);
    return res.rows.map(asInterview);
  }

  async get(id: string): Promise<IndexedInterview | undefined> {
    const res = await this.pool.query<RawInterview>('SELECT * FROM interviews WHERE id = $1', [id]);
    return res.rows[0] ? asInterview(res.rows[0]) : undefined;
  }

  async remove(id: string): Promise<boolean> {
    const res = await this.pool.query('DELETE FROM interviews WHERE id = $1', [id]);
    return (res.rowCount ?? 0) > 0;
  }

  async deletedIds(): Promise<string[]> {
    const res = await this.pool.query<{ id: string }>('SELECT id FROM deleted_interviews');
    return res.rows.map((r) => r.id);
  }

  async deletion(id: string): Promise<DeletionRecord | undefined> {
    const res = await this.pool.query<RawDeletion>('SELECT * FROM deleted_interviews WHERE id = $1', [id]);
    return res.rows[0] ? asDeletion(res.rows[0]) : undefined;
  }

  async recordDeletion(r: DeletionRecord): Promise<boolean> {
    const res = await this.pool.query(
      'INSERT INTO deleted_interviews (id, deleted_at, deleted_by, summary) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [r.id, r.deletedAt, r.deletedBy, r.summary],
    );
    return (res.rowCount ?? 0) > 0;
  }
}
