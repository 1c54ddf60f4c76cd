/**
 * The guest's side in end-to-end tests: fixtures that launch Chromium with a
 * fake microphone fed from a spoken WAV (or with the permission denied), a host
 * acting through the real sync server (plan, invite, overrides), steps that
 * read as the guest's, and readers of what the guest's IndexedDB really holds.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Route } from '@playwright/test';
import { test as base, expect } from '../fixtures';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../support/browser';
import type { ServerProcess } from '../../support/server-process';
import { speechWav } from '../../support/speech';
import { writePlan } from '../../../src/sync/plan-doc';
import { pushHostCommand, readStageState } from '../../../src/sync/stage-doc';
import { decodeClaims } from '../../../src/auth/token-claims';
import type { InterviewPlan } from '../../../src/domain/interview';
import type { Question } from '../../../src/domain/questions';
import type { StageEvent, StageState } from '../../../src/domain/stage';
import type { GuestEvent } from '../../../src/guest/session';

/** What the fake microphone says, over and over (Chromium loops the file). */
export const SPOKEN_ANSWER =
  'A cache keeps recent results close to the reader, so repeated requests are fast. When the data changes, the cache entry must be invalidated.';

export interface GuestWorkerFixtures {
  /** Chromium whose microphone is a fake device playing SPOKEN_ANSWER, permission granted. */
  micBrowser: Browser;
  /** Chromium with a fake device but every permission prompt denied: the guest must grant the microphone. */
  deniedBrowser: Browser;
}

export interface GuestFixtures {
  /** A new profile (own IndexedDB) in `micBrowser`, on the server. */
  guestContext: (options?: { browser?: 'mic' | 'denied'; viewport?: { width: number; height: number } }) => Promise<BrowserContext>;
}

function launch(extra: string[]): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: [...CHROMIUM_ARGS, ...extra] });
}

export const test = base.extend<GuestFixtures, GuestWorkerFixtures>({
  micBrowser: [
    async ({}, use) => {
      const wav = speechWav(SPOKEN_ANSWER);
      const browser = await launch([
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-audio-capture=${wav}`,
        '--autoplay-policy=no-user-gesture-required',
      ]);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  deniedBrowser: [
    async ({}, use) => {
      const wav = speechWav(SPOKEN_ANSWER);
      const browser = await launch(['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--deny-permission-prompts']);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  guestContext: async ({ micBrowser, deniedBrowser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const browser = options.browser === 'denied' ? deniedBrowser : micBrowser;
      const ctx = await browser.newContext({ baseURL: server.url, ...(options.viewport ? { viewport: options.viewport } : {}) });
      contexts.push(ctx);
      return ctx;
    });
    for (const c of contexts) await c.close().catch(() => undefined);
  },
});

export { expect };

// ---------------------------------------------------------------------------
// The host, acting through the real server from Node.

const common = { archetypes: ['backend' as const], depths: ['standard' as const], difficulty: 2, source: 'host' as const };

export function spokenQuestion(id: string, prompt: string, timeLimitSec = 120): Question {
  return {
    ...common,
    id,
    kind: 'spoken',
    topic: 'caching',
    prompt,
    referenceAnswer: 'A cache keeps results near the reader and must be invalidated when data changes.',
    keyConcepts: ['cache', 'invalidation', 'latency'],
    timeLimitSec,
  };
}

export function mcqQuestion(id: string, timeLimitSec = 90): Question {
  return {
    ...common,
    id,
    kind: 'mcq',
    topic: 'http',
    prompt: 'Which HTTP status code means the resource was not found?',
    options: ['200 OK', '301 Moved Permanently', '404 Not Found', '500 Internal Server Error'],
    correctIndex: 2,
    explanation: '404 is the status for a missing resource.',
    timeLimitSec,
  };
}

export function codingQuestion(id: string, timeLimitSec = 600): Question {
  return {
    ...common,
    id,
    kind: 'coding',
    topic: 'arrays',
    title: 'Sum of an array',
    statement: 'Write a function that returns the sum of all numbers in the given array.',
    language: 'javascript',
    functionName: 'sum',
    signature: 'sum(values: number[]): number',
    starterCode: 'function sum(values) {\n  // your code\n}\n',
    referenceSolution: 'function sum(values) { return values.reduce((a, b) => a + b, 0); }',
    exampleTests: [{ args: [[1, 2, 3]], expected: 6 }],
    hiddenTests: [
      { args: [[]], expected: 0 },
      { args: [[-1, 1]], expected: 0 },
    ],
    timeLimitSec,
  };
}

export function planOf(id: string, questions: Question[], durationMin = 15): InterviewPlan {
  const now = Date.now();
  return {
    meta: { id, title: `Interview ${id}`, archetype: 'backend', depth: 'standard', durationMin, createdAt: now, updatedAt: now, status: 'published', version: 1, seed: 1 },
    questions,
  };
}

function syncUrl(server: ServerProcess): string {
  return `${server.url.replace(/^http/, 'ws')}/sync`;
}

/** A stock y-websocket client from Node, as the host's device would be. */
export async function hostDoc(server: ServerProcess, name: string): Promise<{ doc: Y.Doc; close(): void }> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(syncUrl(server), name, doc, {
    params: { token: server.hostToken },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no sync with ${name}`)), 15_000);
    provider.once('sync', () => {
      clearTimeout(t);
      resolve();
    });
  });
  return {
    doc,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the server has `check` true on a fresh copy of the document (so a write really reached it). */
export async function serverSees(server: ServerProcess, name: string, check: (doc: Y.Doc) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const copy = await hostDoc(server, name);
    const ok = check(copy.doc);
    copy.close();
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error(`the server never had: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Publishes a plan through the sync server, as the host's device does, and waits until the server has it. */
export async function publishPlanDocs(server: ServerProcess, plan: InterviewPlan): Promise<void> {
  const id = plan.meta.id;
  const planDoc = await hostDoc(server, `${id}.plan`);
  const keyDoc = await hostDoc(server, `${id}.key`);
  writePlan(planDoc.doc, keyDoc.doc, plan);
  await serverSees(server, `${id}.plan`, (d) => d.getArray('questions').length === plan.questions.length, 'the plan');
  planDoc.close();
  keyDoc.close();
}

/** Publishes a plan through the sync server and returns a guest invite link for it. */
export async function publishAndInvite(server: ServerProcess, plan: InterviewPlan, guestName: string): Promise<string> {
  await publishPlanDocs(server, plan);
  return inviteLink(server, plan.meta.id, 'guest', guestName);
}

/** An invite link for any role, issued with the host's token as the host's screen does. */
export async function inviteLink(server: ServerProcess, interviewId: string, role: string, subject: string): Promise<string> {
  const res = await fetch(`${server.url}/api/invites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.hostToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ interviewId, role, subject }),
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { url: string }).url;
}

