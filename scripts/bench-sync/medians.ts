/**
 * `bench:sync --repeat N`: one run's noise on this machine is larger than the gaps the targets are about (CPU per
 * update at 500 sessions spanned 0.99–1.33× the reference on the same code in four quiet runs), so a target is
 * decided on the median of several runs per side, ours and the reference alternating in the same invocation. This
 * module turns the per-run figures into those medians and the ratios between them.
 */

/** The figures a target is read from, for one run of one server at one session count. */
export interface RunFigures {
  server: string;
  sessions: number;
  p99: number;
  max: number;
  cpuUsPerUpdate: number;
  serverLoopMax: number;
  generatorLoopMax: number;
  /** The probe process's deliveries (its own sessions, normal priority); NaN without a probe. */
  probeP99: number;
  probeMax: number;
  /** The slowest delivery with no late load-generator turn inside it (latency-blame.ts); 20 (the bound) when none was slower. */
  maxWithoutGeneratorStall: number;
}

export const FIGURES: ReadonlyArray<{ key: Exclude<keyof RunFigures, 'server' | 'sessions'>; label: string; unit: string }> = [
  { key: 'cpuUsPerUpdate', label: 'CPU per update', unit: 'µs' },
  { key: 'p99', label: 'p99', unit: 'ms' },
  { key: 'max', label: 'max latency (all clients)', unit: 'ms' },
  { key: 'probeP99', label: 'probe p99', unit: 'ms' },
  { key: 'probeMax', label: 'probe max', unit: 'ms' },
  { key: 'maxWithoutGeneratorStall', label: 'max with no generator stall inside (20.0: none over 20)', unit: 'ms' },
  { key: 'serverLoopMax', label: 'server loop max', unit: 'ms' },
  { key: 'generatorLoopMax', label: 'generator loop max', unit: 'ms' },
];

/** The median of the numbers that are not NaN (the mean of the middle two for an even count); NaN when none is. */
export function median(values: readonly number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export interface MedianRow {
  server: string;
  sessions: number;
  runs: number;
  medians: Record<string, number>;
  /** Every run's value, in run order, per figure. */
  perRun: Record<string, number[]>;
}

/** One row per (session count, server), in first-seen order: each figure's median over that pair's runs. */
export function mediansOf(runs: readonly RunFigures[]): MedianRow[] {
  const groups = new Map<string, RunFigures[]>();
  for (const r of runs) {
    const k = `${r.sessions}\u0000${r.server}`;
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].map((g) => {
    const medians: Record<string, number> = {};
    const perRun: Record<string, number[]> = {};
    for (const { key } of FIGURES) {
      perRun[key] = g.map((r) => r[key]);
      medians[key] = median(perRun[key]);
    }
    return { server: g[0]!.server, sessions: g[0]!.sessions, runs: g.length, medians, perRun };
  });
}

const fmt = (x: number, unit: string): string => (Number.isNaN(x) ? '-' : unit === 'µs' ? x.toFixed(0) : x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * Lines for the terminal: for each session count, each figure's median for ours and the reference, their ratio, and
 * every run's value beside it (so the spread is in view).
 */
export function describeMedians(rows: readonly MedianRow[], ours: string, reference: string): string[] {
  const out: string[] = [];
  for (const n of [...new Set(rows.map((r) => r.sessions))]) {
    const a = rows.find((r) => r.sessions === n && r.server === ours);
    const b = rows.find((r) => r.sessions === n && r.server === reference);
    if (!a) continue;
    out.push(`${n} sessions, median of ${a.runs} run${a.runs === 1 ? '' : 's'}${b ? ` per server (ours / reference, ratio; each run's value in brackets)` : ''}:`);
    for (const { key, label, unit } of FIGURES) {
      const ma = a.medians[key]!;
      const runsA = a.perRun[key]!.map((x) => fmt(x, unit)).join(', ');
      if (!b) {
        out.push(`  ${label}: ${fmt(ma, unit)} ${unit} [${runsA}]`);
        continue;
      }
      const mb = b.medians[key]!;
      const runsB = b.perRun[key]!.map((x) => fmt(x, unit)).join(', ');
      const ratio = Number.isNaN(ma) || Number.isNaN(mb) || mb === 0 ? '' : ` (${(ma / mb).toFixed(2)}×)`;
      out.push(`  ${label}: ${fmt(ma, unit)} / ${fmt(mb, unit)} ${unit}${ratio} [${runsA} / ${runsB}]`);
    }
  }
  return out;
}
