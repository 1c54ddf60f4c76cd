/**
 * What the long tasks of a page were made of, for a benchmark that measures them (`npm run bench:coding -- --trace`):
 * a Chromium trace (timeline events and V8's sampling profiler) is taken while `act` runs, and for every main-thread
 * task of the page over `overMs` it reports the timeline events inside it (script, style, layout, garbage collection,
 * IndexedDB…) and the functions the profiler found running most (self and total time), so a long task is named, not
 * guessed at. The page is found as the renderer that received the keyboard events (`act` types).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** The thread's own (processor) time inside the event: what the task cost without the waits of a loaded machine. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & { type?: string; cpuProfile?: CpuProfileChunk; timeDeltas?: number[]; functionName?: string; url?: string } };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface CpuProfileChunk {
  nodes?: { id: number; callFrame: CallFrame; parent?: number }[];
  samples?: number[];
}

/** Timeline events only: each task with its thread time, at little cost to the page. */
const TIMELINE = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];
/** And V8's sampling profiler, to name the functions (the page runs several times slower under it). */
const PROFILED = [...TIMELINE, 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc'];

export interface TracedTasks {
  /** Main-thread tasks of the page by their own thread time (what a loaded machine's waiting does not add). */
  threadTime: { tasks: number; over50: number; over100: number; longestMs: number };
  /** The per-task breakdown (with `profile`, the functions too). */
  report: string;
}

const maps = new Map<string, SourceMapConsumer | null>();

/** A profiled function by its place in the source (the build's source maps, dist/assets/*.js.map), not its minified name. */
function frameName(f: CallFrame): string {
  const file = f.url ? f.url.replace(/^.*\//, '').replace(/\?.*$/, '') : '';
  if (!file) return f.functionName || '(anonymous)';
  if (!maps.has(file)) {
    const mapFile = path.join(process.cwd(), 'dist', 'assets', `${file}.map`);
    maps.set(file, fs.existsSync(mapFile) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as RawSourceMap) : null);
  }
  const original = maps.get(file)?.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber });
  if (original?.source) return `${original.name ?? f.functionName ?? '(anonymous)'} ${original.source.replace(/^(\.\.\/)+/, '')}:${original.line}`;
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

