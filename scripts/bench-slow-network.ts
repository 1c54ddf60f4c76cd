/**
 * `npm run bench:slow-network`: what a guest waits for on a thin link (issue #18), in Chromium through
 * Playwright with the DevTools protocol's own network emulation (Network.emulateNetworkConditions) and the
 * phone-sized CPU slowdown Lighthouse uses (Emulation.setCPUThrottlingRate 4).
 *
 * For each network profile and CPU rate: a guest opens a fresh invite link with a cold cache, then (same
 * profile, service worker installed) another one warm. Times run from navigation to the technical check
 * interactive (microphone ready and Continue enabled), to the intro and to the first question, the bench
 * pressing Continue and Start as soon as each can be pressed; bytes are what crossed the emulated link in each
 * phase (Resource Timing transferSize, so what a service worker served costs nothing; WebSocket frames apart).
 *
 * Then the override latency while an answer uploads on Slow 3G, through the shared link of
 * tests/support/shared-link.ts (Chromium's emulation does not throttle WebSockets, so it cannot show a sync frame
 * queued behind an upload): the guest stands at a question, a take of `--upload-kib` is stored on the device and
 * the app's upload queue sends it, and the host (a Node client on the unthrottled side, as a host on a good link)
 * pauses and resumes the interview in turn; each is timed until the guest's device has applied it and until the
 * host reads the guest's outcome, which crosses the guest's uplink behind the upload. Run it with `--static-dir`
 * on a build from before the upload pacing for the figure without pacing.
 *
 * The DOM marks work on any build of the app, so `--static-dir` can measure an older build (before/after).
 *
 *   npm run bench:slow-network -- [--static-dir DIR] [--runs N] [--profiles slow3g,fast3g,none] [--cpu 1,4]
 *                                 [--no-override] [--override-only] [--upload-kib 1024] [--overrides 4] [--json FILE]
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/support/browser';
import { startServer, type ServerProcess } from '../tests/support/server-process';
import { hostDoc, planOf, publishAndInvite, spokenQuestion } from '../tests/support/host-actions';
import { LINK_PROFILES, startSharedLink } from '../tests/support/shared-link';
import { storeFinishedTake, uploadRow } from '../tests/support/stored-take';
import { pushHostCommand } from '../src/sync/stage-doc';
import { decodeClaims } from '../src/auth/token-claims';
import type { StageEvent } from '../src/domain/stage';
import { arg, flag, refuseUnknownOptions } from './cli-arg';

interface NetworkProfile {
  name: string;
  /** Round-trip latency added to every request, ms. */
  latency: number;
  /** Bytes per second (the protocol's unit); -1 for no limit. */
  down: number;
  up: number;
}

/** Chrome's own presets, in the protocol's units (bytes per second). */
const PROFILES: Record<string, NetworkProfile> = {
  slow3g: { name: 'Slow 3G', latency: 2000, down: (400 * 1000) / 8, up: (400 * 1000) / 8 },
  fast3g: { name: 'Fast 3G', latency: 562.5, down: (1440 * 1000) / 8, up: (675 * 1000) / 8 },
  none: { name: 'none', latency: 0, down: -1, up: -1 },
};

const given = (name: string): string | undefined => arg(name, '') || undefined;
// Read here, before the check below, though they are used later.
const OVERRIDE_ONLY = flag('override-only');
const NO_OVERRIDE = flag('no-override');

const runs = Number(given('runs') ?? 1);
const profileNames = (given('profiles') ?? 'slow3g,fast3g,none').split(',');
const cpuRates = (given('cpu') ?? '1,4').split(',').map(Number);
const uploadKiB = Number(given('upload-kib') ?? 1024);
const overrideCount = Number(given('overrides') ?? 4);
const jsonOut = given('json');

for (const p of profileNames) if (!PROFILES[p]) throw new Error(`Unknown profile ${p}: use ${Object.keys(PROFILES).join(', ')}`);

