/**
 * Model study on the DEVELOPMENT split only, from cached feature rows
 * (scripts/scoring/feature-cache.ts). Leave-one-assignment-out CV of ridge,
 * boosted trees, blends and calibrations.
 *
 *   npx tsx scripts/scoring/model-study.ts CACHE_DIR
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { agreement, type Agreement } from '../../src/domain/scoring/agreement';
import type { AccuracyFeatures } from '../../src/domain/scoring/features';
import { interpolate } from '../../src/domain/scoring/calibration';
import { ensembleOutput, fitBoosted, type BoostingOptions } from './boosting';
import { fitIsotonic, fitRidge, predictLinear } from './regression';

type F = keyof AccuracyFeatures;
const dir = process.argv[2] ?? '/tmp/scoring-h';
const mode = process.argv[3] ?? 'grid';
const load = (credit: number) =>
  JSON.parse(readFileSync(resolve(dir, `dev-credit-${credit}.json`), 'utf8')) as { questionIds: string[]; y: number[]; rows: AccuracyFeatures[] };

const ALL: F[] = [
  'conceptCoverage', 'conceptsFound', 'referenceRecall', 'plainRecall', 'precision', 'promptShare', 'bigramRecall',
  'answerLength', 'referenceLength', 'mentionRecall', 'f1', 'charSimilarity', 'lengthRatio', 'vagueShare', 'referenceInPrompt',
  'leadCoverage', 'orderOverlap', 'coverageRoot', 'coverageByLength', 'novelShare', 'precisionRoot', 'contrastShare',
];
const ANSWER_ONLY: F[] = ALL.filter((f) => f !== 'referenceLength' && f !== 'referenceInPrompt');

type Fitter = (trainX: number[][], trainY: number[]) => (x: number[]) => number;
const fmt = (a: Agreement) => `r=${a.pearson.toFixed(3)} RMSE=${a.rmse.toFixed(3)} MAD=${a.meanAbsoluteDifference.toFixed(3)}`;

function cv(data: ReturnType<typeof load>, feats: F[], fitter: Fitter, calib: 'none' | 'iso' | 'iso-half' = 'none'): { a: Agreement; pred: number[] } {
  const { rows, y } = data;
  const folds = data.questionIds.map((q) => q.split('.')[0]!);
  const X = rows.map((r) => feats.map((f) => r[f]));
  const pred = new Array<number>(y.length).fill(0);
  for (const fold of new Set(folds)) {
    const train = y.map((_, i) => i).filter((i) => folds[i] !== fold && rows[i]!.nonAnswer === 0);
    const model = fitter(train.map((i) => X[i]!), train.map((i) => y[i]!));
    let cal: ((v: number) => number) | null = null;
    if (calib !== 'none') {
      // Calibration on in-sample predictions (as fit-scoring does).
      const raw = train.map((i) => model(X[i]!));
      const k = fitIsotonic(raw, train.map((i) => y[i]!));
      cal = calib === 'iso' ? (v) => interpolate(k, v) : (v) => 0.5 * v + 0.5 * interpolate(k, v);
    }
    for (let i = 0; i < y.length; i += 1) {
      if (folds[i] !== fold) continue;
      const raw = model(X[i]!);
      pred[i] = rows[i]!.nonAnswer ? 0 : Math.max(0, Math.min(5, cal ? cal(raw) : raw));
    }
  }
  return { a: agreement(pred, y), pred };
}

const ridge = (lambda: number): Fitter => (x, y) => {
  const m = fitRidge(x, y, lambda);
  return (r) => predictLinear(m, r);
};
const gbm = (o: BoostingOptions): Fitter => (x, y) => {
  const m = fitBoosted(x, y, o);
  return (r) => ensembleOutput(m.base, m.trees, r);
};
const blend = (a: Fitter, b: Fitter, w: number): Fitter => (x, y) => {
  const ma = a(x, y);
  const mb = b(x, y);
  return (r) => w * ma(r) + (1 - w) * mb(r);
};

const SHIPPED: F[] = ['coverageRoot', 'precisionRoot', 'lengthRatio', 'contrastShare'];
const d01 = load(0.1);
const t0 = performance.now();
console.log('shipped ridge+iso', fmt(cv(d01, SHIPPED, ridge(0.01), 'iso').a));
console.log('shipped ridge', fmt(cv(d01, SHIPPED, ridge(0.01)).a));
console.log('all ridge 0.1', fmt(cv(d01, ALL, ridge(0.1)).a));
console.log('all ridge 1', fmt(cv(d01, ALL, ridge(1)).a));
console.log(`(${(performance.now() - t0).toFixed(0)} ms)`);
if (mode === 'grid') {
  for (const credit of [0.1, 0.35]) {
    const d = load(credit);
    for (const feats of [ALL, ANSWER_ONLY]) {
      for (const depth of [2, 3]) {
        for (const minLeaf of [20, 50]) {
          for (const [trees, lr] of [[150, 0.05], [300, 0.03]] as const) {
            const t1 = performance.now();
            const o: BoostingOptions = { trees, depth, learningRate: lr, minLeaf, subsample: 0.7, leafPenalty: 5, seed: 7 };
            const r = cv(d, feats, gbm(o));
            console.log(`credit ${credit} ${feats === ALL ? 'all' : 'answer-only'} depth ${depth} leaf ${minLeaf} trees ${trees} lr ${lr}: ${fmt(r.a)} (${(performance.now() - t1).toFixed(0)} ms)`);
          }
        }
      }
    }
  }
}
if (mode === 'small') {
  for (const feats of [SHIPPED, [...SHIPPED, 'referenceRecall', 'bigramRecall', 'answerLength'] as F[]]) {
    for (const depth of [1, 2]) {
      for (const [trees, lr] of [[100, 0.05], [200, 0.05]] as const) {
        const o: BoostingOptions = { trees, depth, learningRate: lr, minLeaf: 40, subsample: 0.7, leafPenalty: 5, seed: 7 };
        console.log(`${feats.length} feats depth ${depth} trees ${trees}: gbm ${fmt(cv(d01, feats, gbm(o)).a)} | blend.5 ${fmt(cv(d01, feats, blend(ridge(0.01), gbm(o), 0.5)).a)}`);
      }
    }
  }
}
/** Least squares of 5·sigmoid(a + w·z) on standardised features, by Gauss-Newton with a ridge penalty. */
const sigmoidLink = (lambda: number, iters = 30): Fitter => (x, y) => {
  const d = x[0]!.length;
  const n = x.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  const lin = fitRidge(x, y.map((v) => { const p = Math.min(0.97, Math.max(0.03, v / 5)); return Math.log(p / (1 - p)); }), lambda);
  let w = [lin.intercept + lin.weights.reduce((s, v, j) => s + v * mean[j]!, 0), ...lin.weights.map((v, j) => v * sd[j]!)];
  for (let it = 0; it < iters; it += 1) {
    const A = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    const b = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i += 1) {
      const t = z[i]!.reduce((s, v, k) => s + v * w[k]!, 0);
      const s = 1 / (1 + Math.exp(-t));
      const p = 5 * s;
      const g = 5 * s * (1 - s);
      for (let k = 0; k <= d; k += 1) {
        b[k]! += g * z[i]![k]! * (y[i]! - p);
        for (let l = 0; l <= d; l += 1) A[k]![l]! += g * g * z[i]![k]! * z[i]![l]!;
      }
    }
    for (let k = 1; k <= d; k += 1) { A[k]![k]! += lambda * n; b[k]! -= lambda * n * w[k]!; }
    // solve A delta = b (tiny system)
    const M = A.map((row, i) => [...row, b[i]!]);
    for (let c = 0; c <= d; c += 1) {
      let p = c;
      for (let r = c + 1; r <= d; r += 1) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
      [M[c], M[p]] = [M[p]!, M[c]!];
      for (let r = 0; r <= d; r += 1) { if (r === c) continue; const f = M[r]![c]! / M[c]![c]!; for (let k = c; k <= d + 1; k += 1) M[r]![k]! -= f * M[c]![k]!; }
    }
    w = w.map((v, k) => v + M[k]![d + 1]! / M[k]![k]!);
  }
  return (r) => 5 / (1 + Math.exp(-(w[0]! + r.reduce((s, v, j) => s + w[j + 1]! * (v - mean[j]!) / sd[j]!, 0))));
};
/** Ridge with rows weighted so each question counts equally (by duplicating weights via sqrt scaling of a weighted normal equation). */
if (mode === 'link') {
  const sets: [string, F[]][] = [['shipped', SHIPPED], ['shipped+recall+char', [...SHIPPED, 'referenceRecall', 'charSimilarity']], ['shipped+answerLength+promptShare', [...SHIPPED, 'answerLength', 'promptShare']]];
  for (const [name, feats] of sets) {
    for (const lambda of [0.001, 0.01, 0.05]) {
      console.log(`${name} sigmoid lambda ${lambda}: ${fmt(cv(d01, feats, sigmoidLink(lambda)).a)} | +iso ${fmt(cv(d01, feats, sigmoidLink(lambda), 'iso').a)} | +iso-half ${fmt(cv(d01, feats, sigmoidLink(lambda), 'iso-half').a)}`);
    }
    console.log(`${name} ridge 0.01: ${fmt(cv(d01, feats, ridge(0.01)).a)} | +iso ${fmt(cv(d01, feats, ridge(0.01), 'iso').a)} | +iso-half ${fmt(cv(d01, feats, ridge(0.01), 'iso-half').a)}`);
  }
}
if (mode === 'credits') {
  const views = [0, 0.1, 0.2, 0.35, 0.5, 1].map((c) => ({ c, d: load(c) }));
  const preds = views.map(({ c, d }) => { const r = cv(d, SHIPPED, ridge(0.01)); console.log(`credit ${c}: ${fmt(r.a)}`); return r.pred; });
  const avg = (ks: number[]) => preds[0]!.map((_, i) => ks.reduce((s, k) => s + preds[k]![i]!, 0) / ks.length);
  for (const ks of [[0, 1], [1, 2], [0, 1, 2], [1, 2, 3], [0, 1, 2, 3], [0, 1, 2, 3, 4, 5]]) {
    console.log(`avg credits ${ks.map((k) => views[k]!.c).join('+')}: ${fmt(agreement(avg(ks), d01.y))}`);
  }
  // Stacked features: coverageRoot at two credits.
  const d0 = load(0);
  const d35 = load(0.35);
  const merged = { ...d01, rows: d01.rows.map((r, i) => ({ ...r, conceptsFound: d0.rows[i]!.coverageRoot, leadCoverage: d35.rows[i]!.coverageRoot })) };
  console.log(`coverageRoot@0.1 + @0 + @0.35: ${fmt(cv(merged, [...SHIPPED, 'conceptsFound', 'leadCoverage'], ridge(0.01)).a)}`);
}
