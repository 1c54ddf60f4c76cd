/** Agreement between predicted and human scores: the figures the benchmark reports. */

export interface Agreement {
  readonly n: number;
  readonly pearson: number;
  readonly rmse: number;
  readonly meanAbsoluteDifference: number;
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i += 1) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function agreement(predicted: readonly number[], human: readonly number[]): Agreement {
  const n = Math.min(predicted.length, human.length);
  let se = 0;
  let ae = 0;
  for (let i = 0; i < n; i += 1) {
    const d = predicted[i]! - human[i]!;
    se += d * d;
    ae += Math.abs(d);
  }
  return {
    n,
    pearson: pearson(predicted, human),
    rmse: n > 0 ? Math.sqrt(se / n) : 0,
    meanAbsoluteDifference: n > 0 ? ae / n : 0,
  };
}