let staticDir = given('static-dir');
refuseUnknownOptions('the comment at the top of scripts/bench-slow-network.ts');
if (!staticDir) {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-if-stale.ts'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
  staticDir = path.resolve('dist');
}
staticDir = path.resolve(staticDir);
if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(`${staticDir} holds no built app (index.html)`);

/**
 * Runs in the page before any of its scripts: records when each phase's screen first shows, from the DOM only
 * (so any build is measured alike), and when the guest's stage revision changes (an override applied). A string,
 * because tsx's compiled functions carry helpers the page does not have.
 */
const PAGE_MARKS = `(() => {
  window.__bench = { marks: {}, revisions: [] };
  performance.setResourceTimingBufferSize(2000);
  const { marks, revisions } = window.__bench;
  let lastRevision = -1;
  function continueEnabled() {
    return [...document.querySelectorAll('[data-stage="setup"] button')].some((b) => /^Continue/.test(b.textContent || '') && !b.disabled);
  }
  function look() {
    if (!('check' in marks) && document.querySelector('[data-mic-phase="ready"]') && continueEnabled()) marks.check = performance.now();
    if (!('intro' in marks) && document.querySelector('[data-stage="intro"]')) marks.intro = performance.now();
    if (!('question' in marks) && document.querySelector('[data-testid="question-position"]')) marks.question = performance.now();
    const guest = document.querySelector('.guest[data-revision]');
    const revision = guest ? Number(guest.dataset.revision) : -1;
    if (revision !== lastRevision) {
      lastRevision = revision;
      revisions.push({ revision, at: Date.now() });
    }
  }
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface PhaseResult {
  profile: string;
  cpu: number;
  cache: 'cold' | 'warm';
  checkMs: number;
  introMs: number;
  questionMs: number;
  /** Bytes over the link (HTTP: transferSize) up to each mark, by phase. */
  bytes: { check: number; intro: number; question: number };
  wsBytes: number;
}

async function throttle(cdp: CDPSession, profile: NetworkProfile, cpu: number): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
}

function countWebSocketBytes(cdp: CDPSession): { total(): number } {
  let bytes = 0;
  const add = (e: { response: { opcode: number; payloadData: string } }) => {
    // Binary frames come base64-encoded.
    bytes += e.response.opcode === 2 ? Math.floor((e.response.payloadData.length * 3) / 4) : e.response.payloadData.length;
  };
  cdp.on('Network.webSocketFrameReceived', add);
  cdp.on('Network.webSocketFrameSent', add);
  return { total: () => bytes };
}

const PHASE_TIMEOUT_MS = 180_000;

/**
 * `promise`, or a rejection with `message` after PHASE_TIMEOUT_MS. The timer is cleared either way: one left running
 * per override kept the finished benchmark alive for three minutes after it printed its figures.
 */
async function withinPhase<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), PHASE_TIMEOUT_MS)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitMark(page: Page, mark: string): Promise<number> {
  const handle = await page.waitForFunction((m) => (window as unknown as { __bench?: { marks: Record<string, number> } }).__bench?.marks[m], mark, {
    timeout: PHASE_TIMEOUT_MS,
    polling: 50,
  });
  return Number(await handle.jsonValue());
}

/** One guest from navigation to the first question, pressing each button as soon as it can be pressed. */
async function guestToFirstQuestion(page: Page, cdp: CDPSession, link: string, profile: NetworkProfile, cpu: number, cache: 'cold' | 'warm'): Promise<PhaseResult> {
  await page.addInitScript({ content: PAGE_MARKS });
  await throttle(cdp, profile, cpu);
  const ws = countWebSocketBytes(cdp);
  await page.goto(link, { waitUntil: 'commit', timeout: PHASE_TIMEOUT_MS });
  const checkMs = await waitMark(page, 'check');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  const introMs = await waitMark(page, 'intro');
  await page.getByRole('radio', { name: 'Yes, record my voice while I answer' }).check();
  await page.getByRole('radio', { name: /^Yes, AI may/ }).check();
  await page.getByRole('button', { name: 'Start Interview' }).click();
  const questionMs = await waitMark(page, 'question');
  const bytes = await page.evaluate(
    ({ checkMs, introMs, questionMs }) => {
      const out = { check: 0, intro: 0, question: 0 };
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
      for (const e of entries) {
        const at = e.responseEnd;
        if (at <= checkMs) out.check += e.transferSize;
        else if (at <= introMs) out.intro += e.transferSize;
        else if (at <= questionMs) out.question += e.transferSize;
      }
      return out;
    },
    { checkMs, introMs, questionMs },
  );
  return { profile: profile.name, cpu, cache, checkMs, introMs, questionMs, bytes, wsBytes: ws.total() };
}

let interviewCounter = 0;
async function newInvite(server: ServerProcess): Promise<{ link: string; interviewId: string }> {
  const interviewId = `bench-slow-${process.pid}-${++interviewCounter}`;
  const plan = planOf(interviewId, [spokenQuestion(`${interviewId}-q1`, 'Explain how a cache is invalidated.', 600), spokenQuestion(`${interviewId}-q2`, 'Explain what a CDN does.', 600)]);
  return { link: await publishAndInvite(server, plan, 'Bench Guest'), interviewId };
}

async function measureCell(browser: Browser, server: ServerProcess, profile: NetworkProfile, cpu: number): Promise<PhaseResult[]> {
  const ctx = await browser.newContext({ baseURL: server.url });
  try {
    const cold = await ctx.newPage();
    const coldCdp = await ctx.newCDPSession(cold);
    const first = await guestToFirstQuestion(cold, coldCdp, (await newInvite(server)).link, profile, cpu, 'cold');
    // Let the service worker finish installing (its own requests are not the page's to throttle).
    await coldCdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await coldCdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cold.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await cold.close();
    const warm = await ctx.newPage();
    const warmCdp = await ctx.newCDPSession(warm);
    const second = await guestToFirstQuestion(warm, warmCdp, (await newInvite(server)).link, profile, cpu, 'warm');
    return [first, second];
  } finally {
    await ctx.close();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function summarise(results: PhaseResult[]): PhaseResult[] {
  const groups = new Map<string, PhaseResult[]>();
  for (const r of results) {
    const key = `${r.profile}|${r.cpu}|${r.cache}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({
    ...g[0]!,
    checkMs: median(g.map((r) => r.checkMs)),
    introMs: median(g.map((r) => r.introMs)),
    questionMs: median(g.map((r) => r.questionMs)),
    bytes: { check: median(g.map((r) => r.bytes.check)), intro: median(g.map((r) => r.bytes.intro)), question: median(g.map((r) => r.bytes.question)) },
    wsBytes: median(g.map((r) => r.wsBytes)),
  }));
}

