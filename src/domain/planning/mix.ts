/**
 * How many questions of each kind an interview gets, and how long it takes:
 * what the host is told before generating ("17 questions, about 45 minutes").
 *
 * For a full request the mix is worked out from the very bank items the seeded
 * generator takes for that archetype and depth, so the announcement is exactly
 * what `generateOfflinePlan` delivers: same counts, same minutes, never over the
 * duration. Counts never exceed what the bank guarantees per archetype and depth.
 */
import type { CognitiveDepth } from '../archetypes';
import type { Question, QuestionKind } from '../questions';
import { allocate, type RankedLengths } from './allocation';
import { KINDS, questionSeconds, rankBankItems, type Ranking } from './ranking';
import { BANK_MINIMUM, estimateMinutes, NOMINAL_MINUTES, SETUP_MINUTES } from './timing';
import type { PlanMix, PlanRequest } from './types';
import { assertValidArchetype, assertValidDepth, assertValidDuration } from './validation';

export type { PlanMix, PlanRequest } from './types';

/** The mix for this request and the bank items that make it up, per kind, in pick order. */
export interface PlannedSelection {
  mix: PlanMix;
  picks: Ranking;
}

/** The planned mix and the items behind it: the first `mix[kind]` of each kind's seeded ranking. */
export function planSelection(req: PlanRequest): PlannedSelection {
  assertValidRequest(req);
  const ranking = rankBankItems(req, []);
  const lengths: RankedLengths = {
    spoken: ranking.spoken.map(questionSeconds),
    mcq: ranking.mcq.map(questionSeconds),
    coding: ranking.coding.map(questionSeconds),
  };
  const { counts } = allocate(req.durationMin, req.depth, lengths);
  const picks: Ranking = { spoken: ranking.spoken.slice(0, counts.spoken), mcq: ranking.mcq.slice(0, counts.mcq), coding: ranking.coding.slice(0, counts.coding) };
  const chosen: Question[] = KINDS.flatMap((k) => picks[k]);
  return { mix: { ...counts, estimatedMinutes: estimateMinutes(chosen) }, picks };
}

/**
 * The mix `generateOfflinePlan(req)` delivers. The seed matters only where the
 * bank holds items of different lengths for a kind (a 15- and a 25-minute task):
 * the mix accounts for the ones this seed picks.
 */
export function planMix(req: PlanRequest): PlanMix {
  return planSelection(req).mix;
}

/** The mix if every item had its depth's nominal length: a guide for writing bank items and model prompts. */
export function nominalMix(durationMin: number, depth: CognitiveDepth): PlanMix {
  assertValidDuration(durationMin);
  assertValidDepth(depth);
  const nominal = (kind: QuestionKind) => Array.from({ length: BANK_MINIMUM[kind] }, () => NOMINAL_MINUTES[depth][kind] * 60);
  const { counts, seconds } = allocate(durationMin, depth, { spoken: nominal('spoken'), mcq: nominal('mcq'), coding: nominal('coding') });
  return { ...counts, estimatedMinutes: Math.ceil(Math.round(SETUP_MINUTES * 10 + seconds / 6) / 10) };
}

function assertValidRequest(req: PlanRequest): void {
  assertValidDuration(req.durationMin);
  assertValidDepth(req.depth);
  assertValidArchetype(req.archetype);
}

/** "12 questions, about 45 minutes (6 spoken, 5 multiple-choice, 1 coding)". */
export function describeMix(mix: PlanMix): string {
  const total = mix.spoken + mix.mcq + mix.coding;
  if (total === 0) return 'No questions';
  const parts = [
    mix.spoken > 0 ? `${mix.spoken} spoken` : null,
    mix.mcq > 0 ? `${mix.mcq} multiple-choice` : null,
    mix.coding > 0 ? `${mix.coding} coding` : null,
  ].filter((p): p is string => p !== null);
  const questions = total === 1 ? '1 question' : `${total} questions`;
  const minutes = mix.estimatedMinutes === 1 ? '1 minute' : `${mix.estimatedMinutes} minutes`;
  return `${questions}, about ${minutes} (${parts.join(', ')})`;
}
