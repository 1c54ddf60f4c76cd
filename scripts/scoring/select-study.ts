/**
 * Forward selection of ridge features from an extended pool (features, simple
 * transforms, pairwise products) on the DEVELOPMENT split, with fold Gram
 * matrices precomputed so each candidate costs a small solve. Reports plain
 * leave-one-assignment-out CV and nested CV (selection redone inside each outer fold).
 *
 *   npx tsx scripts/scoring/select-study.ts CACHE_DIR CREDIT
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { agreement, type Agreement } from '../../src/domain/scoring/agreement';
import type { AccuracyFeatures } from '../../src/domain/scoring/features';
import { solve } from './regression';

type F = keyof AccuracyFeatures;
const dir = process.argv[2] ?? '/tmp/scoring-h';
const credit = process.argv[3] ?? "0.1";
const pool = process.argv[4] ?? 'ext';
const data = JSON.parse(readFileSync(resolve(dir, `dev-credit-${credit}.json`), 'utf8')) as { questionIds: string[]; y: number[]; rows: AccuracyFeatures[] };
const BASE: F[] = [
  'conceptCoverage', 'conceptsFound', 'referenceRecall', 'plainRecall', 'precision', 'promptShare', 'bigramRecall',
  'answerLength', 'referenceLength', 'mentionRecall', 'f1', 'charSimilarity', 'lengthRatio', 'vagueShare', 'referenceInPrompt',
  'leadCoverage', 'orderOverlap', 'coverageRoot', 'coverageByLength', 'novelShare', 'precisionRoot', 'contrastShare',
  ...((process.env.EXTRA ?? '').split(',').filter(Boolean) as F[]),
];
const cols: { name: string; v: Float64Array }[] = [];
const col = (name: string, fn: (r: AccuracyFeatures) => number) => cols.push({ name, v: Float64Array.from(data.rows, fn) });
for (const f of BASE) col(f, (r) => r[f]);
if (pool !== 'base') {
  const core: F[] = ['conceptCoverage', 'referenceRecall', 'precision', 'lengthRatio', 'answerLength', 'referenceLength', 'promptShare', 'charSimilarity', 'bigramRecall', 'contrastShare', 'referenceInPrompt'];
  col('zeroCoverage', (r) => (r.conceptCoverage === 0 ? 1 : 0));
  col('zeroOverlap', (r) => (r.referenceRecall === 0 && r.precision === 0 ? 1 : 0));
  col('recallRoot', (r) => Math.sqrt(r.referenceRecall));
  col('charSq', (r) => r.charSimilarity ** 2);
  col('lengthRatioSq', (r) => r.lengthRatio ** 2);
  for (let a = 0; a < core.length; a += 1)
    for (let b = a + 1; b < core.length; b += 1) col(`${core[a]}*${core[b]}`, (r) => r[core[a]!] * r[core[b]!]);
}
const n = data.y.length;
const D = cols.length;
const y = Float64Array.from(data.y);
const fold = data.questionIds.map((q) => Number(q.split('.')[0]));
const use = data.rows.map((r) => r.nonAnswer === 0);
const FOLDS = [...new Set(fold)];
// Sums per fold over usable rows: count, sum x, sum y, x'x, x'y.
interface Sums { n: number; sx: Float64Array; sy: number; sxx: Float64Array; sxy: Float64Array; syy: number }
const zero = (): Sums => ({ n: 0, sx: new Float64Array(D), sy: 0, sxx: new Float64Array(D * D), sxy: new Float64Array(D), syy: 0 });
const perFold = new Map<number, Sums>(FOLDS.map((f) => [f, zero()]));
for (let i = 0; i < n; i += 1) {
  if (!use[i]) continue;
  const s = perFold.get(fold[i]!)!;
  s.n += 1;
  s.sy += y[i]!;
  s.syy += y[i]! ** 2;
  for (let a = 0; a < D; a += 1) {
    const va = cols[a]!.v[i]!;
    s.sx[a] = s.sx[a]! + va;
    s.sxy[a] = s.sxy[a]! + va * y[i]!;
    for (let b = a; b < D; b += 1) s.sxx[a * D + b] = s.sxx[a * D + b]! + va * cols[b]!.v[i]!;
  }
}
function sumOf(folds: number[]): Sums {
  const t = zero();
  for (const f of folds) {
    const s = perFold.get(f)!;
    t.n += s.n; t.sy += s.sy; t.syy += s.syy;
    for (let a = 0; a < D; a += 1) { t.sx[a] = t.sx[a]! + s.sx[a]!; t.sxy[a] = t.sxy[a]! + s.sxy[a]!; }
    for (let k = 0; k < D * D; k += 1) t.sxx[k] = t.sxx[k]! + s.sxx[k]!;
  }
  return t;
}
/** Ridge on standardised columns from sums (same as scripts/scoring/regression.ts fitRidge). */
function ridgeFromSums(s: Sums, sel: number[], lambda: number): { intercept: number; w: number[] } {
  const mean = sel.map((a) => s.sx[a]! / s.n);
  const cov = (a: number, b: number, ia: number, ib: number) => s.sxx[Math.min(a, b) * D + Math.max(a, b)]! - s.n * mean[ia]! * mean[ib]!;
  const sd = sel.map((a, ia) => Math.sqrt(Math.max(0, cov(a, a, ia, ia)) / s.n) || 1);
  const my = s.sy / s.n;
  const A = sel.map((a, ia) => sel.map((b, ib) => cov(a, b, ia, ib) / (sd[ia]! * sd[ib]!) + (ia === ib ? lambda * s.n : 0)));
  const B = sel.map((a, ia) => (s.sxy[a]! - s.n * mean[ia]! * my) / sd[ia]!);
  const wz = solve(A, B);
  const w = wz.map((v, k) => v / sd[k]!);
  return { intercept: my - w.reduce((t, v, k) => t + v * mean[k]!, 0), w };
}
const total = sumOf(FOLDS);
const foldRows = new Map(FOLDS.map((f) => [f, data.y.map((_, i) => i).filter((i) => fold[i] === f)]));
function cvPred(sel: number[], lambda: number, outer: number[]): Float64Array {
  const pred = new Float64Array(n);
  const sumAll = outer.length === FOLDS.length ? total : sumOf(outer);
  for (const f of outer) {
    const s = perFold.get(f)!;
    const t: Sums = { n: sumAll.n - s.n, sy: sumAll.sy - s.sy, syy: 0, sx: sumAll.sx.map((v, k) => v - s.sx[k]!), sxy: sumAll.sxy.map((v, k) => v - s.sxy[k]!), sxx: sumAll.sxx.map((v, k) => v - s.sxx[k]!) };
    const m = ridgeFromSums(t, sel, lambda);
    for (const i of foldRows.get(f)!) {
      let p = m.intercept;
      sel.forEach((a, k) => (p += m.w[k]! * cols[a]!.v[i]!));
      pred[i] = use[i] ? Math.max(0, Math.min(5, p)) : 0;
    }
  }
  return pred;
}
const agreeOn = (pred: Float64Array, folds: number[]): Agreement => {
  const idx = folds.flatMap((f) => foldRows.get(f)!);
  return agreement(idx.map((i) => pred[i]!), idx.map((i) => y[i]!));
};
function forward(folds: number[], lambda: number, maxSteps = 12): { sel: number[]; a: Agreement } {
  const sel: number[] = [];
  let best: Agreement | null = null;
  for (let step = 0; step < maxSteps; step += 1) {
    let pick: { j: number; a: Agreement } | null = null;
    for (let j = 0; j < D; j += 1) {
      if (sel.includes(j)) continue;
      const a = agreeOn(cvPred([...sel, j], lambda, folds), folds);
      if (!pick || a.pearson > pick.a.pearson) pick = { j, a };
    }
    if (!pick || (best && pick.a.pearson < best.pearson + 0.002)) break;
    sel.push(pick.j);
    best = pick.a;
  }
  return { sel, a: best! };
}
const fmt = (a: Agreement) => `r=${a.pearson.toFixed(3)} RMSE=${a.rmse.toFixed(3)} MAD=${a.meanAbsoluteDifference.toFixed(3)}`;
const t0 = performance.now();
for (const lambda of [0.01, 0.1]) {
  const { sel, a } = forward(FOLDS, lambda);
  console.log(`pool ${pool} (${D}) credit ${credit} lambda ${lambda}: CV ${fmt(a)} [${sel.map((j) => cols[j]!.name).join(', ')}] (${(performance.now() - t0).toFixed(0)} ms)`);
  // Nested: select on 9 folds (inner LOAO), predict the held-out fold.
  const pred = new Float64Array(n);
  for (const f of FOLDS) {
    const inner = FOLDS.filter((g) => g !== f);
    const { sel: s } = forward(inner, lambda);
    const p = cvPred(s, lambda, FOLDS); // model trained on all but f, predicting f
    for (const i of foldRows.get(f)!) pred[i] = p[i]!;
  }
  console.log(`  nested CV ${fmt(agreeOn(pred, FOLDS))} (${(performance.now() - t0).toFixed(0)} ms)`);
}
