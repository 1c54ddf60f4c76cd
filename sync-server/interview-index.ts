/**
 * A SQL index of the interviews whose plan documents the server holds, so the
 * host's dashboard can list them without loading every Yjs document.
 */
import type * as Y from 'yjs';
import type { Db } from './db/open';
import { parseDocName } from '../src/domain/access';
import { readPublicPlan } from '../src/sync/plan-doc';

export interface InterviewRow {
  id: string;
  title: string;
  archetype: string;
  depth: string;
  questionCount: number;
  version: number;
  updatedAt: number;
  /** The wrap-up status the server keeps (interview_status, src/domain/wrap-up/status.ts); null before any is computed. */
  status: string | null;
}

const ROW_COLUMNS =
  'i.id, i.title, i.archetype, i.depth, i.question_count AS questionCount, i.version, i.updated_at AS updatedAt, s.status AS status';
// The status comes from the one projection that keeps it (sync-server/synthesis/status-projection.ts), never a second rule.
const ROWS = `SELECT ${ROW_COLUMNS} FROM interviews i LEFT JOIN interview_status s ON s.interview_id = i.id`;

export function createInterviewIndex(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO interviews (id, title, archetype, depth, question_count, version, updated_at)
    VALUES (@id, @title, @archetype, @depth, @questionCount, @version, @updatedAt)
    ON CONFLICT(id) DO UPDATE SET title = excluded.title, archetype = excluded.archetype,
      depth = excluded.depth, question_count = excluded.question_count,
      version = excluded.version, updated_at = excluded.updated_at`);
  const list = db.prepare(`${ROWS} ORDER BY i.updated_at DESC LIMIT 500`);
  const get = db.prepare(`${ROWS} WHERE i.id = ?`);

  return {
    /** Called on every stored update; only plan documents are indexed. */
    onDocumentUpdated(name: string, doc: Y.Doc): void {
      const parsed = parseDocName(name);
      if (!parsed || parsed.kind !== 'plan') return;
      const plan = readPublicPlan(doc);
      if (!plan || plan.meta.id !== parsed.interviewId) return;
      upsert.run({
        id: plan.meta.id,
        title: plan.meta.title,
        archetype: plan.meta.archetype,
        depth: plan.meta.depth,
        questionCount: plan.questions.length,
        version: plan.meta.version,
        updatedAt: plan.meta.updatedAt,
      });
    },
    list: (): InterviewRow[] => list.all() as InterviewRow[],
    get: (id: string): InterviewRow | undefined => get.get(id) as InterviewRow | undefined,
  };
}

export type InterviewIndex = ReturnType<typeof createInterviewIndex>;
