/**
 * Whether a plan has a coding question: one rule per depth, the same for every job archetype. Before it, the
 * answer fell out of the time shares and the length of the task the seed happened to rank first, so a 30-minute
 * Advanced plan had a coding question for a frontend engineer (15-minute tasks) and none for a backend engineer
 * (20-minute tasks), and at some depths it even changed with the seed (issue #12).
 *
 * The rule: from `CODING_FROM_MINUTES[depth]` on, every plan has at least one coding question; shorter plans have
 * none. The threshold is where the longest coding task the bank may hold at that depth still fits beside the
 * setup and two of the longest spoken questions, so the rule can always be kept; the bank validation test holds
 * every item to those longest lengths. Above the threshold the time shares decide how many tasks (allocation.ts).
 */
import { depthLabel, type CognitiveDepth } from '../archetypes';

/** The longest answer limit, in minutes, of a bank item of each kind at each depth (enforced by tests/unit/bank-validation.test.ts). */
export const LONGEST_MINUTES: Readonly<Record<CognitiveDepth, { spoken: number; coding: number }>> = {
  standard: { spoken: 2, coding: 20 },
  advanced: { spoken: 2, coding: 20 },
  expert: { spoken: 4, coding: 30 },
};

/** Shortest plan, in minutes, with a coding question, per depth. Shorter plans have none, whatever the archetype. */
export const CODING_FROM_MINUTES: Readonly<Record<CognitiveDepth, number>> = {
  standard: 30,
  advanced: 30,
  expert: 45,
};

/** Whether the rule asks for a coding question in a plan of this length and depth. */
export function codingRequired(durationMin: number, depth: CognitiveDepth): boolean {
  return Math.floor(durationMin) >= CODING_FROM_MINUTES[depth];
}

/** The rule as the planning form states it. */
export function describeCodingRule(depth: CognitiveDepth): string {
  return `Coding: at ${depthLabel(depth)} depth, plans of ${CODING_FROM_MINUTES[depth]} minutes or more include a coding task and shorter plans have none, for every job archetype.`;
}
