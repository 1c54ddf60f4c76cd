/**
 * Learning a team's standard from its own ratings: answers the interviewers rated for the same question become extra
 * graded references. The score of a new answer moves towards the ratings of the rated answers most like it, and by
 * the question's mean error on its rated answers (how much kinder or harsher than the team the rubric score is on
 * this question). How much it moves was fitted on simulated draws of rated answers from development data
 * (scripts/fit-scoring.ts); with no rated answers nothing changes.
 */
import type { RatedAnswersModel } from './accuracy-model';
import type { PreparedQuestion } from './prepare';
import { sameQuestion, type QuestionContent } from './question-match';
import { termsOf } from './terms';
import type { AnalyzedText } from './text';

/** One answer rated by the team. */
export interface RatedAnswer {
  /** Stable and unique (interview and recording): names the answer in explanations, and keeps an answer's own rating out of its score. */
  readonly id: string;
  /** The question as it was when the answer was rated: rated answers are matched by content, not id. */
  readonly question: QuestionContent;
  readonly transcript: string;
  /** The team's rating on the 0–5 scale (the app's ratings are whole numbers 1–5; several raters are averaged). */
  readonly rating: number;
  /** A short human name for the explanation ("Dana's answer, 3 Dec"); the id otherwise. */
  readonly label?: string;
}

export interface RatedNeighbour {
  readonly id: string;
  readonly label: string;
  readonly rating: number;
  /** Similarity of the scored answer to this rated answer, 0..1. */
  readonly similarity: number;
}

export interface RatedInfluence {
  /** How many rated answers to this question were used. */
  readonly count: number;
  /** The rubric score before the rated answers moved it. */
  readonly before: number;
  /** The most similar rated answers, most similar first (at most three). */
  readonly nearest: readonly RatedNeighbour[];
  /** Mean of rating minus rubric score over the rated answers. */
  readonly questionBias: number;
  readonly explanation: string;
}

/** The rated answers that may inform a score: same question by content, never the scored answer itself, ratings in range. */
export function ratedAnswersFor(question: QuestionContent, all: readonly RatedAnswer[], excludeId?: string | null): RatedAnswer[] {
  return all.filter(
    (r) => r.id !== excludeId && Number.isFinite(r.rating) && r.rating >= 0 && r.rating <= 5 && typeof r.transcript === 'string' && r.transcript.trim() !== '' && sameQuestion(question, r.question),
  );
}

export { ratedAnswersKey } from './rated-key';

export type AnswerVector = ReadonlyMap<string, number>;

/**
 * Weighted word profile of an answer for comparing answers with each other: affirmed stems weighted as the rubric
 * weighs them, negated ones kept apart ("not:stem"), so "does not copy" is unlike "copies".
 */
export function answerVector(q: PreparedQuestion, answer: AnalyzedText): AnswerVector {
  const v = new Map<string, number>();
  for (const t of termsOf(answer)) {
    if (t.expanded) continue;
    const key = t.negated ? `not:${t.stem}` : t.stem;
    v.set(key, Math.max(v.get(key) ?? 0, q.weightOf(t)));
  }
  return v;
}

export function cosine(a: AnswerVector, b: AnswerVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export interface RatedEvidence {
  readonly id: string;
  readonly label: string;
  readonly rating: number;
  /** The model's linear score of the rated answer (before calibration): the scale the team's ratings are compared on. */
  readonly base: number;
  readonly similarity: number;
}

/**
 * The combination's inputs, as the fit sees them. `base` is the scored answer's linear model score: the team's
 * ratings are compared with it rather than with the calibrated score, which clipping at 0 and 5 would flatten.
 */
export function ratedFeatures(base: number, evidence: readonly RatedEvidence[], model: RatedAnswersModel): number[] {
  const n = evidence.length;
  if (n === 0) return [0, 0, 0];
  const shrink = n / (n + model.shrinkage);
  const bias = evidence.reduce((s, e) => s + (e.rating - e.base), 0) / n;
  const nearest = [...evidence].sort((a, b) => b.similarity - a.similarity).slice(0, model.neighbours);
  let wsum = 0;
  let wr = 0;
  for (const e of nearest) {
    const w = e.similarity ** model.similarityPower + 1e-6;
    wsum += w;
    wr += w * e.rating;
  }
  const knn = wr / wsum;
  const top = nearest[0]!;
  return [shrink * bias, shrink * (knn - base), shrink * top.similarity * (top.rating - base)];
}

export function combineWithRated(base: number, evidence: readonly RatedEvidence[], model: RatedAnswersModel): number {
  if (evidence.length === 0) return base;
  const x = ratedFeatures(base, evidence, model);
  const moved = base + x.reduce((s, v, j) => s + v * (model.weights[j] ?? 0), 0);
  return Math.max(0, Math.min(5, moved));
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

export function describeInfluence(before: number, after: number, evidence: readonly RatedEvidence[], model: RatedAnswersModel): RatedInfluence {
  const nearest = [...evidence]
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 3)
    .map((e) => ({ id: e.id, label: e.label, rating: e.rating, similarity: Math.round(e.similarity * 100) / 100 }));
  const questionBias = evidence.length ? evidence.reduce((s, e) => s + (e.rating - e.base), 0) / evidence.length : 0;
  const top = nearest[0];
  const parts = [
    `Learned from ${evidence.length} answer${evidence.length === 1 ? '' : 's'} the team rated for this question`,
    top ? `closest to ${top.label} rated ${fmt(top.rating)}/5 (similarity ${top.similarity.toFixed(2)})` : '',
    nearest.length > 1 ? `then ${nearest.slice(1).map((n) => `${n.label} rated ${fmt(n.rating)}/5 (${n.similarity.toFixed(2)})`).join(', ')}` : '',
    Math.abs(questionBias) >= 0.3 ? `on this question the team rates ${questionBias > 0 ? 'higher' : 'lower'} than the rubric score by ${fmt(Math.abs(questionBias))} on average` : '',
  ].filter(Boolean);
  const moved = Math.abs(after - before) >= 0.05 ? `, so the rubric score ${fmt(before)} became ${fmt(after)}` : `; the rubric score ${fmt(before)} stands`;
  void model;
  return { count: evidence.length, before: Math.round(before * 10) / 10, nearest, questionBias: Math.round(questionBias * 100) / 100, explanation: `${parts.join('; ')}${moved}.` };
}