function top(map: Map<string, number>, n: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `      ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
}

export async function traceLongTasks(browser: Browser, page: Page, act: () => Promise<void>, options: { profile: boolean; overMs?: number }): Promise<TracedTasks> {
  const overMs = options.overMs ?? 50;
  await browser.startTracing(page, { categories: options.profile ? PROFILED : TIMELINE });
  try {
    await act();
  } finally {
    // Let the last task finish and be written.
    await page.waitForTimeout(300);
  }
  const events = (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;

  const mainThreads = new Map<number, number>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.set(e.pid, e.tid);
  const keyEvents = new Map<number, number>();
  for (const e of events) if (e.name === 'EventDispatch' && e.args?.data?.type === 'keydown') keyEvents.set(e.pid, (keyEvents.get(e.pid) ?? 0) + 1);
  const pid = [...keyEvents].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (pid === undefined) throw new Error('trace: no renderer received keyboard events');
  const tid = mainThreads.get(pid);
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number');
  // The task in which tracing started its profiler is the trace's own.
  const profilerStarts = onMain.filter((e) => e.name === 'CpuProfiler::StartProfiling');
  const tracingOwn = (task: TraceEvent) => profilerStarts.some((p) => p.ts >= task.ts && p.ts <= task.ts + task.dur!);
  const tasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! > overMs * 1000 && !tracingOwn(e));

  // The sampling profile of the page's main isolate: chunks share the id of its Profile event.
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === pid);
  const profile = profiles.find((e) => e.tid === tid) ?? profiles[0];
  const nodes = new Map<number, { frame: CallFrame; parent?: number }>();
  const samples: { t: number; node: number }[] = [];
  if (profile) {
    let t = Number((profile.args?.data as { startTime?: number } | undefined)?.startTime ?? profile.ts);
    for (const e of events) {
      if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
      const chunk = e.args?.data?.cpuProfile;
      for (const n of chunk?.nodes ?? []) nodes.set(n.id, { frame: n.callFrame, parent: n.parent });
      const deltas = e.args?.data?.timeDeltas ?? [];
      (chunk?.samples ?? []).forEach((node, i) => {
        t += deltas[i] ?? 0;
        samples.push({ t, node });
      });
    }
  }
  // Sampling interval, to turn sample counts into time.
  const interval = samples.length > 1 ? (samples[samples.length - 1]!.t - samples[0]!.t) / (samples.length - 1) : 0;

  // Wall time includes the time a loaded machine did not run the page at all; thread time is the page's own work.
  const allTasks = onMain.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && !tracingOwn(e));
  const cpu = allTasks.map((e) => (e.tdur ?? 0) / 1000);
  const cpuOver = (limit: number) => cpu.filter((v) => v > limit).length;
  const lines: string[] = [
    `  trace: ${tasks.length} main-thread tasks over ${overMs} ms of wall time on the typing page (${samples.length} profiler samples, every ${(interval / 1000).toFixed(2)} ms)`,
    `  the page's own processor time per task (thread time, what load does not add): ${allTasks.length} tasks, ${cpuOver(overMs)} over ${overMs} ms, ${cpuOver(100)} over 100 ms, longest ${Math.max(0, ...cpu).toFixed(0)} ms, ${cpu.reduce((a, b) => a + b, 0).toFixed(0)} ms in all`,
  ];
  // Where the page's processor time went, by what each task did first (a key press, a timer, an animation frame…).
  const byKind = new Map<string, number>();
  for (const task of allTasks) {
    const first = onMain.find((e) => e !== task && e.ts >= task.ts && e.ts <= task.ts + task.dur! && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
    const kind = first ? (first.name === 'EventDispatch' || first.name === 'TimerFire' || first.name === 'FunctionCall' ? `${first.name} ${first.args?.data?.type ?? first.args?.data?.functionName ?? ''}`.trim() : first.name) : '(no timeline event)';
    byKind.set(kind, (byKind.get(kind) ?? 0) + (task.tdur ?? 0));
  }
  lines.push("  the page's processor time by the kind of task", top(byKind, 10));
  const selfAll = new Map<string, number>();
  const totalAll = new Map<string, number>();
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const inside = new Map<string, number>();
    for (const e of onMain) {
      if (e === task || e.ts < task.ts || e.ts + e.dur! > end || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      const what = e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire' ? `${e.name} ${e.args?.data?.type ?? e.args?.data?.functionName ?? ''}`.trim() : e.name;
      inside.set(what, (inside.get(what) ?? 0) + e.dur!);
    }
    const self = new Map<string, number>();
    for (const s of samples) {
      if (s.t < task.ts || s.t > end) continue;
      const node = nodes.get(s.node);
      if (!node) continue;
      const name = frameName(node.frame);
      self.set(name, (self.get(name) ?? 0) + interval);
      selfAll.set(name, (selfAll.get(name) ?? 0) + interval);
      const seen = new Set<string>();
      for (let n: { frame: CallFrame; parent?: number } | undefined = node; n; n = n.parent === undefined ? undefined : nodes.get(n.parent)) {
        const f = frameName(n.frame);
        if (seen.has(f)) continue;
        seen.add(f);
        totalAll.set(f, (totalAll.get(f) ?? 0) + interval);
      }
    }
    lines.push(`    task of ${(task.dur! / 1000).toFixed(0)} ms (${((task.tdur ?? 0) / 1000).toFixed(0)} ms of thread time): timeline events (nested ones counted in each)`, top(inside, 8), '    functions (self time)', top(self, 8));
  }
  if (tasks.length > 1) lines.push('  all long tasks, functions by self time', top(selfAll, 15), '  all long tasks, functions by total time', top(totalAll, 25));
  return { threadTime: { tasks: allTasks.length, over50: cpuOver(50), over100: cpuOver(100), longestMs: Math.max(0, ...cpu) }, report: lines.join('\n') };
}
