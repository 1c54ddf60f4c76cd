/**
 * The `<id>.audience` document: questions the audience submits for the
 * interviewer. Audience members append; staff read it; only the moderator's
 * decisions (moderation-doc.ts) decide what reaches the interviewer.
 *
 * Layout: Array `submissions` (Submission), append-only, validated on read.
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { newRecordId, uniqueById } from './record-id';
import { validRecords } from './valid-records';
import { cachedRead } from './read-cache';
import { countValidIds } from './valid-id-count';

export const MIN_SUBMISSION_CHARS = 3;
export const MAX_SUBMISSION_CHARS = 500;

export const Submission = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  text: z.string().check(z.minLength(MIN_SUBMISSION_CHARS), z.maxLength(MAX_SUBMISSION_CHARS)),
  /** The name on the audience member's link. */
  author: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Random per device, so a member recognises their own questions even if names repeat. */
  authorKey: z.string().check(z.minLength(1), z.maxLength(100)),
  at: z.number().check(z.nonnegative()),
});
export type Submission = z.infer<typeof Submission>;

export type SubmitResult = { ok: true; submission: Submission } | { ok: false; reason: string };

const submissions = (doc: Y.Doc) => doc.getArray<unknown>('submissions');

export function checkSubmissionText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length < MIN_SUBMISSION_CHARS) return `A question needs at least ${MIN_SUBMISSION_CHARS} characters.`;
  if (trimmed.length > MAX_SUBMISSION_CHARS) return `A question can be at most ${MAX_SUBMISSION_CHARS} characters.`;
  return null;
}

export function submitQuestion(doc: Y.Doc, text: string, from: { author: string; authorKey: string }, now: number): SubmitResult {
  const problem = checkSubmissionText(text);
  if (problem) return { ok: false, reason: problem };
  const parsed = Submission.safeParse({ id: newRecordId('s', doc.clientID), text: text.trim(), ...from, at: now });
  if (!parsed.success) return { ok: false, reason: 'This question cannot be sent from this link.' };
  submissions(doc).push([parsed.data]);
  return { ok: true, submission: parsed.data };
}

/** Parsed once per change of the submissions (read-cache.ts): shared by every caller, so read-only. */
export function readSubmissions(doc: Y.Doc): readonly Submission[] {
  const all = submissions(doc);
  return cachedRead(doc, 'submissions', [all], () => uniqueById(validRecords(Submission, all.toArray())));
}

/** readSubmissions(doc).length, kept from each change's own submissions (valid-id-count.ts) rather than read whole. */
export function countSubmissions(doc: Y.Doc): number {
  return countValidIds(submissions(doc), Submission);
}
