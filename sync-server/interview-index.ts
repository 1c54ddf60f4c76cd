/**
 * The index of the interviews whose plan documents the server holds, so the
 * host's dashboard can list them without loading every Yjs document. Kept in
 * the interview store (storage/interview-store.ts: SQLite, or PostgreSQL shared
 * by every node); with PostgreSQL the node also keeps its own SQLite row, which
 * its read models join (the wrap-up's unfinished interviews).
 */
import type * as Y from 'yjs';
import type { Db } from './db/open';
import { parseDocName } from '../src/domain/access';
import { readPublicPlan } from '../src/sync/plan-doc';
import { upsertSqliteInterview, type IndexedInterview, type InterviewStore } from './storage/interview-store';
import type { Logger } from './log';

export interface InterviewRow extends IndexedInterview {
  /** The wrap-up status the server keeps (interview_status, src/domain/wrap-up/status.ts); null before any is computed. */
  status: string | null;
}

const LIST_LIMIT = 500;

export function createInterviewIndex(db: Db, store: InterviewStore, log: Logger) {
  // The status comes from the one projection that keeps it (sync-server/synthesis/status-projection.ts), never a second rule.
  const statusOf = db.prepare<[string], { status: string }>('SELECT status FROM interview_status WHERE interview_id = ?');
  const withStatus = (row: IndexedInterview): InterviewRow => ({ ...row, status: statusOf.get(row.id)?.status ?? null });
  /** Writes per interview, in order: a later plan must never be overwritten by an earlier write finishing last. */
  const pending = new Map<string, Promise<void>>();

  function write(row: IndexedInterview): void {
    const before = pending.get(row.id);
    // Nothing pending (always so with SQLite, whose write happens inside the call): write now, as before the seam.
    const next = (before ? before.then(() => store.upsert(row)) : store.upsert(row)).catch((err: unknown) => {
      log('error', 'Could not update the interview index; the next plan change writes it again', { interview: row.id, error: (err as Error).message });
    });
    pending.set(row.id, next);
    void next.then(() => {
      if (pending.get(row.id) === next) pending.delete(row.id);
    });
  }

  return {
    /** Called on every stored update; only plan documents are indexed. */
    onDocumentUpdated(name: string, doc: Y.Doc): void {
      const parsed = parseDocName(name);
      if (!parsed || parsed.kind !== 'plan') return;
      const plan = readPublicPlan(doc);
      if (!plan || plan.meta.id !== parsed.interviewId) return;
      const row: IndexedInterview = {
        id: plan.meta.id,
        title: plan.meta.title,
        archetype: plan.meta.archetype,
        depth: plan.meta.depth,
        questionCount: plan.questions.length,
        version: plan.meta.version,
        updatedAt: plan.meta.updatedAt,
      };
      if (store.backend !== 'sqlite') upsertSqliteInterview(db, row);
      write(row);
    },
    list: async (): Promise<InterviewRow[]> => (await store.list(LIST_LIMIT)).map(withStatus),
    get: async (id: string): Promise<InterviewRow | undefined> => {
      const row = await store.get(id);
      return row ? withStatus(row) : undefined;
    },
    /** Resolves once the index writes queued for this interview have landed (deletion waits for them). */
    settled: async (id: string): Promise<void> => {
      await pending.get(id);
    },
  };
}

export type InterviewIndex = ReturnType<typeof createInterviewIndex>;
