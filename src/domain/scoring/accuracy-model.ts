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
