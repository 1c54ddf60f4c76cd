/**
 * How many questions of each kind fit an interview of a given length and depth.
 *
 * Time is shared between kinds by depth: standard interviews lean on quick
 * multiple-choice checks of fundamentals, expert ones spend their time on coding
 * and spoken reasoning. Counts never exceed what the bank guarantees per
 * archetype and depth, and the estimate never exceeds the duration.
 */
import { DEPTH_IDS, MAX_DURATION_MIN, MIN_DURATION_MIN, type CognitiveDepth } from '../archetypes';
import type { QuestionKind } from '../questions';
import { BANK_MINIMUM, NOMINAL_MINUTES, SETUP_MINUTES } from './timing';
import type { PlanMix } from './types';

export type { PlanMix, PlanRequest } from './types';

interface DepthProfile {
  /** Share of the question time (after setup) each kind should get. */
  share: Readonly<Record<QuestionKind, number>>;
  /** Upper bound on multiple-choice questions: past it, more of them says little about an expert. */
  maxMcq: number;
}

const PROFILES: Readonly<Record<CognitiveDepth, DepthProfile>> = {
  standard: { share: { spoken: 0.45, mcq: 0.3, coding: 0.25 }, maxMcq: BANK_MINIMUM.mcq },
  advanced: { share: { spoken: 0.45, mcq: 0.2, coding: 0.35 }, maxMcq: 16 },
  expert: { share: { spoken: 0.45, mcq: 0.1, coding: 0.45 }, maxMcq: 10 },
};

/** Every interview keeps at least this many spoken questions when time allows: they are the core of it. */
const MIN_SPOKEN = 2;

export function assertValidDuration(durationMin: number): void {
  if (!Number.isFinite(durationMin) || durationMin < MIN_DURATION_MIN || durationMin > MAX_DURATION_MIN) {
    throw new RangeError(
      `Interview duration must be between ${MIN_DURATION_MIN} and ${MAX_DURATION_MIN} minutes (got ${String(durationMin)}).`,
    );
  }
}

export function assertValidDepth(depth: string): asserts depth is CognitiveDepth {
  if (!(DEPTH_IDS as readonly string[]).includes(depth)) {
    throw new RangeError(`Unknown cognitive depth "${depth}" (expected one of ${DEPTH_IDS.join(', ')}).`);
  }
}

export function planMix(durationMin: number, depth: CognitiveDepth): PlanMix {
  assertValidDuration(durationMin);
  assertValidDepth(depth);
  const minutes = NOMINAL_MINUTES[depth];
  const { share, maxMcq } = PROFILES[depth];
  const budget = Math.floor(durationMin) - SETUP_MINUTES;

  // Coding first: tasks are long, so only take one when room for a couple of spoken questions remains.
  const codingRoom = Math.floor((budget - MIN_SPOKEN * minutes.spoken) / minutes.coding);
  const coding = clamp(Math.round((budget * share.coding) / minutes.coding), 0, Math.min(codingRoom, BANK_MINIMUM.coding));
  let left = budget - coding * minutes.coding;

  const spokenFits = Math.floor(left / minutes.spoken);
  let spoken = Math.min(Math.floor((budget * share.spoken) / minutes.spoken), spokenFits, BANK_MINIMUM.spoken);
  spoken = Math.max(spoken, Math.min(MIN_SPOKEN, spokenFits));
  left -= spoken * minutes.spoken;

  let mcq = Math.min(Math.floor((budget * share.mcq) / minutes.mcq), Math.floor(left / minutes.mcq), maxMcq);
  left -= mcq * minutes.mcq;

  // Time the shares or caps left over goes to spoken questions first (they say the most), then MCQs.
  const extraSpoken = Math.min(Math.floor(left / minutes.spoken), BANK_MINIMUM.spoken - spoken);
  spoken += extraSpoken;
  left -= extraSpoken * minutes.spoken;
  const extraMcq = Math.min(Math.floor(left / minutes.mcq), maxMcq - mcq);
  mcq += extraMcq;
  left -= extraMcq * minutes.mcq;

  return { spoken, mcq, coding, estimatedMinutes: budget - left + SETUP_MINUTES };
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

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}
