/**
 * Gradient-boosted regression trees (squared loss) for scripts/fit-scoring.ts:
 * histogram splits over quantile bins, row subsampling with a seeded generator,
 * shrinkage, minimum leaf size and an L2 penalty on leaf values. Deterministic.
 */
import { mulberry32 } from '../../src/domain/planning/prng';

/** One regression tree. Node i is a leaf when feature[i] < 0; otherwise rows with x[feature] <= threshold go to left[i]. */
export interface RegressionTree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  /** Leaf outputs, already scaled by the learning rate. */
  readonly value: readonly number[];
}

export function treeOutput(tree: RegressionTree, x: readonly number[]): number {
  let i = 0;
  for (let guard = 0; guard < 64; guard += 1) {
    const f = tree.feature[i]!;
    if (f < 0) return tree.value[i]!;
    i = x[f]! <= tree.threshold[i]! ? tree.left[i]! : tree.right[i]!;
  }
  throw new Error('regression tree is deeper than 64 levels or cyclic');
}

export function ensembleOutput(base: number, trees: readonly RegressionTree[], x: readonly number[]): number {
  let s = base;
  for (const t of trees) s += treeOutput(t, x);
  return s;
}

export interface BoostingOptions {
  readonly trees: number;
  readonly depth: number;
  readonly learningRate: number;
  readonly minLeaf: number;
  /** Share of rows each tree sees. */
  readonly subsample: number;
  /** L2 penalty on leaf values (in rows). */
  readonly leafPenalty: number;
  readonly seed: number;
  /** Quantile bins per feature for split search. */
  readonly bins?: number;
}

export interface BoostedModel {
  readonly base: number;
  readonly trees: RegressionTree[];
}

/** Candidate thresholds per feature: midpoints between distinct quantile values. */
function thresholdsOf(x: readonly (readonly number[])[], j: number, bins: number): number[] {
  const v = [...new Set(x.map((r) => r[j]!))].sort((a, b) => a - b);
  if (v.length <= 1) return [];
  if (v.length <= bins) return v.slice(1).map((b, k) => (v[k]! + b) / 2);
  const out = new Set<number>();
  const sorted = x.map((r) => r[j]!).sort((a, b) => a - b);
  for (let k = 1; k < bins; k += 1) {
    const q = sorted[Math.floor((k * sorted.length) / bins)]!;
    const below = v.filter((u) => u < q);
    if (below.length) out.add((below[below.length - 1]! + q) / 2);
  }
  return [...out].sort((a, b) => a - b);
}

export function fitBoosted(x: readonly (readonly number[])[], y: readonly number[], o: BoostingOptions): BoostedModel {
  const n = x.length;
  const d = x[0]?.length ?? 0;
  const bins = o.bins ?? 32;
  const cuts = Array.from({ length: d }, (_, j) => thresholdsOf(x, j, bins));
  // bin[i][j] = number of cuts below x: rows go left of cut k when bin <= k.
  const bin = x.map((r) => r.map((v, j) => {
    const c = cuts[j]!;
    let lo = 0;
    while (lo < c.length && c[lo]! < v) lo += 1;
    return lo;
  }));
  const base = y.reduce((s, v) => s + v, 0) / Math.max(1, n);
  const f = new Array<number>(n).fill(base);
  const rand = mulberry32(o.seed);
  const trees: RegressionTree[] = [];
  for (let t = 0; t < o.trees; t += 1) {
    const resid = y.map((v, i) => v - f[i]!);
    const rows: number[] = [];
    for (let i = 0; i < n; i += 1) if (o.subsample >= 1 || rand() < o.subsample) rows.push(i);
    const tree = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], value: [] as number[] };
    const grow = (idx: number[], depth: number): number => {
      const node = tree.feature.length;
      let sum = 0;
      for (const i of idx) sum += resid[i]!;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push((o.learningRate * sum) / (idx.length + o.leafPenalty));
      if (depth >= o.depth || idx.length < 2 * o.minLeaf) return node;
      let best = { gain: 1e-9, j: -1, k: -1 };
      const parentScore = (sum * sum) / (idx.length + o.leafPenalty);
      for (let j = 0; j < d; j += 1) {
        const c = cuts[j]!;
        if (!c.length) continue;
        const hs = new Float64Array(c.length + 1);
        const hn = new Int32Array(c.length + 1);
        for (const i of idx) {
          const b = bin[i]![j]!;
          hs[b] = hs[b]! + resid[i]!;
          hn[b] = hn[b]! + 1;
        }
        let ls = 0;
        let ln = 0;
        for (let k = 0; k < c.length; k += 1) {
          ls += hs[k]!;
          ln += hn[k]!;
          const rn = idx.length - ln;
          if (ln < o.minLeaf || rn < o.minLeaf) continue;
          const rs = sum - ls;
          const gain = (ls * ls) / (ln + o.leafPenalty) + (rs * rs) / (rn + o.leafPenalty) - parentScore;
          if (gain > best.gain) best = { gain, j, k };
        }
      }
      if (best.j < 0) return node;
      const li = idx.filter((i) => bin[i]![best.j]! <= best.k);
      const ri = idx.filter((i) => bin[i]![best.j]! > best.k);
      tree.feature[node] = best.j;
      tree.threshold[node] = cuts[best.j]![best.k]!;
      tree.value[node] = 0;
      tree.left[node] = grow(li, depth + 1);
      tree.right[node] = grow(ri, depth + 1);
      return node;
    };
    grow(rows, 0);
    trees.push(tree);
    // Update on all rows with the tree as stored (thresholds on raw values).
    for (let i = 0; i < n; i += 1) {
      let node = 0;
      while (tree.feature[node]! >= 0) node = x[i]![tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
      f[i]! += tree.value[node]!;
    }
  }
  return { base, trees };
}
