/**
 * The offline question generator: builds a whole interview from the curated bank,
 * with no network. The same request always yields the same interview.
 */
import type { Question, QuestionKind } from '../questions';
import { bankFor } from './bank-query';
import { BankExhaustedError } from './errors';
import { bankAdditions } from './fill';
import { PlanContents } from './near-duplicate';
import { deriveSeed, mulberry32, pick } from './prng';
import { estimateMinutes, questionMinutes } from './timing';
import { topicCounts } from './topic-balance';
import type { PlanRequest } from './types';
import { assertValidSeed } from './validation';

export type { PlanRequest } from './types';

/** A full plan, ordered for delivery; every item has source 'bank'. */
export function generateOfflinePlan(req: PlanRequest): Question[] {
  const plan = bankAdditions(req, []);
  if (plan.length === 0) throw new BankExhaustedError(req.archetype, req.depth, null);
  return plan;
}

/**
 * A replacement for `current[index]`: same kind, not already in the plan (by id
 * or near-identical prompt), from the topic the rest of the plan covers least,
 * and short enough that the plan still fits the duration when the bank allows.
 * `seed` varies the choice between successive regenerations of the same slot.
 */
export function regenerateQuestion(req: PlanRequest, current: readonly Question[], index: number, seed: number): Question {
  assertValidSeed(seed);
  if (!Number.isInteger(index) || index < 0 || index >= current.length) {
    throw new RangeError(`No question at position ${index} (the plan has ${current.length}).`);
  }
  const replaced = current[index] as Question;
  const candidates = replacementCandidates(req, current, replaced.kind);
  if (candidates.length === 0) throw new BankExhaustedError(req.archetype, req.depth, replaced.kind);

  const others = current.filter((q, i) => i !== index && q.kind === replaced.kind);
  const counts = topicCounts(others);
  const least = Math.min(...candidates.map((q) => counts.get(q.topic) ?? 0));
  const balanced = candidates.filter((q) => (counts.get(q.topic) ?? 0) === least);

  const slack = req.durationMin - estimateMinutes(current) + questionMinutes(replaced);
  const fitting = balanced.filter((q) => questionMinutes(q) <= slack);
  const rng = mulberry32(deriveSeed(req.seed, seed, req.archetype, req.depth, replaced.kind, index, replaced.id));
  // When nothing balanced fits, staying within the duration wins over topic balance.
  const anyFitting = candidates.filter((q) => questionMinutes(q) <= slack);
  const chosen = fitting.length > 0 ? pick(fitting, rng) : anyFitting.length > 0 ? pick(anyFitting, rng) : shortest(candidates);
  return { ...structuredClone(chosen), source: 'bank' };
}

function shortest(items: readonly Question[]): Question {
  return items.reduce((a, b) => (questionMinutes(b) < questionMinutes(a) ? b : a));
}

/** Bank items of a kind that could replace a question in `current`: not already in it by id or prompt. */
function replacementCandidates(req: PlanRequest, current: readonly Question[], kind: QuestionKind): Question[] {
  const contents = new PlanContents(current);
  return bankFor(req.archetype, req.depth)[kind].filter((q) => !contents.has(q));
}

/**
 * Per kind, whether the bank still has a question of that kind for this archetype
 * and depth that `current` does not hold, i.e. whether "Regenerate" on a question
 * of that kind can offer anything. Whether a slot can be regenerated depends only
 * on its kind, so a review screen works this out once per plan, not per slot.
 */
export function regenerableKinds(req: PlanRequest, current: readonly Question[]): Record<QuestionKind, boolean> {
  const contents = new PlanContents(current);
  const slice = bankFor(req.archetype, req.depth);
  const any = (kind: QuestionKind) => slice[kind].some((q) => !contents.has(q));
  return { spoken: any('spoken'), mcq: any('mcq'), coding: any('coding') };
}

/** Whether `regenerateQuestion(req, current, index, …)` has a replacement to offer rather than throwing. */
export function canRegenerate(req: PlanRequest, current: readonly Question[], index: number): boolean {
  const q = Number.isInteger(index) ? current[index] : undefined;
  if (q === undefined) return false;
  return regenerableKinds(req, current)[q.kind];
}