// ---------------------------------------------------------------------------
// Override latency during an upload.

interface OverrideSample {
  duringUpload: boolean;
  /** Host's push → the guest's device applied it (its stage revision moved). */
  toGuestMs: number;
  /** Host's push → the host reads the guest's outcome in `applied`. */
  roundTripMs: number;
}

async function measureOverrides(
  browser: Browser,
  server: ServerProcess,
): Promise<{ samples: OverrideSample[]; uploadMs: number | null; parts: number[]; partsOpeningConnection: number[] }> {
  // Through the shared link: Chromium's emulation would leave the WebSocket (the override's path) unthrottled.
  const shared = await startSharedLink(server.url, LINK_PROFILES.slow3g);
  const ctx = await browser.newContext({ baseURL: shared.url });
  const host = decodeClaims(server.hostToken)?.sub ?? 'host';
  const parts: number[] = [];
  /** When each part was sent (Date.now()). */
  const partSentAt: number[] = [];
  /** The host's copy of the stage document: its WebSocket is closed however the measurement ends. */
  let stage: Awaited<ReturnType<typeof hostDoc>> | null = null;
  try {
    const page = await ctx.newPage();
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/recordings/')) {
        parts.push(r.postDataBuffer()?.length ?? 0);
        partSentAt.push(Date.now());
      }
    });
    const cdp = await ctx.newCDPSession(page);
    const { link, interviewId } = await newInvite(server);
    const invite = new URL(link, server.url);
    await guestToFirstQuestion(page, cdp, `${shared.url}${invite.pathname}${invite.search}${invite.hash}`, PROFILES.none!, 1, 'cold');
    // The service worker's precache would fill the downlink for a minute: let it finish on a fast link first.
    shared.setProfile(LINK_PROFILES.none);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    while (shared.backlogMs().down > 0) await new Promise((r) => setTimeout(r, 100));
    shared.setProfile(LINK_PROFILES.slow3g);
    stage = await hostDoc(server, `${interviewId}.stage`);
    const { doc } = stage;
    const applied = doc.getMap<{ ok: boolean }>('applied');
    const samples: OverrideSample[] = [];
    let counter = 0;
    const override = async (duringUpload: boolean): Promise<void> => {
      const id = `bench-override-${process.pid}-${++counter}`;
      const revisionsBefore = await page.evaluate(() => (window as unknown as { __bench: { revisions: unknown[] } }).__bench.revisions.length);
      const sentAt = Date.now();
      // Pause and resume in turn: each changes the guest's stage (a spoken question's clock runs only while recording,
      // so a time extension would be refused here).
      const event = (counter % 2 === 1
        ? { type: 'HOST_PAUSE', actor: { role: 'host', id: host }, at: sentAt, reason: 'Benchmark pause' }
        : { type: 'HOST_RESUME', actor: { role: 'host', id: host }, at: sentAt }) as StageEvent;
      const outcome = new Promise<number>((resolve) => {
        const check = () => {
          if (applied.has(id)) {
            applied.unobserve(check);
            resolve(Date.now());
          }
        };
        applied.observe(check);
      });
      pushHostCommand(doc, { id, event, issuedBy: host, at: sentAt });
      const guestAt = await page.waitForFunction(
        (n) => {
          const r = (window as unknown as { __bench: { revisions: Array<{ at: number }> } }).__bench.revisions;
          return r.length > n ? r[n]!.at : null;
        },
        revisionsBefore,
        { timeout: PHASE_TIMEOUT_MS, polling: 20 },
      );
      const roundTripAt = await withinPhase(outcome, 'no outcome from the guest');
      samples.push({ duringUpload, toGuestMs: Number(await guestAt.jsonValue()) - sentAt, roundTripMs: roundTripAt - sentAt });
    };
    for (let i = 0; i < 2; i++) await override(false);
    const take = await storeFinishedTake(page, { interviewId, questionId: `${interviewId}-q2`, bytes: uploadKiB * 1024 });
    const started = Date.now();
    // Overrides only once bytes are on the wire.
    for (;;) {
      const s = await uploadRow(page, take);
      if (s && s.state === 'uploading') break;
      if (Date.now() - started > PHASE_TIMEOUT_MS) throw new Error('the upload never started');
      await new Promise((r) => setTimeout(r, 100));
    }
    let uploadMs: number | null = null;
    for (let i = 0; i < overrideCount; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      const before = await uploadRow(page, take);
      if (before?.state === 'uploaded') break;
      await override(true);
      const after = await uploadRow(page, take);
      // Only a sample whose whole trip overlapped the upload counts as "during".
      if (after?.state === 'uploaded') samples[samples.length - 1]!.duringUpload = false;
    }
    for (;;) {
      const s = await uploadRow(page, take);
      if (s?.state === 'uploaded') {
        uploadMs = Date.now() - started;
        break;
      }
      if (s?.state === 'failed' || Date.now() - started > 10 * PHASE_TIMEOUT_MS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    // A part that opened a connection paid the link's handshake (a round trip) inside its time: which ones (1 = the first).
    const partsOpeningConnection = shared
      .openedBy()
      .filter((c) => c.request.startsWith('PATCH ') && c.request.includes('/recordings/'))
      // The part sent nearest the connection's opening (the page's request event reaches the bench a little later).
      .map((c) => partSentAt.reduce((best, at, i) => (Math.abs(at - c.at) < Math.abs(partSentAt[best]! - c.at) ? i : best), 0) + 1);
    return { samples, uploadMs, parts, partsOpeningConnection };
  } finally {
    stage?.close();
    await ctx.close();
    await shared.close();
  }
}

