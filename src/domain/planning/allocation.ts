/**
 * How many questions of each kind an interview of a given length and depth gets,
 * given the lengths of the questions it would take, in the order it takes them.
 *
 * Time is shared between kinds by depth: standard interviews lean on quick
 * multiple-choice checks of fundamentals, expert ones spend their time on coding
 * and spoken reasoning. Working from the actual lengths (not a nominal length
 * per kind) is what makes the announced mix the one the generator delivers: a
 * 25-minute coding task costs 25 minutes here too.
 */
import type { CognitiveDepth } from '../archetypes';
import type { QuestionKind } from '../questions';
import { BANK_MINIMUM, SETUP_MINUTES } from './timing';
import { codingRequired } from './coding-rule';

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
export const MIN_SPOKEN = 2;

/** Shares are fractions of whole seconds: forgive float noise so 600 × 0.3 still admits 180. */
const EPSILON_SEC = 1e-6;

/** Per kind, the length in seconds of each question the plan would take, first pick first. */
export type RankedLengths = Readonly<Record<QuestionKind, readonly number[]>>;

export type MixCounts = Record<QuestionKind, number>;

/** Most questions a kind may have, whatever the time: what every archetype's bank is sure to hold. */
function countCap(depth: CognitiveDepth, kind: QuestionKind): number {
  return kind === 'mcq' ? PROFILES[depth].maxMcq : BANK_MINIMUM[kind];
}

/** Counts per kind, and the seconds they take (setup excluded), never above the duration. */
export function allocate(durationMin: number, depth: CognitiveDepth, lengths: RankedLengths): { counts: MixCounts; seconds: number } {
  const { share } = PROFILES[depth];
  const budget = (Math.floor(durationMin) - SETUP_MINUTES) * 60;
  const prefix = {
    spoken: prefixSums(lengths.spoken, countCap(depth, 'spoken')),
    mcq: prefixSums(lengths.mcq, countCap(depth, 'mcq')),
    coding: prefixSums(lengths.coding, countCap(depth, 'coding')),
  };
  const time = (kind: QuestionKind, n: number) => prefix[kind][n] as number;
  /** The most questions of a kind, first picks first, that fit in `limit` seconds. */
  const most = (kind: QuestionKind, limit: number) => {
    let n = 0;
    while (n + 1 < prefix[kind].length && time(kind, n + 1) <= limit + EPSILON_SEC) n++;
    return n;
  };

  // Coding first: tasks are long, so only take them when room for a couple of spoken questions remains. Whether
  // there is one at all is the coding rule's (coding-rule.ts), the same for every archetype; how many, the shares'.
  const spokenReserve = time('spoken', Math.min(MIN_SPOKEN, prefix.spoken.length - 1));
  const codingRoom = codingRequired(durationMin, depth) ? most('coding', budget - spokenReserve) : 0;
  const coding = Math.min(codingRoom, Math.max(1, nearest(prefix.coding, codingRoom, budget * share.coding)));
  let left = budget - time('coding', coding);

  const spokenFits = most('spoken', left);
  let spoken = Math.min(most('spoken', budget * share.spoken), spokenFits);
  spoken = Math.max(spoken, Math.min(MIN_SPOKEN, spokenFits));
  left -= time('spoken', spoken);

  let mcq = Math.min(most('mcq', budget * share.mcq), most('mcq', left));
  left -= time('mcq', mcq);

  // Time the shares or caps left over goes to spoken questions first (they say the most), then MCQs.
  for (const kind of ['spoken', 'mcq'] as const) {
    let n = kind === 'spoken' ? spoken : mcq;
    while (n + 1 < prefix[kind].length && time(kind, n + 1) - time(kind, n) <= left) {
      left -= time(kind, n + 1) - time(kind, n);
      n++;
    }
    if (kind === 'spoken') spoken = n;
    else mcq = n;
  }

  return { counts: { spoken, mcq, coding }, seconds: budget - left };
}

/** prefix[n] = seconds the first n items take, for n up to the cap or the items there are. */
function prefixSums(lengths: readonly number[], cap: number): number[] {
  const out = [0];
  for (let i = 0; i < Math.min(cap, lengths.length); i++) out.push((out[i] as number) + (lengths[i] as number));
  return out;
}

/** The count up to `max` whose time is nearest `target`; a tie goes to the larger count (as Math.round does). */
function nearest(prefix: readonly number[], max: number, target: number): number {
  let best = 0;
  for (let n = 1; n <= max; n++) {
    if (Math.abs((prefix[n] as number) - target) <= Math.abs((prefix[best] as number) - target) + EPSILON_SEC) best = n;
  }
  return best;
}
