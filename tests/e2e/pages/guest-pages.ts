/**
 * The guest's side in end-to-end tests: a guest's profile in the suite's
 * Chromium with a fake microphone fed from a spoken WAV (or with the permission
 * denied; both launched in ../fixtures.ts), a host
 * acting through the real sync server (plan, invite, overrides), steps that
 * read as the guest's, and readers of what the guest's IndexedDB really holds.
 */
import type { BrowserContext, Page, Route } from '@playwright/test';
import { test as base, expect, SPOKEN_ANSWER } from '../fixtures';
import type { StageState } from '../../../src/domain/stage';

export { SPOKEN_ANSWER };

export interface GuestFixtures {
  /** A new profile (own IndexedDB) in the fixtures' `micBrowser` (or `deniedBrowser`), on the server. */
  guestContext: (options?: { browser?: 'mic' | 'denied'; viewport?: { width: number; height: number } }) => Promise<BrowserContext>;
}

// Test-scoped only: the worker fixtures (server, browsers) are the suite's one set in ../fixtures.ts.
export const test = base.extend<GuestFixtures>({
  guestContext: async ({ micBrowser, deniedBrowser, server, openProfile }, use) => {
    await use(async (options = {}) => {
      const browser = options.browser === 'denied' ? deniedBrowser : micBrowser;
      return openProfile(browser, { baseURL: server.url, ...(options.viewport ? { viewport: options.viewport } : {}) });
    });
  },
});

export { expect };

// ---------------------------------------------------------------------------
// The host, acting through the real server from Node.

export {
  codingQuestion,
  commandResult,
  hostDoc,
  inviteLink,
  mcqQuestion,
  planOf,
  publishAndInvite,
  publishPlanDocs,
  sendHostCommand,
  serverSees,
  serverStageState,
  spokenQuestion,
} from '../../support/host-actions';

// ---------------------------------------------------------------------------
// The guest's steps.

/** The PWA's "ready to work offline" note: dismiss it whenever it shows up, as a guest would. */
export async function dismissOfflineToast(page: Page): Promise<void> {
  // A click from the page's own script: a real click would take the keyboard focus from what the test is typing in.
  await page.addLocatorHandler(page.getByTestId('offline-ready'), async (toast) => {
    await toast.getByRole('button', { name: 'Dismiss' }).evaluate((button) => (button as HTMLButtonElement).click());
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

/**
 * From the invite link to a coding question's editor, ready to type: the plan's first question must be the coding
 * one. Waits up to 60 s for each step (the editor and the first page load are slow on a busy machine).
 */
export async function guestAtCodingQuestion(page: Page, link: string): Promise<void> {
  await dismissOfflineToast(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready', { timeout: 60_000 });
  await passTechCheck(page);
  await consentAndStart(page);
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready', { timeout: 60_000 });
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
