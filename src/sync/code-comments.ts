/**
 * Staff comments on a line of the guest's code, in the `<id>.staff` document (Array `codeComments`), which the
 * guest's device never opens (src/domain/access.ts), so a comment never reaches the candidate. Records name their
 * author (`by`, `role`), held by the server to the connection's own token like every staff record.
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { ROLES } from '../domain/access';
import { newRecordId, uniqueById } from './record-id';
import type { StaffAuthor, WriteResult } from './staff-doc';
import { validRecords } from './valid-records';
import { cachedRead } from './read-cache';

export const MAX_CODE_COMMENT_CHARS = 2000;

export const CodeComment = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** 1-based line of the code as it was when commented. */
  line: z.number().check(z.int(), z.gte(1)),
  /** The line's text then, so the comment still reads right after the code moved on. */
  lineText: z.string().check(z.maxLength(500)),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_CODE_COMMENT_CHARS)),
  by: z.string().check(z.minLength(1), z.maxLength(200)),
  role: z.enum(ROLES),
  at: z.number().check(z.nonnegative()),
});
export type CodeComment = z.infer<typeof CodeComment>;

const commentArray = (doc: Y.Doc) => doc.getArray<unknown>('codeComments');

export function addCodeComment(staffDoc: Y.Doc, input: { questionId: string; line: number; code: string; text: string }, from: StaffAuthor, now: number): WriteResult<CodeComment> {
  const text = input.text.trim();
  if (text === '') return { ok: false, reason: 'Write a comment first.' };
  if (text.length > MAX_CODE_COMMENT_CHARS) return { ok: false, reason: `A comment can be at most ${MAX_CODE_COMMENT_CHARS} characters.` };
  const lines = input.code.split('\n');
  if (!Number.isInteger(input.line) || input.line < 1 || input.line > lines.length) return { ok: false, reason: `Pick a line from 1 to ${lines.length}.` };
  const record: CodeComment = { id: newRecordId('cc', staffDoc.clientID), questionId: input.questionId, line: input.line, lineText: lines[input.line - 1]!.slice(0, 500), text, by: from.by, role: from.role, at: now };
  commentArray(staffDoc).push([record]);
  return { ok: true, record };
}

/** One question's comments in line order: parsed once per change of the comments (read-cache.ts), so read-only. */
export function readCodeComments(staffDoc: Y.Doc, questionId: string): readonly CodeComment[] {
  const comments = commentArray(staffDoc);
  const all = cachedRead(staffDoc, 'codeComments', [comments], () => uniqueById(validRecords(CodeComment, comments.toArray())));
  return cachedRead(staffDoc, `codeComments|${questionId}`, [comments], () => all.filter((c) => c.questionId === questionId).sort((a, b) => a.line - b.line || a.at - b.at));
}
