/**
 * The order in which a plan takes bank items, per kind: a seeded, topic-balanced
 * round-robin, items written to the depth's nominal length before longer ones.
 * A plan with n questions of a kind holds exactly the first n of its ranking, so
 * the planned mix (how many fit) and the generated plan (which ones) are worked
 * out from the same list and cannot disagree.
 */
import type { Question, QuestionKind } from '../questions';
import { bankFor, bankGeneration } from './bank-query';
import { PlanContents } from './near-duplicate';
import { deriveSeed, mulberry32 } from './prng';
import { NOMINAL_MINUTES, questionMinutes } from './timing';
import { balancedPick, topicCounts } from './topic-balance';
import type { PlanRequest } from './types';
import { assertValidSeed } from './validation';

export const KINDS: readonly QuestionKind[] = ['spoken', 'mcq', 'coding'];

export type Ranking = Record<QuestionKind, Question[]>;

/**
 * Rankings of the whole bank (nothing given) by archetype, depth and seed. The
 * ranking does not depend on the duration, so a host moving the duration field
 * (or planMix followed by generateOfflinePlan) reuses it.
 */
const fullRankings = new Map<string, Ranking>();
const FULL_RANKINGS_KEPT = 32;

/**
 * Bank items not in `given` (by id or near-identical prompt), ranked per kind,
 * balanced against the topics `given` already covers. Items are the bank's own
 * objects: copy before handing them out. An item that repeats one ranked earlier
 * (of any kind) is left out, so any prefixes of the rankings form a plan without
 * repeats.
 */
export function rankBankItems(req: PlanRequest, given: readonly Question[]): Ranking {
  assertValidSeed(req.seed);
  if (given.length > 0) return computeRanking(req, given);
  const key = `${bankGeneration()}/${req.archetype}/${req.depth}/${req.seed}`;
  let ranking = fullRankings.get(key);
  if (ranking) {
    fullRankings.delete(key); // re-inserted below: most recently used last
  } else {
    ranking = computeRanking(req, []);
    if (fullRankings.size >= FULL_RANKINGS_KEPT) fullRankings.delete(fullRankings.keys().next().value as string);
  }
  fullRankings.set(key, ranking);
  // Fresh arrays, so a caller cannot reorder the cached ranking.
  return { spoken: ranking.spoken.slice(), mcq: ranking.mcq.slice(), coding: ranking.coding.slice() };
}

function computeRanking(req: PlanRequest, given: readonly Question[]): Ranking {
  const slice = bankFor(req.archetype, req.depth);
  const contents = new PlanContents(given);
  const ranking: Ranking = { spoken: [], mcq: [], coding: [] };

  for (const kind of KINDS) {
    // One stream per kind, so a change in one kind's pool does not reshuffle the others.
    const rng = mulberry32(deriveSeed(req.seed, req.archetype, req.depth, kind));
    const pool: Question[] = slice[kind].filter((q) => !contents.has(q));
    // Items written to the depth's nominal length first, longer ones only once those are used up.
    const nominal = NOMINAL_MINUTES[req.depth][kind];
    const fitting = pool.filter((q) => questionMinutes(q) <= nominal);
    const longer = pool.filter((q) => questionMinutes(q) > nominal);
    const already = topicCounts(given.filter((q) => q.kind === kind));
    const first = balancedPick(fitting, fitting.length, rng, already);
    const ranked = [...first, ...balancedPick(longer, longer.length, rng, addCounts(already, first))];
    for (const q of ranked) {
      if (contents.has(q)) continue; // two bank items that are the same question in other words
      contents.add(q);
      ranking[kind].push(q);
    }
  }
  return ranking;
}

/** Seconds a question occupies, as whole seconds (answer limits are whole seconds). */
export function questionSeconds(q: Question): number {
  return Math.round(questionMinutes(q) * 60);
}

function addCounts(base: ReadonlyMap<string, number>, items: readonly Question[]): Map<string, number> {
  const out = new Map(base);
  for (const q of items) out.set(q.topic, (out.get(q.topic) ?? 0) + 1);
  return out;
}
