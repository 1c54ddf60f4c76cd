/**
 * `npm run bench:admin [-- --candidates N --requests M --page-loads P --chat-messages C --chat-draws D --reactions R
 * --audience-questions Q --code-comments K --list-draws L]`: seeds N
 * candidate interviews (default 10,000; 10 answers each) through the server's own write path (collab openDoc: stored
 * in SQLite, projected by the hooks; answer audio through the recording store; each guest's invite through the invite
 * API), waits for the server's statuses and offline syntheses, then reports the time to rebuild the results
 * projection from scratch (wall and CPU time), the list/filter API p50/p99 over HTTP, the metrics, and the time to
 * interactive of the results list and a candidate page in headless Chromium (the built app in dist/: run
 * `npm run build` first). Then the staff chat of a long live session: one more interview whose staff document holds C
 * messages of 2,000 characters (default 1,100, the offline-catch-up spec's 2.2 MB; 0 skips it), opened by the host in
 * Chromium, and D times each (default 5): the Chat tab drawn from scratch (a click on it from Reactions until the
 * newest message is shown and a frame has gone by) and a message sent from its form until drawn (bench-admin/chat-draw.ts).
 * Then the other lists of a long session (bench-admin/staff-lists.ts), L times each (default 5; 0 skips them): R
 * reactions on the question in view (default 1,000: three staff reacting every 10 s through an hour on one question),
 * Q audience questions of 500 characters waiting for review and Q approved (default 1,000 each: hundreds of viewers
 * asking a few each), K comments of 2,000 characters on the coding question's lines (default 300); timed: the
 * Reactions and Q&A tabs drawn from scratch, a reaction added, a waiting question approved, a code comment added.
 * Then the same session's audience screen, through an audience invite (the approved queue of Q questions in full):
 * a character typed into the question field until drawn, and a question submitted until shown under "Your questions".
 * `--no-browser` skips the pages and the chat.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../sync-server/config';
import { startAppServer } from '../sync-server/app-server';
import { createHash } from 'node:crypto';
import { CHROMIUM_ARGS, chromiumExecutable } from '../tests/support/browser';
import { createRecordingStore } from '../sync-server/uploads/sqlite-recording-store';
import { seedInterview } from '../tests/support/results-seed';
import { postChatMessage } from '../src/sync/staff-doc';
import { docName } from '../src/domain/access';
import { chatDrawTimes, chatNote } from './bench-admin/chat-draw';
import { audienceTimes, seedStaffLists, staffListTimes, type StaffListSizes } from './bench-admin/staff-lists';
import { fetchUnpooled } from '../tests/support/fetch-unpooled';
import { arg, flag, refuseUnknownOptions } from './cli-arg';

const count = (name: string, dflt: number) => Number(arg(name, String(dflt)));
const N = count('candidates', 10_000);
const REQUESTS = count('requests', 200);
const PAGE_LOADS = count('page-loads', 5);
const CHAT_MESSAGES = count('chat-messages', 1100);
const CHAT_DRAWS = count('chat-draws', 5);
const LISTS: StaffListSizes = { reactions: count('reactions', 1000), questions: count('audience-questions', 1000), comments: count('code-comments', 300) };
const LIST_DRAWS = count('list-draws', 5);
const BROWSER = !flag('no-browser');
refuseUnknownOptions('the comment at the top of scripts/bench-admin.ts');

interface PageTarget {
  name: string;
  path: string;
  /** The element a person acts on first: a CSS selector, and the text it must contain (if any). */
  selector: string;
  text?: string;
}

/**
 * Runs in the page before its own scripts (an init script): watches the DOM and, the first time the target element
 * is in it, visible and enabled, prints `interq-tti <ms since the navigation started>` to the console. Timed in the
 * page itself, so neither a round trip to this process nor Playwright's selector engine (which it injects into the
 * page it waits in) is counted in the page's time.
 */
