/**
 * Measures two figures of the guest's recording, in the built app, in Chromium
 * with a fake microphone playing continuous espeak-ng speech:
 *
 *   1. stored audio per minute of speech: bytes in IndexedDB (the take's chunks)
 *      divided by the take's length (recorder clock, checked against the
 *      decoded audio);
 *   2. main-thread long tasks (> 50 ms) while recording, two ways: the page's own
 *      PerformanceObserver('longtask'), and a Chromium performance trace taken
 *      through Playwright (browser.startTracing), counting RunTask slices over
 *      50 ms on the renderer's main thread.
 *
 * Usage: node --import tsx scripts/measure-recording.ts [seconds=60]
 * Writes .tmp/measure-recording.json. Timings depend on the machine's load.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/support/browser';
import { REPO_ROOT, startServer } from '../tests/support/server-process';
import { speechWav, wavSeconds } from '../tests/support/speech';
import {
  consentAndStart,
  decodedSeconds,
  dismissOfflineToast,
  passTechCheck,
  planOf,
  publishAndInvite,
  spokenQuestion,
  storedTakes,
} from '../tests/e2e/pages/guest-pages';

const SECONDS = Number(process.argv[2] ?? 60);
const SPEECH =
  'When a service slows down, I start from the user facing symptom and work inward. ' +
  'I look at the latency percentiles, the error rate and the saturation of each dependency. ' +
  'Then I compare a slow trace with a fast one and look for the span that grew. ' +
  'Often it is a lock, a connection pool that is too small, or a cache that stopped hitting. ' +
  'Once I know the cause I fix it, add an alert for it, and write down what we learned.';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/build-if-stale.ts')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const wav = speechWav(SPEECH, { trailingSilenceSec: 0.4 });
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`],
  });
  try {
    const id = 'measure-recording';
    const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Walk us through how you debug a slow service.', Math.max(60, SECONDS + 30))]), 'Measure');
    const ctx = await browser.newContext({ baseURL: server.url });
    const page = await ctx.newPage();
    // tsx (esbuild keepNames) wraps functions in __name(); the page has no such helper.
    await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
      w.__longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No Long Tasks API: the trace still counts.
      }
    });
    await dismissOfflineToast(page);
    await page.goto(link);
    await passTechCheck(page);
    await consentAndStart(page);

    const tracePath = path.join(REPO_ROOT, '.tmp', 'measure-recording-trace.json');
    fs.mkdirSync(path.dirname(tracePath), { recursive: true });
    await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'toplevel', 'disabled-by-default-devtools.timeline'] });
    const startedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Record answer' }).click();
    await page.getByTestId('listening').waitFor();
    const deadline = Date.now() + (SECONDS + 30) * 1000;
    while (Number(await page.getByTestId('stored-ms').getAttribute('data-stored-ms')) < SECONDS * 1000) {
      if (Date.now() > deadline) throw new Error('recording did not progress');
      await page.waitForTimeout(500);
    }
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await page.getByTestId('answer-stored').waitFor();
    const stoppedAt = await page.evaluate(() => performance.now());
    await browser.stopTracing();

    const [take] = await storedTakes(page);
    if (!take) throw new Error('no take stored');
    const decoded = await decodedSeconds(page, take.id);
    const bytesPerMinute = take.bytes / (take.durationMs / 60_000);

    const observed = (await page.evaluate(() => (window as unknown as { __longTasks: Array<{ start: number; duration: number }> }).__longTasks)).filter(
      (t) => t.start >= startedAt && t.start <= stoppedAt,
    );

    const trace = JSON.parse(fs.readFileSync(tracePath, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(trace) ? trace : trace.traceEvents;
    const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    // Tasks appear nested (RunTask around ThreadControllerImpl::RunTask): keep only the outermost of each.
    const nested = events
      .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && mainThreads.has(`${e.pid}:${e.tid}`))
      .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks: TraceEvent[] = [];
    const openUntil = new Map<string, number>();
    for (const e of nested) {
      const thread = `${e.pid}:${e.tid}`;
      if (e.ts < (openUntil.get(thread) ?? -1)) continue;
      tasks.push(e);
      openUntil.set(thread, e.ts + (e.dur ?? 0));
    }
    const long = tasks.filter((e) => (e.dur ?? 0) > 50_000);
    const traceMs = tasks.length ? (Math.max(...tasks.map((e) => e.ts + (e.dur ?? 0))) - Math.min(...tasks.map((e) => e.ts))) / 1000 : 0;

    const result = {
      machine: `shared ${os.cpus().length}-core development machine (other developers running builds and tests), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}; headless Chromium ${browser.version()}`,
      speechWavSeconds: wavSeconds(wav),
      take: { mimeType: take.mimeType, durationMs: take.durationMs, decodedSeconds: Number(decoded.toFixed(2)), bytes: take.bytes, chunks: take.chunks.length },
      bytesPerMinute: Math.round(bytesPerMinute),
      kbitPerSecond: Number(((take.bytes * 8) / (take.durationMs / 1000) / 1000).toFixed(1)),
      longTasksObserved: { count: observed.length, maxMs: observed.length ? Math.round(Math.max(...observed.map((t) => t.duration))) : 0, durationsMs: observed.map((t) => Math.round(t.duration)) },
      trace: {
        file: path.relative(REPO_ROOT, tracePath),
        mainThreadTasks: tasks.length,
        spanMs: Math.round(traceMs),
        longTasks: long.length,
        longestMs: tasks.length ? Number((Math.max(...tasks.map((e) => e.dur ?? 0)) / 1000).toFixed(1)) : 0,
        longDurationsMs: long.map((e) => Math.round((e.dur ?? 0) / 1000)),
      },
    };
    fs.writeFileSync(path.join(REPO_ROOT, '.tmp', 'measure-recording.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `\nStored audio: ${(result.bytesPerMinute / 1024).toFixed(1)} KiB per minute of speech (${result.kbitPerSecond} kbit/s, ${take.mimeType}).` +
        `\nLong tasks (> 50 ms) on the main thread while recording ${Math.round(take.durationMs / 1000)} s: ${result.longTasksObserved.count} seen by PerformanceObserver, ${result.trace.longTasks} in the trace (longest task ${result.trace.longestMs} ms).`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
