/**
 * Learning a team's standard from its own ratings: answers the interviewers rated for the same question become extra
 * graded references. The score of a new answer moves towards the ratings of the rated answers most like it, by the
 * question's mean error on its rated answers (how much kinder or harsher than the team the rubric score is on this
 * question), and by the team's standard over every question it rated (how it rates answers a rubric rule capped).
 * How much it moves was fitted on simulated draws of rated answers from both development splits, one set of weights
 * for every number of rated answers with that number (ln n) among the inputs (scripts/fit-scoring.ts); with no rated
 * answers to the question nothing changes.
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
  /** Mean of rating minus rubric score over the question's rated answers. */
  readonly questionBias: number;
  readonly explanation: string;
}

/** The team's rated answers that may inform a score, for any question: never the scored answer itself, ratings in range. */
export function usableRatedAnswers(all: readonly RatedAnswer[], excludeId?: string | null): RatedAnswer[] {
  return all.filter(
    (r) => r.id !== excludeId && Number.isFinite(r.rating) && r.rating >= 0 && r.rating <= 5 && typeof r.transcript === 'string' && r.transcript.trim() !== '',
  );
}

/** The rated answers that may inform a score as neighbours: the same question by content, never the scored answer itself. */
export function ratedAnswersFor(question: QuestionContent, all: readonly RatedAnswer[], excludeId?: string | null): RatedAnswer[] {
  return usableRatedAnswers(all, excludeId).filter((r) => sameQuestion(question, r.question));
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
  /** The model's linear score of the rated answer (before calibration): the public graders' scale. */
  readonly base: number;
  /** Its rubric score (calibrated, rubric rules applied): the scale the explanation speaks of. */
  readonly rubric: number;
  readonly similarity: number;
}

/** What the scorer says of the answer being scored, before the team's ratings. */
export interface ScoredTarget {
  /** The model's linear score. */
  readonly linear: number;
  /** The rubric score: calibrated, rubric rules applied. */
  readonly rubric: number;
  /** The calibrated score before the rubric rules. */
  readonly model: number;
  /** Whether a rubric rule capped it. */
  readonly capped: boolean;
}

/** One of the team's rated answers to any question, as the scorer saw it: its rating and its rubric score. */
export interface TeamRating {
  readonly rating: number;
  readonly rubric: number;
  readonly capped: boolean;
}

/**
 * The team's standard over all the questions it rated: how far its ratings sit from the rubric score on answers a
 * rubric rule capped (a team that rates such answers well does not read the rubric as the rules do, as the public
 * data's graders do not) and on the others.
 */
export interface TeamStandard {
  readonly cappedCount: number;
  /** Mean of rating minus rubric score over the rated answers a rubric rule capped (0 when none). */
  readonly cappedResidual: number;
  readonly uncappedCount: number;
  /** Mean of rating minus rubric score over the rated answers no rule capped (0 when none). */
  readonly uncappedResidual: number;
}

export function teamStandard(ratings: readonly TeamRating[]): TeamStandard {
  let cn = 0;
  let cs = 0;
  let un = 0;
  let us = 0;
  for (const r of ratings) {
    if (r.capped) {
      cn += 1;
      cs += r.rating - r.rubric;
    } else {
      un += 1;
      us += r.rating - r.rubric;
    }
  }
  return { cappedCount: cn, cappedResidual: cn ? cs / cn : 0, uncappedCount: un, uncappedResidual: un ? us / un : 0 };
}

/** The combination's inputs, in the order of a weights row after its intercept. */
export const RATED_INPUTS = [
  'linear score',
  "question's mean error on the linear scale",
  'pull towards the nearest rated answers',
  'pull towards the single nearest one',
  'rubric score',
  'score before the rubric rules',
  'capped by a rubric rule',
  "question's mean error on the rubric scale",
  "nearest rated answers' error on the rubric scale",
  'pull of the single nearest one on the rubric scale',
  "team's credit of capped answers, for a capped answer",
  "team's mean error on uncapped answers",
  "team's credit of capped answers times what the rule took off",
  // The same evidence again, scaled by how far the team's standard departs from the rubric rules (0 for a team that
  // rates as the rules read the rubric): such a team is weighed as the lenient public graders were, a strict one as
  // the own set's grader was.
  'linear score, by leniency',
  "question's mean error on the linear scale, by leniency",
  'pull towards the nearest rated answers, by leniency',
  'pull towards the single nearest one, by leniency',
  'rubric score, by leniency',
  'score before the rubric rules, by leniency',
  // One set of weights serves every number of rated answers (model v13): until v12 each of 1, 3, 5 and 10 had its
  // own row, and the rows fitted on a few thousand draws each swung (the intercept -1.78 at 3, -0.47 at 5).
  'number of rated answers to the question (ln n)',
] as const;

/** How much of the team's measured credit of rule-capped answers is trusted, given how many it rated. */
export function cappedCredit(team: TeamStandard, model: RatedAnswersModel): number {
  return team.cappedCount > 0 ? (team.cappedCount / (team.cappedCount + model.capPrior)) * team.cappedResidual : 0;
}