let commandCounter = 0;

/** A host override, sent the way the staff screen sends it: appended to the stage document's commands. */
export async function sendHostCommand(server: ServerProcess, interviewId: string, event: GuestEvent): Promise<string> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const id = `cmd-${process.pid}-${++commandCounter}-${Date.now()}`;
  // The server takes a command only in the name of the token that writes it.
  const host = decodeClaims(server.hostToken)?.sub ?? 'host';
  pushHostCommand(stage.doc, { id, event: { ...event, actor: { role: 'host', id: host }, at: Date.now() } as StageEvent, issuedBy: host, at: Date.now() });
  await serverSees(server, `${interviewId}.stage`, (d) => d.getArray('commands').toArray().some((c) => (c as { id: string }).id === id), 'the command');
  stage.close();
  return id;
}

/** The guest's state as the server's copy of the stage document has it. */
export async function serverStageState(server: ServerProcess, interviewId: string): Promise<StageState | null> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const state = readStageState(stage.doc);
  stage.close();
  return state;
}

export async function commandResult(server: ServerProcess, interviewId: string, id: string): Promise<{ ok: boolean; reason: string | null } | undefined> {
  const stage = await hostDoc(server, `${interviewId}.stage`);
  const result = stage.doc.getMap<{ ok: boolean; reason: string | null }>('applied').get(id);
  stage.close();
  return result;
}

// ---------------------------------------------------------------------------
// The guest's steps.

/** The PWA's "ready to work offline" toast sits over the bottom of small screens: dismiss it whenever it shows up, as a guest would. */
export async function dismissOfflineToast(page: Page): Promise<void> {
  await page.addLocatorHandler(page.getByTestId('offline-ready'), async (toast) => {
    await toast.getByRole('button', { name: 'Dismiss' }).click();
  });
}

