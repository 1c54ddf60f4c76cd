/**
 * Edits a host makes while reviewing a plan, and what publishing records. Pure
 * functions over immutable plans, so the review screen is a thin shell and the
 * rules are unit-tested.
 */
import type { InterviewPlan } from './interview';
import type { Question } from './questions';

export function moveQuestion(plan: InterviewPlan, from: number, to: number): InterviewPlan {
  if (from === to || from < 0 || to < 0 || from >= plan.questions.length || to >= plan.questions.length) return plan;
  const questions = [...plan.questions];
  const [moved] = questions.splice(from, 1);
  questions.splice(to, 0, moved!);
  return { ...plan, questions };
}

export function replaceQuestion(plan: InterviewPlan, index: number, q: Question): InterviewPlan {
  if (index < 0 || index >= plan.questions.length) return plan;
  const questions = [...plan.questions];
  questions[index] = q;
  return { ...plan, questions };
}

export function removeQuestion(plan: InterviewPlan, index: number): InterviewPlan {
  if (index < 0 || index >= plan.questions.length) return plan;
  return { ...plan, questions: plan.questions.filter((_, i) => i !== index) };
}

export function addQuestion(plan: InterviewPlan, q: Question): InterviewPlan {
  if (plan.questions.some((x) => x.id === q.id)) throw new Error(`A question with id ${q.id} is already in the plan.`);
  return { ...plan, questions: [...plan.questions, q] };
}

export interface PlanChanges {
  added: number;
  removed: number;
  edited: number;
  reordered: boolean;
}

export function diffPlans(before: InterviewPlan | null, after: InterviewPlan): PlanChanges {
  if (!before) return { added: after.questions.length, removed: 0, edited: 0, reordered: false };
  const old = new Map(before.questions.map((q) => [q.id, q]));
  const now = new Map(after.questions.map((q) => [q.id, q]));
  let edited = 0;
  for (const [id, q] of now) {
    const prev = old.get(id);
    if (prev && JSON.stringify(prev) !== JSON.stringify(q)) edited += 1;
  }
  const keptOld = before.questions.filter((q) => now.has(q.id)).map((q) => q.id);
  const keptNew = after.questions.filter((q) => old.has(q.id)).map((q) => q.id);
  return {
    added: [...now.keys()].filter((id) => !old.has(id)).length,
    removed: [...old.keys()].filter((id) => !now.has(id)).length,
    edited,
    reordered: keptOld.join('\n') !== keptNew.join('\n'),
  };
}

export function describeChanges(c: PlanChanges): string {
  const parts: string[] = [];
  if (c.added) parts.push(`${c.added} added`);
  if (c.removed) parts.push(`${c.removed} removed`);
  if (c.edited) parts.push(`${c.edited} edited`);
  if (c.reordered) parts.push('reordered');
  return parts.length ? parts.join(', ') : 'no changes';
}

export interface PublishedVersion {
  version: number;
  publishedAt: number;
  questionCount: number;
  changes: string;
}

/** The published plan (next version number) and the history entry that records it. */
export function publish(draft: InterviewPlan, previous: InterviewPlan | null, now: number): { plan: InterviewPlan; entry: PublishedVersion } {
  const version = (previous?.meta.status === 'published' ? previous.meta.version : 0) + 1;
  const plan: InterviewPlan = { ...draft, meta: { ...draft.meta, status: 'published', version, updatedAt: now } };
  const changes = previous?.meta.status === 'published' ? describeChanges(diffPlans(previous, draft)) : 'first version';
  return { plan, entry: { version, publishedAt: now, questionCount: plan.questions.length, changes } };
}
