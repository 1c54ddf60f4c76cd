/**
 * How long each kind of question takes in a live interview. One set of rules for
 * the planned mix and for an actual list of questions, so the estimate shown to
 * the host before generating and after editing agree.
 */
import type { CognitiveDepth } from '../archetypes';
import type { Question, QuestionKind } from '../questions';
import type { PlanMix } from './types';

/** Microphone check and the intro screen before the first question. */
export const SETUP_MINUTES = 2;

/** Reading the question aloud (text-to-speech) and moving on, on top of the answer limit. */
export const SPOKEN_OVERHEAD_MINUTES = 1;

/**
 * The least the bank guarantees for every archetype and depth (enforced by the
 * bank validation test), so a mix within these counts can always be filled.
 */
export const BANK_MINIMUM: Readonly<Record<QuestionKind, number>> = { spoken: 12, mcq: 20, coding: 3 };

/** Nominal answer limits per depth, in minutes; bank items are written to fit within them. */
export const NOMINAL_MINUTES: Readonly<Record<CognitiveDepth, Readonly<Record<QuestionKind, number>>>> = {
  standard: { spoken: 2 + SPOKEN_OVERHEAD_MINUTES, mcq: 1, coding: 10 },
  advanced: { spoken: 2 + SPOKEN_OVERHEAD_MINUTES, mcq: 1, coding: 15 },
  expert: { spoken: 3 + SPOKEN_OVERHEAD_MINUTES, mcq: 1, coding: 20 },
};

/** Minutes one question occupies: spoken adds reading/transition time to its answer limit. */
export function questionMinutes(q: Question): number {
  const answer = q.timeLimitSec / 60;
  return q.kind === 'spoken' ? answer + SPOKEN_OVERHEAD_MINUTES : answer;
}

/** Whole minutes a list of questions takes, setup included. */
export function estimateMinutes(questions: readonly Question[]): number {
  const total = questions.reduce((sum, q) => sum + questionMinutes(q), SETUP_MINUTES);
  // Round to the nearest tenth first so float noise (0.1 + 0.2) never adds a minute.
  return Math.ceil(Math.round(total * 10) / 10);
}

/** The mix of an actual plan (for example after the host edited it), for `describeMix`. */
export function mixOfPlan(questions: readonly Question[]): PlanMix {
  const count = (kind: QuestionKind) => questions.filter((q) => q.kind === kind).length;
  return {
    spoken: count('spoken'),
    mcq: count('mcq'),
    coding: count('coding'),
    estimatedMinutes: estimateMinutes(questions),
  };
}
