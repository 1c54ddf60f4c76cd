/** The fitted accuracy model: a linear combination of features, then a monotone calibration onto 0–5. */
import { interpolate, type Knots } from './calibration';
import type { AccuracyFeatures } from './features';

export type FeatureName = keyof AccuracyFeatures;

export interface AccuracyModel {
  readonly version: number;
  /** How and on what the constants were fitted; shown by the benchmark. */
  readonly provenance: string;
  readonly features: readonly FeatureName[];
  readonly intercept: number;
  readonly weights: readonly number[];
  /** Isotonic map from the linear score to the human 0–5 scale. */
  readonly calibration: Knots;
  /** Credit for reference words that the question already contains. */
  readonly promptWordCredit: number;
  /** How answers the team rated move the score (rated-answers.ts). */
  readonly rated: RatedAnswersModel;
}

/**
 * Combination of the rubric score with the team's rated answers (rated-answers.ts, RATED_INPUTS names the inputs).
 * One row of weights for every number of rated answers to the question, that number (ln n) being one of the inputs:
 * one rated answer says less than ten, the evidence inputs are shrunk by n / (n + shrinkage), and the fit
 * (scripts/fit-scoring.ts) finds the rest. Until model v12 each of 1, 3, 5 and 10 rated answers had its own row.
 */
export interface RatedAnswersModel {
  /** weights[0] is the intercept, then one weight per input of RATED_INPUTS (the last is ln n). */
  readonly weights: readonly number[];
  /** n / (n + shrinkage) scales the question's own evidence. */
  readonly shrinkage: number;
  /** How many nearest rated answers are averaged. */
  readonly neighbours: number;
  /** Similarity to this power weighs the neighbours. */
  readonly similarityPower: number;
  /**
   * Prior count for the team's credit of answers a rubric rule capped: with c such answers rated, c / (c + capPrior)
   * of the team's measured credit raises a rule's ceiling.
   */
  readonly capPrior: number;
  /**
   * The team's trusted credit of rule-capped answers (cappedCredit) at which a rule's ceiling no longer holds: below
   * it the ceiling rises towards 5 in proportion. The rules were set for a team that reads the rubric as they do; a
   * team that rates what they cap well above its rubric score does not, and its standard rules instead.
   */
  readonly fullLiftCredit: number;
  /**
   * Prior count for trusting that credit when lifting a ceiling (capPrior's role for the combination's inputs): with c
   * capped answers rated, c / (c + liftPrior) of the team's measured credit counts, so a couple of generous ratings do
   * not lift every ceiling of the team.
   */
  readonly liftPrior: number;
}

export function linearScore(model: AccuracyModel, f: AccuracyFeatures): number {
  let s = model.intercept;
  model.features.forEach((name, j) => {
    s += (model.weights[j] ?? 0) * f[name];
  });
  return s;
}

/** The calibrated 0–5 accuracy. */
export function predictAccuracy(model: AccuracyModel, f: AccuracyFeatures): number {
  const raw = linearScore(model, f);
  const v = model.calibration.x.length > 0 ? interpolate(model.calibration, raw) : raw;
  return Math.max(0, Math.min(5, v));
}
