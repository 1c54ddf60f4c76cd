/**
 * `bench:sync --paired`: ours and the reference server measured over the SAME window, both running at once.
 *
 * Why: in the sequential runs (ours, then the reference, ABBA) one server's main-thread CPU for the same work moves
 * ±15 % between 30 s windows on this machine (5,780–7,580 ms per window at 500 sessions), so the per-run ratio of CPU
 * per update straddled 1.00 (0.76–1.25) whatever either server did. In a paired run every load-generator client has a
 * twin on the other server that sends the same updates at the same moments (generator.ts, `twinPort`), and both
 * servers' CPU is read over the same seconds: whatever the machine does in that window (another process's burst, the
 * VM's neighbours, a slower clock) it does to both, and the ratio keeps only what the servers themselves differ by.
 * Latencies are not taken from paired runs: two servers and twice the clients on 2 cores change them.
 *
 * This module holds what can be tested without processes: the option, the per-update arithmetic, the machine's busy
 * share from /proc/stat, and the summary that sets the paired ratios' spread beside the sequential runs'.
 */
import type { Person } from './workload';

/**
 * Updates per second per session that the workload asks for (workload.ts): each timed stream's 1000 / mean interval,
 * and the moderator's approvals, one per audience submission (the reactive stream). A paired run's clients have twice
 * the sockets to serve: when their rate falls short of this, the load generators fell behind (the machine saturated),
 * and the window's CPU per update was taken at a lower rate than the sequential runs'.
 */
export function workloadUpdatesPerSession(people: readonly Person[]): number {
  let perS = 0;
  let submissions = 0;
  let reactive = 0;
  for (const p of people) {
    for (const w of p.writes) {
      if (w.meanIntervalMs === null) reactive++;
      else {
        perS += 1000 / w.meanIntervalMs;
        if (w.array === 'submissions') submissions += 1000 / w.meanIntervalMs;
      }
    }
  }
  return perS + reactive * submissions;
}

/** What `--paired` asks for: no paired runs, a paired run after each sequential pair, or paired runs only. */
export type PairedMode = 'off' | 'beside' | 'only';

/**
 * `--paired` (a paired run after each run's sequential pair), `--paired only` (paired runs only: the A/B instrument
 * for CPU per update, no latency figures), or absent. Needs `--peer y-websocket`: the pair is ours and the reference.
 * Throws with a message for the terminal on anything else.
 */
export function parsePairedMode(argv: readonly string[], peer: string): PairedMode {
  const i = argv.indexOf('--paired');
  if (i < 0) return 'off';
  const value = argv[i + 1];
  let mode: PairedMode;
  if (value === undefined || value.startsWith('--')) mode = 'beside';
  else if (value === 'only') mode = 'only';
  else if (value === 'beside') mode = 'beside';
  else throw new Error(`--paired ${value}: give no value (a paired run beside each sequential pair) or "only" (paired runs only)`);
  if (peer !== 'y-websocket') throw new Error('--paired runs ours and the reference at once: give --peer y-websocket with it');
  return mode;
}

/**
 * One server's CPU over a paired window, read by the bench from /proc for both servers at the same two instants (not
 * from the servers' own stats answers, which a backed-up event loop delays: one such window read ours' main thread
 * above its whole process).
 */
export interface ServerWindow {
  /** Wall time between the two reads, ms (the same for both servers). */
  wallMs: number;
  /** Process CPU (/proc/<pid>/stat user + system, every thread), µs. */
  cpuUs: number;
  /** The main thread's CPU (/proc/<pid>/task/<pid>/stat), ms; NaN where /proc has none. */
  mainMs: number;
}

/** A paired run's figures: both servers over the same window, fed the same updates. */
export interface PairedWindow {
  sessions: number;
  run: number;
  /** The server whose clients wrote first and whose moderator's deliveries set off the approvals (alternates). */
  primary: string;
  /** Updates the clients sent per second in the window: the same updates went to both servers. */
  updatesPerS: number;
  /** What the workload asks for at this session count (workloadUpdatesPerSession × sessions). */
  workloadPerS: number;
  ours: ServerWindow;
  reference: ServerWindow;
  /** The whole machine's busy share in the window, % of all its cores (/proc/stat): near 100 is saturated. */
  machineBusyPct: number;
  loadAvg: string;
}

export interface PerUpdate {
  /** Process CPU per update, µs. */
  cpuUs: number;
  /** Main thread CPU per update, µs. */
  mainUs: number;
}

/**
 * CPU per update of one server in a paired window, as the sequential runs count it (bench-sync.ts runOnce): CPU over
 * the read interval, divided by the updates sent at the window's rate over that interval.
 */
export function perUpdate(w: ServerWindow, updatesPerS: number): PerUpdate {
  const updates = updatesPerS * (w.wallMs / 1000);
  if (!(updates > 0)) return { cpuUs: NaN, mainUs: NaN };
  return { cpuUs: w.cpuUs / updates, mainUs: (w.mainMs * 1000) / updates };
}

