/**
 * The code inside each server stall: reads a V8 CPU profile of the measured window (bench:sync --profile-server)
 * and, for every stall the server recorded (tests/support/loop-stalls.ts, same monotonic clock as the profile's
 * timestamps), sums the samples taken inside it by what was running: idle, GC, V8's own work ("program"), and the
 * JavaScript stacks that took the time, heaviest first. A fine sampling interval (--cpu-prof-interval 250) is
 * needed for stalls of 15-50 ms to hold enough samples to name their code.
 */
import path from 'node:path';
import type { Stall } from '../../tests/support/loop-stalls';
import type { LongTaskReport } from '../../sync-server/long-tasks';

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  /** µs on the machine's monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Frames kept per stack (leaf first): enough to see which of our functions the leaf was called from. */
const STACK_DEPTH = 9;
const STACKS_SHOWN = 5;
const INCLUSIVE_SHOWN = 10;
const META = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

function label(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  // node_modules/<pkg>/…/file.js and our own files by their last two path parts: short, still unambiguous.
  const url = frame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  const where = pkg ? `${pkg[1]}/${path.basename(url)}` : url.startsWith('node:') ? url : url.split('/').slice(-2).join('/');
  // Lines only for JavaScript files: tsx's transform of our TypeScript does not keep them.
  return /\.[cm]?js$/.test(url) ? `${name} ${where}:${frame.lineNumber + 1}` : `${name} ${where}`;
}

/** Lines describing the samples inside each stall at least `minMs` long (the longest `maxStalls` of them). */
export function describeStallStacks(profile: CpuProfile, stalls: readonly Stall[], minMs = 15, maxStalls = 5): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample times: startTime plus the running sum of deltas; each sample stands for the time until the next one.
  const times = new Float64Array(profile.samples.length);
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) times[i] = t += profile.timeDeltas[i] ?? 0;
  const weight = (i: number) => (i + 1 < times.length ? times[i + 1]! - times[i]! : 0) / 1000;
  // The sampling interval (the median gap): a stall with far fewer samples than it allows was mostly time the
  // process did not run at all (the sampler runs only while the process is scheduled).
  const gaps = profile.timeDeltas.slice(1).sort((a, b) => a - b);
  const intervalUs = gaps[Math.floor(gaps.length / 2)] ?? 1000;

  const stackKey = new Map<number, string>();
  const keyOf = (id: number): string => {
    const known = stackKey.get(id);
    if (known !== undefined) return known;
    const frames: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined && frames.length < STACK_DEPTH; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      if (frame.functionName === '(root)') break;
      frames.push(label(frame));
    }
    const key = frames.join(' ← ');
    stackKey.set(id, key);
    return key;
  };

  const chosen = stalls
    .filter((s) => s.ms >= minMs && s.endUs > profile.startTime && s.startUs < profile.endTime)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, maxStalls);
  const lines: string[] = [];
  for (const stall of chosen) {
    const meta: Record<string, number> = {};
    const stacks = new Map<string, number>();
    /** Time under each function (inclusive: the function or anything it called), counted once per sample. */
    const under = new Map<string, number>();
    let sampled = 0;
    let count = 0;
    for (let i = 0; i < times.length; i++) {
      if (times[i]! < stall.startUs || times[i]! > stall.endUs) continue;
      const w = weight(i);
      sampled += w;
      count++;
      const node = byId.get(profile.samples[i]!)!;
      const name = node.callFrame.functionName;
      if (META.has(name)) meta[name] = (meta[name] ?? 0) + w;
      else {
        stacks.set(keyOf(node.id), (stacks.get(keyOf(node.id)) ?? 0) + w);
        const seen = new Set<string>();
        for (let cur: number | undefined = node.id; cur !== undefined; cur = parent.get(cur)) {
          const frame = byId.get(cur)!.callFrame;
          if (!frame.functionName || frame.functionName === '(root)' || !frame.url) continue;
          const l = label(frame);
          if (seen.has(l)) continue;
          seen.add(l);
          under.set(l, (under.get(l) ?? 0) + w);
        }
      }
    }
    const js = [...stacks.values()].reduce((a, b) => a + b, 0);
    const at = (stall.startUs - profile.startTime) / 1e6;
    const ran = Math.min(stall.ms, (count * intervalUs) / 1000);
    lines.push(
      `stall ${stall.ms.toFixed(1)} ms at +${at.toFixed(3)} s of the window [${stall.gc}]: ${count} samples (running about ${ran.toFixed(0)} ms of it${
        ran < stall.ms / 2 ? ': mostly not scheduled' : ''
      }); ` +
        `JavaScript ${js.toFixed(1)} ms, ${Object.entries(meta).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ') || 'nothing else'}`,
    );
    const ours = [...under].filter(([l]) => !l.includes('node:')).sort((a, b) => b[1] - a[1]).slice(0, INCLUSIVE_SHOWN);
    if (ours.length) lines.push(`  under (inclusive): ${ours.map(([l, ms]) => `${l} ${ms.toFixed(1)}`).join('; ')}`);
    for (const [key, ms] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, STACKS_SHOWN)) lines.push(`    ${ms.toFixed(1)} ms  ${key}`);
  }
  return lines;
}

/**
 * The traced turns that ran at least the tracer's threshold on the CPU (sync-server/long-tasks.ts), as stalls on the
 * profile's clock, for describeStallStacks: a stall can be time the server waited for a CPU, these turns are its own
 * work. The tracer times them with the server's performance.now(); `atMs` and `atUs` are one moment on that clock and
 * on the machine's monotonic clock (µs), which the profile uses.
 */
export function longTurnsAsStalls(report: LongTaskReport, atMs: number, atUs: number): Stall[] {
  const offsetUs = atUs - atMs * 1000;
  return report.longest
    .filter((t) => t.cpuMs >= report.thresholdMs)
    .map((t) => ({
      startUs: offsetUs + t.at * 1000,
      endUs: offsetUs + (t.at + t.wallMs) * 1000,
      ms: t.wallMs,
      gc: `${t.gc}; ${t.cpuMs.toFixed(1)} ms on the CPU`,
    }));
}