function readyProbe(targets: PageTarget[]): void {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  const target = targets.find((t) => t.path === window.location.pathname);
  if (!target) return;
  const observer = new MutationObserver(() => {
    const ready = [...document.querySelectorAll(target.selector)].some(
      (el) =>
        (target.text === undefined || (el.textContent ?? '').includes(target.text)) &&
        !(el as HTMLButtonElement).disabled &&
        el.getClientRects().length > 0 &&
        getComputedStyle(el).visibility !== 'hidden',
    );
    if (!ready) return;
    observer.disconnect();
    console.log(`interq-tti ${performance.now()}`);
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

/**
 * Time to interactive in Chromium: from the navigation's start until the element a person acts on first is
 * visible and enabled (readyProbe). The host link is opened once before, so the token is stored as on a host's
 * device; each load is a fresh navigation of the same tab.
 */
async function pageTimes(url: string, hostLink: string, targets: PageTarget[]): Promise<Record<string, number[]>> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ baseURL: url });
    await page.goto(hostLink);
    await page.getByRole('heading', { name: 'Your interviews' }).waitFor({ timeout: 60_000 });
    await page.addInitScript(readyProbe, targets);
    const out: Record<string, number[]> = {};
    for (const t of targets) {
      out[t.name] = [];
      for (let i = 0; i <= PAGE_LOADS; i++) {
        const ready = page.waitForEvent('console', { predicate: (m) => m.text().startsWith('interq-tti '), timeout: 60_000 });
        await page.goto(t.path, { waitUntil: 'commit' });
        const ms = Number((await ready).text().split(' ')[1]);
        // The first load fills the browser's caches (the service worker's precache); the rest are what a host sees daily.
        if (i > 0) out[t.name]!.push(ms);
      }
    }
    return out;
  } finally {
    await browser.close();
  }
}

/**
 * GET with the host's token, on a connection of its own (fetchUnpooled): a kept-alive connection idle through the
 * rebuild could be found closed by the server as it is reused (Node's fetch ages idle connections by a clock that a
 * busy event loop holds back; tests/support/fetch-unpooled.ts says how).
 */