/** Ours / the reference in one paired window: process CPU per update and main-thread CPU per update. */
export function pairedRatios(p: PairedWindow): PerUpdate {
  const a = perUpdate(p.ours, p.updatesPerS);
  const b = perUpdate(p.reference, p.updatesPerS);
  return { cpuUs: a.cpuUs / b.cpuUs, mainUs: a.mainUs / b.mainUs };
}

/** The aggregate `cpu` line of /proc/stat: busy and total jiffies since boot. */
export interface MachineTicks {
  busy: number;
  total: number;
}

/**
 * Reads /proc/stat's first line ("cpu  user nice system idle iowait irq softirq steal guest guest_nice"). Idle and
 * iowait are not busy; guest time is already inside user and nice, so it is not added again. Null when the text
 * has no such line.
 */
export function parseMachineTicks(procStat: string): MachineTicks | null {
  const line = procStat.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) return null;
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = f as [number, number, number, number, ...number[]];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** The machine's busy share between two reads, % of all its cores; NaN if either read failed or no time passed. */
export function machineBusyPct(before: MachineTicks | null, after: MachineTicks | null): number {
  if (!before || !after || after.total <= before.total) return NaN;
  return ((after.busy - before.busy) / (after.total - before.total)) * 100;
}

/** Median, least and greatest of the numbers that are not NaN, and the range's width (NaN for none). */
export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  width: number;
}

export function spreadOf(values: readonly number[]): Spread {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, width: NaN };
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { n: v.length, median, min: v[0]!, max: v[v.length - 1]!, width: v[v.length - 1]! - v[0]! };
}

/** One sequential run's CPU per update for ours and the reference at one session count (the same run number). */
export interface SequentialPair {
  sessions: number;
  run: number;
  ours: PerUpdate;
  reference: PerUpdate;
}

/**
 * "584 updates/s", or with " (63 % of the workload's 583/s: the load generators fell behind)" when the clients sent
 * less than 95 % of what the workload asks for.
 */
export function describeRate(p: Pick<PairedWindow, 'updatesPerS' | 'workloadPerS'>): string {
  const share = p.updatesPerS / p.workloadPerS;
  const rate = `${p.updatesPerS.toFixed(0)} updates/s`;
  return share < 0.95 ? `${rate} (${(share * 100).toFixed(0)} % of the workload's ${p.workloadPerS.toFixed(0)}/s: the load generators fell behind)` : rate;
}

const r2 = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(2));
const describeSpread = (s: Spread): string =>
  s.n === 0 ? 'none' : `median ${r2(s.median)}, ${r2(s.min)}–${r2(s.max)} (width ${r2(s.width)}, ${s.n} run${s.n === 1 ? '' : 's'})`;

/**
 * Lines for the terminal, per session count: each paired window's ratios (process CPU, main thread), their median and
 * spread, and beside them the sequential runs' per-run ratios and spread, with how much narrower the paired range is.
 */
export function describePaired(paired: readonly PairedWindow[], sequential: readonly SequentialPair[]): string[] {
  const out: string[] = [];
  const counts = [...new Set([...paired.map((p) => p.sessions), ...sequential.map((s) => s.sessions)])];
  for (const n of counts) {
    const ps = paired.filter((p) => p.sessions === n);
    const ss = sequential.filter((s) => s.sessions === n);
    out.push(`${n} sessions, CPU per update ours / reference:`);
    if (ps.length) {
      const ratios = ps.map(pairedRatios);
      const each = ps
        .map((p, i) => {
          const a = perUpdate(p.ours, p.updatesPerS);
          const b = perUpdate(p.reference, p.updatesPerS);
          return `run ${p.run} (${p.primary} first, ${describeRate(p)}, machine ${p.machineBusyPct.toFixed(0)} % busy, load ${p.loadAvg}): ${a.cpuUs.toFixed(0)} / ${b.cpuUs.toFixed(0)} µs = ${r2(ratios[i]!.cpuUs)}, main thread ${a.mainUs.toFixed(0)} / ${b.mainUs.toFixed(0)} µs = ${r2(ratios[i]!.mainUs)}`;
        })
        .join('; ');
      out.push(`  paired (the same window): process ${describeSpread(spreadOf(ratios.map((r) => r.cpuUs)))}; main thread ${describeSpread(spreadOf(ratios.map((r) => r.mainUs)))}`);
      out.push(`    ${each}`);
    }
    if (ss.length) {
      const seq = ss.map((s) => ({ cpuUs: s.ours.cpuUs / s.reference.cpuUs, mainUs: s.ours.mainUs / s.reference.mainUs }));
      out.push(`  sequential (one after the other): process ${describeSpread(spreadOf(seq.map((r) => r.cpuUs)))}; main thread ${describeSpread(spreadOf(seq.map((r) => r.mainUs)))}`);
      if (ps.length) {
        const pw = spreadOf(ps.map(pairedRatios).map((r) => r.cpuUs)).width;
        const sw = spreadOf(seq.map((r) => r.cpuUs)).width;
        if (pw >= 0 && sw > 0) out.push(`  the paired ratios' range is ${((pw / sw) * 100).toFixed(0)} % of the sequential ones' (process CPU)`);
      }
    }
  }
  return out;
}
