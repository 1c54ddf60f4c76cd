/**
 * Leave-one-assignment-out cross-validation of feature sets on the development split, as the scoring studies use
 * it: ridge regression then isotonic calibration (what fit-scoring ships), forward selection, and nested CV
 * (selection redone inside every outer fold, so the estimate does not reward picking noise). Answers flagged
 * `nonAnswer` score 0 and are left out of training, as in the shipped scorer.
 */
import { agreement, type Agreement } from '../../src/domain/scoring/agreement';
import { interpolate } from '../../src/domain/scoring/calibration';
import { fitIsotonic, fitRidge, predictLinear } from './regression';

export type FeatureRow = Record<string, number>;

export interface FeatureCv {
  cv(features: readonly string[], idxs?: readonly number[], lambda?: number): Agreement;
  forwardSelect(pool: readonly string[], idxs: readonly number[]): string[];
  nestedCv(pool: readonly string[]): Agreement;
}

export const formatAgreement = (a: Agreement) => `r=${a.pearson.toFixed(3)} RMSE=${a.rmse.toFixed(3)} MAD=${a.meanAbsoluteDifference.toFixed(3)}`;

/** `folds[i]` is the assignment of answer i (the part of its question id before the dot). */
export function featureCv(rows: readonly FeatureRow[], y: readonly number[], folds: readonly string[]): FeatureCv {
  const all = rows.map((_, i) => i);
  const fitPredict = (features: readonly string[], train: readonly number[], lambda: number) => {
    const x = (i: number) => features.map((n) => rows[i]![n]!);
    const usable = train.filter((i) => rows[i]!.nonAnswer === 0);
    const m = fitRidge(usable.map(x), usable.map((i) => y[i]!), lambda);
    const cal = fitIsotonic(usable.map((i) => predictLinear(m, x(i))), usable.map((i) => y[i]!));
    return (i: number) => (rows[i]!.nonAnswer ? 0 : Math.max(0, Math.min(5, interpolate(cal, predictLinear(m, x(i))))));
  };

  const cv = (features: readonly string[], idxs: readonly number[] = all, lambda = 0.01): Agreement => {
    const pred: number[] = [];
    const obs: number[] = [];
    for (const f of new Set(idxs.map((i) => folds[i]!))) {
      const predict = fitPredict(features, idxs.filter((i) => folds[i] !== f), lambda);
      for (const i of idxs.filter((j) => folds[j] === f)) {
        pred.push(predict(i));
        obs.push(y[i]!);
      }
    }
    return agreement(pred, obs);
  };

  const forwardSelect = (pool: readonly string[], idxs: readonly number[]): string[] => {
    const chosen: string[] = [];
    let best = -1;
    for (let step = 0; step < 8; step += 1) {
      let pick: { n: string; r: number } | null = null;
      for (const n of pool) {
        if (chosen.includes(n)) continue;
        const r = cv([...chosen, n], idxs).pearson;
        if (!pick || r > pick.r) pick = { n, r };
      }
      if (!pick || pick.r < best + 0.002) break;
      chosen.push(pick.n);
      best = pick.r;
    }
    return chosen;
  };

  const nestedCv = (pool: readonly string[]): Agreement => {
    const pred = new Array<number>(rows.length).fill(0);
    for (const f of new Set(folds)) {
      const inner = all.filter((i) => folds[i] !== f);
      const predict = fitPredict(forwardSelect(pool, inner), inner, 0.01);
      for (const i of all.filter((j) => folds[j] === f)) pred[i] = predict(i);
    }
    return agreement(pred, [...y]);
  };

  return { cv, forwardSelect, nestedCv };
}
