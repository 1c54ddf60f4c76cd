/**
 * Every bench session is an interview with a published plan, as a live one is: before our server starts, each
 * session's `<id>.plan` and `<id>.key` documents are written to its storage (SQLite in the data folder, or the
 * PostgreSQL of DATABASE_URL) with the app's own writer (src/sync/plan-doc.ts writePlan) and a plan from the offline
 * bank (tests/support/bank-plan.ts: 20 minutes, backend). Without a plan the hooks production runs per update take
 * shortcuts a real interview never takes: the wrap-up's status projection reads the documents and stops (nothing to
 * track), so it never saves a status, and the results projection has no questions to recompute rows for. The bench's
 * load generators never write these two documents (no workload stream goes to them): they are read by the server's
 * hooks only.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { writePlan } from '../../src/sync/plan-doc';
import { docName } from '../../src/domain/access';
import { openDatabase } from '../../sync-server/db/open';
import { openDocumentStorage } from '../../sync-server/storage/open-document-storage';
import { DATABASE_FILE } from '../../sync-server/data-dir';
import { publishedBankPlan } from '../../tests/support/bank-plan';

/** Writes each session's plan and key documents into our server's storage, before the server opens it. */
export async function seedPlans(dataDir: string, databaseUrl: string | null, sessionIds: readonly string[]): Promise<void> {
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void => {
    if (level !== 'info') console.error(JSON.stringify({ level, msg, ...fields }));
  };
  try {
    const storage = await openDocumentStorage({ databaseUrl, db, log });
    try {
      for (const id of sessionIds) {
        const plan = new Y.Doc();
        const key = new Y.Doc();
        writePlan(plan, key, publishedBankPlan(id));
        await storage.commit(docName(id, 'plan'), [Y.encodeStateAsUpdate(plan)], []);
        await storage.commit(docName(id, 'key'), [Y.encodeStateAsUpdate(key)], []);
      }
    } finally {
      await storage.close();
    }
  } finally {
    db.close();
  }
}
