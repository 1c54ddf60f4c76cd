/**
 * Unsent typed answers and code, kept while the guest writes (`db.kv`, key
 * `draft:<interviewId>:<questionId>`), so a reload or crash never loses what
 * was typed but not yet submitted.
 */
import { appDb, type InterqDatabase } from '../storage/db';

export function draftKey(interviewId: string, questionId: string): string {
  return `draft:${interviewId}:${questionId}`;
}

export async function loadDraft(interviewId: string, questionId: string, db: InterqDatabase = appDb()): Promise<string | null> {
  const row = await db.kv.get(draftKey(interviewId, questionId));
  return typeof row?.value === 'string' ? row.value : null;
}

export async function saveDraft(interviewId: string, questionId: string, text: string, db: InterqDatabase = appDb()): Promise<void> {
  await db.kv.put({ key: draftKey(interviewId, questionId), value: text });
}
