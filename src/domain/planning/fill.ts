/**
 * The one selection routine behind both the offline generator (fill an empty
 * plan) and top-up (fill what the cloud generator left short): per kind, the
 * seeded, topic-balanced ranking of bank items the plan does not hold yet, taken
 * up to the planned count, then trimmed until the whole plan fits the duration.
 */
import type { Question, QuestionKind } from '../questions';
import { orderForDelivery } from './delivery-order';
import { planSelection } from './mix';
import { KINDS, rankBankItems, type Ranking } from './ranking';
import { estimateMinutes } from './timing';
import type { PlanRequest } from './types';

/** Cheapest to lose first when a plan runs over: one MCQ says the least about a candidate. */
const TRIM_ORDER: readonly QuestionKind[] = ['mcq', 'spoken', 'coding'];

/** A copy marked as coming from the bank, so edits to a plan never reach the shared bank objects. */
function fromBank(q: Question): Question {
  return { ...structuredClone(q), source: 'bank' };
}

/**
 * Bank items to add to `given`, ordered for delivery. `given` is never changed or
 * dropped; additions stop at the planned count per kind and at the duration.
 * With nothing given, the additions are exactly the planned mix (`planMix(req)`).
 */
export function bankAdditions(req: PlanRequest, given: readonly Question[]): Question[] {
  const { mix, picks: planned } = planSelection(req);
  let picks: Ranking;
  if (given.length === 0) {
    picks = planned;
  } else {
    const ranking = rankBankItems(req, given);
    picks = { spoken: [], mcq: [], coding: [] };
    for (const kind of KINDS) {
      const need = mix[kind] - given.filter((q) => q.kind === kind).length;
      if (need > 0) picks[kind] = ranking[kind].slice(0, need);
    }
    // Given questions may be longer than the bank items the mix was planned with.
    trimToDuration(req.durationMin, given, picks);
  }
  return orderForDelivery(KINDS.flatMap((k) => picks[k].map(fromBank)));
}

/** Drops the most recently picked additions (cheapest kind first) until the plan fits. */
function trimToDuration(durationMin: number, given: readonly Question[], picks: Ranking): void {
  const all = () => [...given, ...picks.spoken, ...picks.mcq, ...picks.coding];
  while (estimateMinutes(all()) > durationMin) {
    const kind = TRIM_ORDER.find((k) => picks[k].length > 0);
    if (kind === undefined) return;
    picks[kind].pop();
  }
}