/** The team's credit of rule-capped answers as trusted for lifting a ceiling: c / (c + liftPrior) of it. */
export function liftCredit(team: TeamStandard, model: RatedAnswersModel): number {
  return team.cappedCount > 0 ? (team.cappedCount / (team.cappedCount + model.liftPrior)) * team.cappedResidual : 0;
}

/**
 * A rubric rule's ceiling after the team's ratings: raised towards 5 in proportion to the team's trusted credit of the
 * answers the rules cap (liftCredit), and gone once that credit reaches model.fullLiftCredit. A team that rates as the rules read
 * the rubric (no credit) keeps the ceiling as it is; a rated near copy of the answer never raises it.
 */
export function liftedCeiling(ceiling: number, team: TeamStandard, model: RatedAnswersModel): number {
  if (ceiling >= 5) return 5;
  const credit = Math.max(0, liftCredit(team, model));
  return ceiling + (5 - ceiling) * Math.min(1, credit / model.fullLiftCredit);
}

/** The inputs of the combination, as the fit sees them (scripts/fit-scoring.ts draws them from development data). */
export function ratedFeatures(target: ScoredTarget, evidence: readonly RatedEvidence[], team: TeamStandard, model: RatedAnswersModel): number[] {
  const n = evidence.length;
  if (n === 0) return RATED_INPUTS.map(() => 0);
  const shrink = n / (n + model.shrinkage);
  let bias = 0;
  let biasRubric = 0;
  for (const e of evidence) {
    bias += e.rating - e.base;
    biasRubric += e.rating - e.rubric;
  }
  bias /= n;
  biasRubric /= n;
  const nearest = [...evidence].sort((a, b) => b.similarity - a.similarity).slice(0, model.neighbours);
  let wsum = 0;
  let wr = 0;
  let wres = 0;
  for (const e of nearest) {
    const w = e.similarity ** model.similarityPower + 1e-6;
    wsum += w;
    wr += w * e.rating;
    wres += w * (e.rating - e.rubric);
  }
  const top = nearest[0]!;
  const capped = target.capped ? 1 : 0;
  const teamCredit = cappedCredit(team, model);
  const credit = capped * teamCredit;
  const leniency = Math.max(0, teamCredit) / 5;
  const pulls = [shrink * bias, shrink * (wr / wsum - target.linear), shrink * top.similarity * (top.rating - target.linear)];
  return [
    target.linear,
    ...pulls,
    target.rubric,
    target.model,
    capped,
    shrink * biasRubric,
    shrink * (wres / wsum),
    shrink * top.similarity * (top.rating - target.rubric),
    credit,
    team.uncappedResidual,
    (credit * (target.model - target.rubric)) / 5,
    leniency * target.linear,
    ...pulls.map((v) => leniency * v),
    leniency * target.rubric,
    leniency * target.model,
    Math.log(n),
  ];
}

/** The team-informed score, 0–5, before any rubric ceiling; the rubric score unchanged with no rated answers. */
export function combineWithRated(target: ScoredTarget, evidence: readonly RatedEvidence[], team: TeamStandard, model: RatedAnswersModel): number {
  if (evidence.length === 0) return target.rubric;
  const x = ratedFeatures(target, evidence, team, model);
  const w = model.weights;
  const moved = x.reduce((s, v, j) => s + v * (w[j + 1] ?? 0), w[0] ?? 0);
  return Math.max(0, Math.min(5, moved));
}

const fmt = (v: number) => (Math.round(v * 10) / 10).toString();

export function describeInfluence(before: number, after: number, evidence: readonly RatedEvidence[]): RatedInfluence {
  const nearest = [...evidence]
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 3)
    .map((e) => ({ id: e.id, label: e.label, rating: e.rating, similarity: Math.round(e.similarity * 100) / 100 }));
  const questionBias = evidence.length ? evidence.reduce((s, e) => s + (e.rating - e.rubric), 0) / evidence.length : 0;
  const top = nearest[0];
  const parts = [
    `Learned from ${evidence.length} answer${evidence.length === 1 ? '' : 's'} the team rated for this question`,
    top ? `closest to ${top.label} rated ${fmt(top.rating)}/5 (similarity ${top.similarity.toFixed(2)})` : '',
    nearest.length > 1 ? `then ${nearest.slice(1).map((n) => `${n.label} rated ${fmt(n.rating)}/5 (${n.similarity.toFixed(2)})`).join(', ')}` : '',
    Math.abs(questionBias) >= 0.3 ? `on this question the team rates ${questionBias > 0 ? 'higher' : 'lower'} than the rubric score by ${fmt(Math.abs(questionBias))} on average` : '',
  ].filter(Boolean);
  const moved = Math.abs(after - before) >= 0.05 ? `, so the rubric score ${fmt(before)} became ${fmt(after)}` : `; the rubric score ${fmt(before)} stands`;
  return { count: evidence.length, before: Math.round(before * 10) / 10, nearest, questionBias: Math.round(questionBias * 100) / 100, explanation: `${parts.join('; ')}${moved}.` };
}
