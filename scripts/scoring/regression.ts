/** Least squares with a ridge penalty and isotonic regression: the fitting tools of scripts/fit-scoring.ts. */

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and square). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c += 1) {
    let p = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === c) continue;
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k += 1) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

export interface LinearModel {
  readonly intercept: number;
  readonly weights: readonly number[];
}

/** Ridge regression; the penalty applies to standardised features, not to the intercept. */
export function fitRidge(x: readonly (readonly number[])[], y: readonly number[], lambda: number): LinearModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const mean = new Array(d).fill(0) as number[];
  const sd = new Array(d).fill(0) as number[];
  for (const row of x) row.forEach((v, j) => (mean[j]! += v / n));
  for (const row of x) row.forEach((v, j) => (sd[j]! += (v - mean[j]!) ** 2 / n));
  for (let j = 0; j < d; j += 1) sd[j] = Math.sqrt(sd[j]!) || 1;
  const my = y.reduce((s, v) => s + v, 0) / n;
  const a = Array.from({ length: d }, () => new Array(d).fill(0) as number[]);
  const b = new Array(d).fill(0) as number[];
  for (let i = 0; i < n; i += 1) {
    const z = x[i]!.map((v, j) => (v - mean[j]!) / sd[j]!);
    for (let j = 0; j < d; j += 1) {
      b[j]! += z[j]! * (y[i]! - my);
      for (let k = 0; k < d; k += 1) a[j]![k]! += z[j]! * z[k]!;
    }
  }
  for (let j = 0; j < d; j += 1) a[j]![j]! += lambda * n;
  const wz = solve(a, b);
  const weights = wz.map((w, j) => w / sd[j]!);
  const intercept = my - weights.reduce((s, w, j) => s + w * mean[j]!, 0);
  return { intercept, weights };
}

export function predictLinear(m: LinearModel, row: readonly number[]): number {
  return m.weights.reduce((s, w, j) => s + w * row[j]!, m.intercept);
}

/** Pool-adjacent-violators: a non-decreasing step function from raw score to target, as knots. */
export function fitIsotonic(raw: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  const order = raw.map((_, i) => i).sort((a, b) => raw[a]! - raw[b]!);
  const blocks: { sum: number; n: number; lo: number; hi: number }[] = [];
  for (const i of order) {
    blocks.push({ sum: y[i]!, n: 1, lo: raw[i]!, hi: raw[i]! });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.splice(blocks.length - 2, 2, { sum: a.sum + b.sum, n: a.n + b.n, lo: a.lo, hi: b.hi });
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (const b of blocks) {
    xs.push((b.lo + b.hi) / 2);
    ys.push(b.sum / b.n);
  }
  return { x: xs, y: ys };
}
