/**
 * The one selection routine behind both the offline generator (fill an empty
 * plan) and top-up (fill what the cloud generator left short): per kind, a
 * seeded, topic-balanced choice of bank items the plan does not hold yet, then
 * trimmed until the whole plan fits the requested duration.
 */
import type { Question, QuestionKind } from '../questions';
import { bankFor } from './bank-query';
import { orderForDelivery } from './delivery-order';
import { planMix } from './mix';
import { PlanContents } from './near-duplicate';
import { deriveSeed, mulberry32 } from './prng';
import { estimateMinutes, NOMINAL_MINUTES, questionMinutes } from './timing';
import { balancedPick, topicCounts } from './topic-balance';
import type { PlanRequest } from './types';

export const KINDS: readonly QuestionKind[] = ['spoken', 'mcq', 'coding'];

/** Cheapest to lose first when a plan runs over: one MCQ says the least about a candidate. */
const TRIM_ORDER: readonly QuestionKind[] = ['mcq', 'spoken', 'coding'];

export function assertValidSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new RangeError(`Plan seed must be a finite number (got ${String(seed)}).`);
}

/** A copy marked as coming from the bank, so edits to a plan never reach the shared bank objects. */
function fromBank(q: Question): Question {
  return { ...structuredClone(q), source: 'bank' };
}

/**
 * Bank items to add to `given`, ordered for delivery. `given` is never changed or
 * dropped; additions stop at the planned count per kind and at the duration.
 */
export function bankAdditions(req: PlanRequest, given: readonly Question[]): Question[] {
  assertValidSeed(req.seed);
  const mix = planMix(req.durationMin, req.depth);
  const slice = bankFor(req.archetype, req.depth);
  const contents = new PlanContents(given);
  const picks: Record<QuestionKind, Question[]> = { spoken: [], mcq: [], coding: [] };

  for (const kind of KINDS) {
    const have = given.filter((q) => q.kind === kind);
    const need = mix[kind] - have.length;
    if (need <= 0) continue;
    const rng = mulberry32(deriveSeed(req.seed, req.archetype, req.depth, kind));
    const pool: Question[] = slice[kind].filter((q) => !contents.has(q));
    // Items written to the depth's nominal length keep the plan's estimate honest; longer ones only as a fallback.
    const nominal = NOMINAL_MINUTES[req.depth][kind];
    const fitting = pool.filter((q) => questionMinutes(q) <= nominal);
    const longer = pool.filter((q) => questionMinutes(q) > nominal);
    const already = topicCounts(have);
    const first = balancedPick(fitting, fitting.length, rng, already);
    const ranked = [...first, ...balancedPick(longer, longer.length, rng, addCounts(already, first))];
    for (const q of ranked) {
      if (picks[kind].length >= need) break;
      if (contents.has(q)) continue; // two bank items that are the same question in other words
      contents.add(q);
      picks[kind].push(fromBank(q));
    }
  }

  trimToDuration(req.durationMin, given, picks);
  return orderForDelivery([...picks.spoken, ...picks.mcq, ...picks.coding]);
}

function addCounts(base: ReadonlyMap<string, number>, items: readonly Question[]): Map<string, number> {
  const out = new Map(base);
  for (const q of items) out.set(q.topic, (out.get(q.topic) ?? 0) + 1);
  return out;
}

/** Drops the most recently picked additions (cheapest kind first) until the plan fits. */
function trimToDuration(durationMin: number, given: readonly Question[], picks: Record<QuestionKind, Question[]>): void {
  const all = () => [...given, ...picks.spoken, ...picks.mcq, ...picks.coding];
  while (estimateMinutes(all()) > durationMin) {
    const kind = TRIM_ORDER.find((k) => picks[k].length > 0);
    if (kind === undefined) return;
    picks[kind].pop();
  }
}