async function get(url: string, token: string): Promise<void> {
  const r = await fetchUnpooled(url, { Authorization: `Bearer ${token}` });
  if (r.status < 200 || r.status > 299) throw new Error(`${url}: ${r.status}`);
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-admin-'));
  // STATIC_DIR picks the build the pages come from (an A/B of two builds); ./dist without it.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_QUIET: '1', ...(process.env.STATIC_DIR ? { STATIC_DIR: process.env.STATIC_DIR } : {}) }, process.cwd(), []);
  console.log(`pages from ${config.staticDir}`);
  const server = await startAppServer(config, () => undefined);
  if (!server.hostLink) throw new Error('A fresh data folder should print a host link.');
  if (BROWSER && !fs.existsSync(path.join(config.staticDir, 'index.html'))) throw new Error(`No built app in ${config.staticDir}: run npm run build first (or pass --no-browser).`);
  const host = server.hostLink.split('#host=')[1]!;
  // Uploads go through the server's recording store (what the upload routes call): the status counts only those.
  const recordings = createRecordingStore(server.db);
  const audio = Buffer.alloc(1000, 7);
  const sha256 = createHash('sha256').update(audio).digest('hex');
  const upload = (iid: string) => async (r: { recordingId: string; questionId: string }) => {
    await recordings.create(iid, { ...r, mimeType: 'audio/webm', totalBytes: audio.length, sha256, durationMs: 30_000 }, 'guest-1');
    await recordings.append(iid, r.recordingId, 0, audio);
  };
  // Each candidate's name is the guest invite's subject, issued through the invite API as the host's screen does.
  const invite = (k: number) =>
    fetch(`${server.url}/api/invites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ interviewId: `bench-${k}`, role: 'guest', subject: `Candidate ${k}` }),
    }).then((r) => {
      if (r.status !== 201) throw new Error(`Invite for bench-${k} refused: ${r.status}`);
    });
  const t0 = performance.now();
  for (let k = 0; k < N; k++) {
    await seedInterview(server.collab.openDoc, {
      interviewId: `bench-${k}`,
      seed: 1 + (k % 50),
      maxQuestions: 10,
      startAt: Date.UTC(2026, 0, 1) + k * 60_000,
      aiScore: (i) => (k * 7 + i * 3) % 6,
      ratings: k % 3 === 0 ? [{ questionIndex: 0, by: 'host', role: 'host', score: k % 6 }] : [],
      reactions: k % 4,
      chat: 1,
      micFailure: k % 10 === 0,
      upload: upload(`bench-${k}`),
    });
    // One at a time: thousands in flight at once time out while the server projects and synthesizes.
    await invite(k);
    if (k % 500 === 499) process.stderr.write(`seeded ${k + 1}\n`);
  }
  server.projector.flush();
  const seedMs = performance.now() - t0;
  // The wrap-up computes each interview's status and makes its offline synthesis after the documents settle: wait for it.
  const settled = () => (server.db.prepare("SELECT COUNT(*) AS n FROM interview_status WHERE status = 'synthesized'").get() as { n: number }).n;
  while (settled() < N) {
    if (performance.now() - t0 > 3_600_000) throw new Error(`Only ${settled()} of ${N} interviews synthesized after an hour.`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const statusMs = performance.now() - t0 - seedMs;
  const cpu = process.cpuUsage();
  const rebuild = await server.projector.rebuild();
  const rebuildCpuMs = ((u) => (u.user + u.system) / 1000)(process.cpuUsage(cpu));
  const firstStart = performance.now();
  await get(`${server.url}/api/admin/results?limit=100`, host);
  const firstMs = performance.now() - firstStart;
  const paths = [
    '/api/admin/results?limit=100',
    '/api/admin/results?sort=ai&dir=desc&limit=100&offset=5000',
    '/api/admin/results?status=synthesized&archetype=frontend&limit=100',
    '/api/admin/results?q=bench-99&limit=50',
    '/api/admin/results?review=pending&sort=human&limit=100',
  ];
  const times: Record<string, number[]> = {};
  for (const p of paths) {
    times[p] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      await get(`${server.url}${p}`, host);
      times[p]!.push(performance.now() - s);
    }
  }
  const mStart = performance.now();
  await get(`${server.url}/api/admin/metrics`, host);
  const metricsMs = performance.now() - mStart;
  const pagesMs = BROWSER
    ? await pageTimes(server.url, server.hostLink, [
        { name: 'results list', path: '/admin/results', selector: '.results-row:not(.results-head) a' },
        { name: 'candidate page', path: `/admin/results/bench-${Math.floor(N / 2)}/${encodeURIComponent(`Candidate ${Math.floor(N / 2)}`)}`, selector: 'button', text: 'Save rating' },
      ])
    : {};
  let chat: Awaited<ReturnType<typeof chatDrawTimes>> | null = null;
  if (BROWSER && CHAT_MESSAGES > 0) {
    // A session still running (after its first question), its staff chat written through the server's write path.
    await seedInterview(server.collab.openDoc, { interviewId: 'bench-chat', seed: 3, maxQuestions: 4, startAt: Date.now() - 3_600_000, stopAfter: 1 });
    const staff = await server.collab.openDoc(docName('bench-chat', 'staff'));
    staff.transact(() => {
      for (let k = 0; k < CHAT_MESSAGES; k++) {
        const r = postChatMessage(staff, chatNote(k), k % 2 ? { by: 'Ivan Interviewer', role: 'interviewer' } : { by: 'host', role: 'host' }, Date.now() - (CHAT_MESSAGES - k) * 1000);
        if (!r.ok) throw new Error(r.reason);
      }
    });
    chat = await chatDrawTimes(server.url, server.hostLink, 'bench-chat', CHAT_MESSAGES, CHAT_DRAWS);
  }
  let lists: Awaited<ReturnType<typeof staffListTimes>> | null = null;
  let audience: Awaited<ReturnType<typeof audienceTimes>> | null = null;
  if (BROWSER && LIST_DRAWS > 0) {
    await seedStaffLists(server.collab.openDoc, 'bench-lists', LISTS);
    lists = await staffListTimes(server.url, server.hostLink, 'bench-lists', LISTS, LIST_DRAWS);
    const invite = await fetch(`${server.url}/api/invites`, { method: 'POST', headers: { Authorization: `Bearer ${host}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ interviewId: 'bench-lists', role: 'audience', subject: 'Bench Viewer' }) });
    if (invite.status !== 201) throw new Error(`The audience invite failed: ${invite.status} ${await invite.text()}`);
    // The link names the configured public address (port 0 here): its path and token, on the server's real one.
    const link = new URL(((await invite.json()) as { url: string }).url);
    audience = await audienceTimes(`${server.url}${link.pathname}${link.hash}`, LISTS.questions, LIST_DRAWS);
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const all = Object.values(times).flat();
  console.log(`candidates ${N} × 10 answers; seeded through openDoc in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`statuses and offline syntheses settled ${(statusMs / 1000).toFixed(1)} s after the last seed`);
  console.log(`projection rebuilt from scratch: ${rebuild.applied} documents in ${rebuild.ms} ms (${(rebuild.ms / Math.max(1, rebuild.applied)).toFixed(2)} ms per document; CPU time ${(rebuildCpuMs / Math.max(1, rebuild.applied)).toFixed(2)} ms per document); first list request after it ${firstMs.toFixed(0)} ms`);
  for (const p of paths) console.log(`${p}: p50 ${pct(times[p]!, 50).toFixed(1)} ms, p99 ${pct(times[p]!, 99).toFixed(1)} ms`);
  console.log(`all list queries: p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms; metrics ${metricsMs.toFixed(0)} ms`);
  for (const [name, xs] of Object.entries(pagesMs)) console.log(`${name} time to interactive in Chromium: median ${pct(xs, 50).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms over ${xs.length} loads`);
  if (chat) {
    const line = (xs: number[]) => `median ${pct(xs, 50).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms over ${xs.length}`;
    console.log(`staff chat of ${CHAT_MESSAGES} messages × 2,000 characters: first shown ${chat.firstShownMs.toFixed(0)} ms after the session page's navigation (document sync included)`);
    console.log(`  Chat tab drawn from scratch: ${line(chat.tabMs)}; ${chat.elements} list items in the page`);
    console.log(`  a sent message drawn: ${line(chat.sendMs)}`);
  }
  if (lists) {
    const line = (xs: number[]) => (xs.length ? `median ${pct(xs, 50).toFixed(0)} ms, worst ${Math.max(...xs).toFixed(0)} ms over ${xs.length}` : 'not timed');
    const e = lists.elements;
    console.log(`staff lists of a long session: ${LISTS.reactions} reactions on the question in view, ${LISTS.questions} audience questions waiting and ${LISTS.questions} approved (500 characters), ${LISTS.comments} code comments (2,000 characters)`);
    const fine = (xs: number[]) => `median ${pct(xs, 50).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`  Reactions tab drawn from scratch: ${line(lists.reactionsTabMs)}; ${e.reactions} reactions in the page once settled; the click handled (render and commit): ${fine(lists.reactionsTabHandledMs)}, drawing ${pct(lists.reactionsTabDrawnByClick, 50)} reactions in ${pct(lists.reactionsTabCommits, 50)} commits (medians)`);
    console.log(`  a reaction added, drawn: ${line(lists.reactMs)}`);
    console.log(`  Q&A tab drawn from scratch: ${line(lists.qaTabMs)}; ${e.pending} waiting and ${e.queue} approved in the page; the click handled: ${fine(lists.qaTabHandledMs)}`);
    console.log(`  a waiting question approved, drawn: ${line(lists.approveMs)}`);
    console.log(`  a code comment added, drawn: ${line(lists.commentMs)}; ${e.comments} comments in the page`);
  }
  if (audience) {
    const line = (xs: number[]) => `median ${pct(xs, 50).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms over ${xs.length}`;
    console.log(`audience screen of the same session (${LISTS.questions} approved): ${audience.elements.mine} of the viewer's own and ${audience.elements.approved} approved list items in the page`);
    console.log(`  a character typed into "Your question", drawn: ${line(audience.keystrokeMs)}; its input event rendered: ${line(audience.keystrokeRenderMs)}`);
    console.log(`  a question submitted, shown in "Your questions": ${line(audience.submitMs)}`);
  }
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