// ---------------------------------------------------------------------------

const kib = (b: number) => (b / 1024).toFixed(1);
const sec = (ms: number) => (ms / 1000).toFixed(2);

async function main(): Promise<void> {
  const server = await startServer({ env: { STATIC_DIR: staticDir! } });
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'],
  });
  const report: { staticDir: string; uptime: string; phases: PhaseResult[]; overrides?: { samples: OverrideSample[]; uploadMs: number | null; uploadKiB: number; parts: number[]; partsOpeningConnection: number[] } } = {
    staticDir: staticDir!,
    uptime: os.loadavg().map((l) => l.toFixed(2)).join(', '),
    phases: [],
  };
  try {
    if (!OVERRIDE_ONLY) {
      const all: PhaseResult[] = [];
      for (const cpu of cpuRates) {
        for (const name of profileNames) {
          for (let i = 0; i < runs; i++) {
            const cell = await measureCell(browser, server, PROFILES[name]!, cpu);
            for (const r of cell) console.log(`  ${r.profile} cpu ${r.cpu}x ${r.cache}: check ${sec(r.checkMs)} s, intro ${sec(r.introMs)} s, question ${sec(r.questionMs)} s`);
            all.push(...cell);
          }
        }
      }
      report.phases = summarise(all);
      console.log(`\nWhat a guest waits (${staticDir}; median of ${runs}; load average ${report.uptime}):`);
      console.log('| Network | CPU | Cache | Technical check interactive | Intro | First question | KiB to the check | KiB check → intro | KiB intro → question | WebSocket KiB |');
      console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
      for (const r of report.phases) {
        console.log(`| ${r.profile} | ${r.cpu}x | ${r.cache} | ${sec(r.checkMs)} s | ${sec(r.introMs)} s | ${sec(r.questionMs)} s | ${kib(r.bytes.check)} | ${kib(r.bytes.intro)} | ${kib(r.bytes.question)} | ${kib(r.wsBytes)} |`);
      }
    }
    if (!NO_OVERRIDE) {
      const o = await measureOverrides(browser, server);
      report.overrides = { ...o, uploadKiB };
      const during = o.samples.filter((s) => s.duringUpload);
      const idle = o.samples.filter((s) => !s.duringUpload);
      const fmt = (xs: number[]) => (xs.length ? `${xs.map(sec).join(', ')} s (max ${sec(Math.max(...xs))} s)` : 'none');
      console.log(`\nHost override → guest on Slow 3G through the shared link (${uploadKiB} KiB take uploading in ${o.parts.length} parts of ${kib(Math.min(...o.parts))}–${kib(Math.max(...o.parts))} KiB, ${o.partsOpeningConnection.length ? `part ${o.partsOpeningConnection.join(', ')} on a new connection` : 'none on a new connection'}; upload took ${o.uploadMs === null ? 'unknown' : sec(o.uploadMs) + ' s'}):`);
      console.log(`  no upload:     to the guest ${fmt(idle.map((s) => s.toGuestMs))}; host reads the outcome ${fmt(idle.map((s) => s.roundTripMs))}`);
      console.log(`  during upload: to the guest ${fmt(during.map((s) => s.toGuestMs))}; host reads the outcome ${fmt(during.map((s) => s.roundTripMs))}`);
    }
    if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(report, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