export async function openInvite(page: Page, link: string): Promise<void> {
  await dismissOfflineToast(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
}

export async function expectMicReady(page: Page): Promise<void> {
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
}

export async function passTechCheck(page: Page): Promise<void> {
  await expectMicReady(page);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
}

export async function consentAndStart(page: Page, consent: { recording: boolean; aiScoring: boolean } = { recording: true, aiScoring: true }): Promise<void> {
  await page.getByRole('radio', { name: consent.recording ? 'Yes, record my voice while I answer' : 'No, I will type my answers instead' }).check();
  await page.getByRole('radio', { name: consent.aiScoring ? /^Yes, AI may/ : 'No, only people review my answers' }).check();
  await page.getByRole('button', { name: 'Start Interview' }).click();
  await expect(page.getByTestId('question-position')).toBeVisible();
}

export async function expectQuestion(page: Page, position: number, total: number): Promise<void> {
  await expect(page.getByTestId('question-position')).toHaveText(`Question ${position} of ${total}`);
}

/** Presses Record and waits until at least `seconds` of audio are stored on the device. */
export async function startRecording(page: Page, seconds: number, button = 'Record answer'): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByTestId('listening')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('stored-ms').getAttribute('data-stored-ms')), { timeout: seconds * 1000 + 15_000 })
    .toBeGreaterThanOrEqual(seconds * 1000);
}

export async function recordAnswer(page: Page, seconds: number, button = 'Record answer'): Promise<void> {
  await startRecording(page, seconds, button);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByTestId('answer-stored')).toBeVisible();
}

/** A recorded answer is stored and either queued for processing or already processed (the app registers the on-device AI processor). */
export const RECORDED = /^(processing|answered)$/;

/**
 * Holds back the speech model list (the first thing the on-device processor
 * asks for), so a recorded answer stays in processing until `release` is
 * called: a slow network, made deterministic.
 */
export async function holdProcessing(page: Page): Promise<{ release(): Promise<void> }> {
  const held: Array<Route> = [];
  const handler = (route: Route) => {
    held.push(route);
  };
  await page.route('**/models/manifest.json', handler);
  return {
    async release() {
      await page.unroute('**/models/manifest.json', handler);
      for (const r of held.splice(0)) await r.continue().catch(() => undefined);
    },
  };
}

export async function nextQuestion(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Next question|Finish interview)$/ }).click();
}

/** The page never scrolls sideways (phone-sized screens). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

// ---------------------------------------------------------------------------
// What the guest's IndexedDB holds (read with the raw API: no app code involved).

export interface StoredTake {
  id: string;
  questionId: string;
  status: string;
  durationMs: number;
  bytes: number;
  startedAt: number;
  mimeType: string;
  chunks: Array<{ seq: number; endMs: number; size: number }>;
}

export async function storedTakes(page: Page): Promise<StoredTake[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = <T,>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const r = db.transaction(store, 'readonly').objectStore(store).getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(r.error);
      });
    type Rec = { id: string; questionId: string; status: string; durationMs: number; bytes: number; startedAt: number; mimeType: string };
    type Chunk = { recordingId: string; seq: number; endMs: number; data: Blob };
    const recs = await all<Rec>('recordings');
    const chunks = await all<Chunk>('audioChunks');
    db.close();
    return recs.map((r) => ({
      ...r,
      chunks: chunks
        .filter((c) => c.recordingId === r.id)
        .sort((a, b) => a.seq - b.seq)
        .map((c) => ({ seq: c.seq, endMs: c.endMs, size: c.data.size })),
    }));
  });
}

/** Decodes a stored take's chunks, in order, with Web Audio: the real length of the audio kept. */
export async function decodedSeconds(page: Page, recordingId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const rec = await new Promise<{ mimeType: string }>((resolve, reject) => {
      const r = db.transaction('recordings', 'readonly').objectStore('recordings').get(id);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const chunks = await new Promise<Array<{ recordingId: string; seq: number; data: Blob }>>((resolve, reject) => {
      const r = db.transaction('audioChunks', 'readonly').objectStore('audioChunks').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    const parts = chunks.filter((c) => c.recordingId === id).sort((a, b) => a.seq - b.seq).map((c) => c.data);
    const bytes = await new Blob(parts, { type: rec.mimeType }).arrayBuffer();
    const ctx = new OfflineAudioContext(1, 1, 48_000);
    const audio = await ctx.decodeAudioData(bytes);
    return audio.duration;
  }, recordingId);
}

export async function localStageState(page: Page, interviewId: string): Promise<StageState> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const row = await new Promise<{ value: unknown }>((resolve, reject) => {
      const r = db.transaction('kv', 'readonly').objectStore('kv').get(key);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return row.value as never;
  }, `stage:${interviewId}`);
}

export async function putKv(page: Page, key: string, value: unknown): Promise<void> {
  await page.evaluate(
    async ({ key, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('interq');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('kv', 'readwrite');
        tx.objectStore('kv').put({ key, value });
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { key, value },
  );
}

export async function getKv(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const row = await new Promise<{ value: unknown } | undefined>((resolve, reject) => {
      const r = db.transaction('kv', 'readonly').objectStore('kv').get(k);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return row?.value ?? null;
  }, key);
}
