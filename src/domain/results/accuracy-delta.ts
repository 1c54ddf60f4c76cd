/**
 * Accuracy Delta: how far the first-pass AI scores are from the manual ratings
 * people gave the same answers, and how far people are from each other.
 *
 * For n answer pairs (AI score a_i, human rating h_i, both on 0–5):
 *   mean absolute difference  MAD = Σ|a_i − h_i| / n
 *   signed mean difference    SMD = Σ(a_i − h_i) / n   (> 0: the AI is kinder than people; < 0: harsher)
 *   Pearson r of (a_i, h_i)    (null under two pairs or without variation)
 * Every human rating of an answer is its own pair (two reviewers rating one answer give two pairs).
 *
 * Inter-rater agreement: for every answer rated by two or more people, every pair of
 * their ratings (r_j, r_k) gives the same three figures, so the AI can be held to the
 * standard people reach with each other.
 */
import { mean, pearson } from './stats';

export const ACCURACY_DELTA_FORMULA =
  'Accuracy Delta over n answers rated by both the AI and a person: mean absolute difference = Σ|AI − human| / n; signed mean difference = Σ(AI − human) / n (positive: the AI is kinder, negative: harsher); Pearson r of the pairs. Inter-rater: the same figures over every pair of people who rated the same answer.';

/** One human rating of one answer that also has a first-pass AI score. */
export interface RatedAnswer {
  /** Identifies the answer (interview + question), so ratings of one answer can be paired. */
  answerKey: string;
  interviewId: string;
  questionId: string;
  archetype: string;
  /** The person who rated (role:name). */
  reviewer: string;
  /** First-pass AI score (0–5), or null when the AI did not score it (human review only). */
  ai: number | null;
  /** Manual rating (0–5). */
  human: number;
  /** When the rating was given (ms), for the chart over time. */
  at: number;
}

export interface Agreement {
  /** Number of pairs. */
  n: number;
  meanAbsDiff: number | null;
  signedMeanDiff: number | null;
  pearsonR: number | null;
}

export function agreement(pairs: ReadonlyArray<readonly [number, number]>): Agreement {
  const a = pairs.map((p) => p[0]);
  const b = pairs.map((p) => p[1]);
  return {
    n: pairs.length,
    meanAbsDiff: mean(pairs.map(([x, y]) => Math.abs(x - y))),
    signedMeanDiff: mean(pairs.map(([x, y]) => x - y)),
    pearsonR: pearson(a, b),
  };
}

/** AI vs human over the given ratings (those without an AI score are left out). */
export function accuracyDelta(ratings: readonly RatedAnswer[]): Agreement {
  return agreement(ratings.filter((r) => r.ai !== null).map((r) => [r.ai!, r.human] as const));
}

/** Accuracy Delta per group (archetype, question, reviewer, day…), groups sorted by key. */
export function accuracyDeltaBy(ratings: readonly RatedAnswer[], keyOf: (r: RatedAnswer) => string): Array<{ key: string } & Agreement> {
  const groups = new Map<string, RatedAnswer[]>();
  for (const r of ratings) {
    const k = keyOf(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, rs]) => ({ key, ...accuracyDelta(rs) }));
}

/** UTC day (YYYY-MM-DD) of a rating, the bucket of the chart over time. */
export function ratingDay(r: RatedAnswer): string {
  return new Date(r.at).toISOString().slice(0, 10);
}

/**
 * Cumulative Accuracy Delta by day: the figure as it stood at the end of each day
 * with ratings, so the chart shows where agreement is heading.
 */
export function accuracyDeltaOverTime(ratings: readonly RatedAnswer[]): Array<{ day: string } & Agreement> {
  const sorted = [...ratings].sort((a, b) => a.at - b.at);
  const days = [...new Set(sorted.map(ratingDay))];
  return days.map((day) => ({ day, ...accuracyDelta(sorted.filter((r) => ratingDay(r) <= day)) }));
}

/** The cumulative Accuracy Delta by day within each group (per archetype: a line each on the chart over time). */
export function accuracyDeltaOverTimeBy(ratings: readonly RatedAnswer[], keyOf: (r: RatedAnswer) => string): Array<{ key: string; points: Array<{ day: string } & Agreement> }> {
  const groups = new Map<string, RatedAnswer[]>();
  for (const r of ratings) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  return [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([key, rs]) => ({ key, points: accuracyDeltaOverTime(rs) }));
}

/** Agreement between people: every pair of different reviewers' ratings of the same answer. */
export function interRaterAgreement(ratings: readonly RatedAnswer[]): Agreement {
  const byAnswer = new Map<string, RatedAnswer[]>();
  for (const r of ratings) byAnswer.set(r.answerKey, [...(byAnswer.get(r.answerKey) ?? []), r]);
  const pairs: Array<readonly [number, number]> = [];
  for (const rs of byAnswer.values()) {
    const sorted = [...rs].sort((a, b) => (a.reviewer < b.reviewer ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        if (sorted[i]!.reviewer !== sorted[j]!.reviewer) pairs.push([sorted[i]!.human, sorted[j]!.human]);
      }
    }
  }
  return agreement(pairs);
}
