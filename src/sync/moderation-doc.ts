/**
 * The `<id>.moderation` document: the moderator's decision on each audience
 * submission, and the order of approved questions the interviewer works through.
 * Moderator and host write it; interviewer and audience only read it, so an
 * audience member can never approve anything (the server refuses their writes).
 *
 * Layout:
 * - Map `decisions`: submission id → Decision (the latest decision wins).
 * - Array `queue`: submission ids in the order they were first approved.
 *
 * The audience reads this document, so a rejected question's text is never
 * copied here: only approved (possibly edited) text is.
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { ROLES, type Role } from '../domain/access';
import { checkSubmissionText, type Submission } from './audience-doc';
import { cachedRead } from './read-cache';

export const Decision = z.discriminatedUnion('status', [
  z.object({
    submissionId: z.string().check(z.minLength(1), z.maxLength(200)),
    status: z.literal('approved'),
    /** The text the interviewer reads: the submission's, or the moderator's edit of it. */
    text: z.string().check(z.minLength(1), z.maxLength(500)),
    edited: z.boolean(),
    author: z.string().check(z.minLength(1), z.maxLength(200)),
    by: z.string().check(z.minLength(1), z.maxLength(200)),
    role: z.enum(ROLES),
    at: z.number().check(z.nonnegative()),
  }),
  z.object({
    submissionId: z.string().check(z.minLength(1), z.maxLength(200)),
    status: z.literal('rejected'),
    by: z.string().check(z.minLength(1), z.maxLength(200)),
    role: z.enum(ROLES),
    at: z.number().check(z.nonnegative()),
  }),
]);
export type Decision = z.infer<typeof Decision>;

export type ModerationAction = { action: 'approve'; editedText?: string } | { action: 'reject' };

export type DecideResult = { ok: true; decision: Decision } | { ok: false; reason: string };

const decisions = (doc: Y.Doc) => doc.getMap<unknown>('decisions');
const queue = (doc: Y.Doc) => doc.getArray<string>('queue');

/** Roles whose decisions count; mirrors the write access of the moderation document. */
export const MODERATING_ROLES: readonly Role[] = ['moderator', 'host'];

export function decide(
  doc: Y.Doc,
  submission: Submission,
  action: ModerationAction,
  actor: { by: string; role: Role },
  now: number,
): DecideResult {
  if (!MODERATING_ROLES.includes(actor.role)) return { ok: false, reason: `A ${actor.role} cannot moderate questions.` };
  let decision: Decision;
  if (action.action === 'approve') {
    const text = (action.editedText ?? submission.text).trim();
    const problem = checkSubmissionText(text);
    if (problem) return { ok: false, reason: problem };
    decision = {
      submissionId: submission.id,
      status: 'approved',
      text,
      edited: text !== submission.text.trim(),
      author: submission.author,
      by: actor.by,
      role: actor.role,
      at: now,
    };
  } else {
    decision = { submissionId: submission.id, status: 'rejected', by: actor.by, role: actor.role, at: now };
  }
  doc.transact(() => {
    decisions(doc).set(submission.id, decision);
    if (decision.status === 'approved' && !queue(doc).toArray().includes(submission.id)) queue(doc).push([submission.id]);
  });
  return { ok: true, decision };
}

export function readDecision(doc: Y.Doc, submissionId: string): Decision | null {
  const parsed = Decision.safeParse(decisions(doc).get(submissionId));
  return parsed.success && parsed.data.submissionId === submissionId ? parsed.data : null;
}

/** Parsed once per change of the decisions (read-cache.ts): shared by every caller, so read-only. */
export function readDecisions(doc: Y.Doc): ReadonlyMap<string, Decision> {
  const map = decisions(doc);
  return cachedRead(doc, 'decisions', [map], () => {
    const out = new Map<string, Decision>();
    for (const [id, value] of map.entries()) {
      const parsed = Decision.safeParse(value);
      if (parsed.success && parsed.data.submissionId === id) out.set(id, parsed.data);
    }
    return out;
  });
}

export type ApprovedQuestion = Extract<Decision, { status: 'approved' }>;

/**
 * The interviewer's queue: approved questions in the order they were first
 * approved. Ids approved concurrently on two devices appear once; an id whose
 * latest decision is a rejection is left out even if it was queued before.
 */
export function readQueue(doc: Y.Doc): readonly ApprovedQuestion[] {
  return cachedRead(doc, 'queue', [decisions(doc), queue(doc)], () => queueOf(doc));
}

function queueOf(doc: Y.Doc): ApprovedQuestion[] {
  const all = readDecisions(doc);
  const seen = new Set<string>();
  const out: ApprovedQuestion[] = [];
  const take = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const d = all.get(id);
    if (d?.status === 'approved') out.push(d);
  };
  for (const id of queue(doc).toArray()) if (typeof id === 'string') take(id);
  // An approval whose queue entry has not arrived yet still counts; it goes last, oldest first.
  const rest = [...all.values()].filter((d): d is ApprovedQuestion => d.status === 'approved' && !seen.has(d.submissionId));
  rest.sort((a, b) => a.at - b.at || a.submissionId.localeCompare(b.submissionId));
  for (const d of rest) take(d.submissionId);
  return out;
}

export interface ModerationView {
  pending: Submission[];
  approved: readonly ApprovedQuestion[];
  rejected: Array<{ submission: Submission; decision: Extract<Decision, { status: 'rejected' }> }>;
}

/** Splits the submissions by the moderator's decisions, for the moderator's screen. */
export function moderationView(submissions: readonly Submission[], doc: Y.Doc): ModerationView {
  const all = readDecisions(doc);
  const view: ModerationView = { pending: [], approved: readQueue(doc), rejected: [] };
  for (const s of submissions) {
    const d = all.get(s.id);
    if (!d) view.pending.push(s);
    else if (d.status === 'rejected') view.rejected.push({ submission: s, decision: d });
  }
  return view;
}
