/** Monotone piecewise-linear map through fitted knots (an isotonic calibration). */
export interface Knots {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export function interpolate(knots: Knots, v: number): number {
  const { x, y } = knots;
  const n = Math.min(x.length, y.length);
  if (n === 0) return v;
  if (v <= x[0]!) return y[0]!;
  if (v >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const span = x[hi]! - x[lo]!;
  return span > 0 ? y[lo]! + ((y[hi]! - y[lo]!) * (v - x[lo]!)) / span : y[lo]!;
}
