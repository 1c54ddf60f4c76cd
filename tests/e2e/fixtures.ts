/**
 * Playwright fixtures: a real InterQ server per worker (own port, own data
 * folder), the Chromiums with a fake microphone the guest's specs need, and
 * helpers to open the app as the host or as a guest in separate browser
 * contexts (separate profiles: separate IndexedDB, like two people).
 *
 * Every worker-scoped fixture of the suite is defined here, in one `test`:
 * Playwright runs specs whose `test`s differ in worker fixtures in different
 * workers, and starts a new worker (with its own server and browsers) each time
 * it moves between them. Worker fixtures start only when a test asks for one,
 * so a spec that needs no server or fake microphone pays nothing for them.
 * Specs add test-scoped fixtures freely (pages/guest-pages.ts,
 * pages/live-guest-pages.ts): those do not split the workers.
 */
import { chromium, test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable, testChromiumExecutable } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { speechWav } from '../support/speech';

export interface Fixtures {
  /**
   * Whether this test's browser profiles run the app's service worker. Off by default: every new profile would
   * otherwise register it and precache the whole app (62 files, about 1.7 MB) while the test runs, the suite's
   * largest single cost in Chromium, for nothing a test without the network off looks at. A test that goes offline,
   * reloads or navigates without the network, or reads the service worker, its caches or the "ready to work
   * offline" note says so with `test.use({ offlineCapable: true })`. Its profiles then run the service worker
   * exactly as a person's browser does. A profile without it refuses `setOffline(true)` with a sentence saying so.
   */
  offlineCapable: boolean;
  /**
   * Opens a new browser profile (own IndexedDB, caches, service workers) in `browser`, with this test's
   * service-worker setting, closed when the test ends. Every profile of the suite opens through it.
   */
  openProfile: (browser: Browser, options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** Opens a new browser profile on the server, in the suite's plain Chromium. */
  newProfile: () => Promise<BrowserContext>;
}

/** What the guest's fake microphone says, over and over (Chromium loops the file). */
export const SPOKEN_ANSWER =
  'A cache keeps recent results close to the reader, so repeated requests are fast. When the data changes, the cache entry must be invalidated.';

export interface WorkerFixtures {
  server: ServerProcess;
  /** Chromium whose microphone is a fake device playing SPOKEN_ANSWER, permission granted. */
  micBrowser: Browser;
  /** Chromium with a fake device but every permission prompt denied: the guest must grant the microphone. */
  deniedBrowser: Browser;
  /** Chromium whose fake microphone beeps (no capture file), permission granted: enough for the technical check. */
  beepMicBrowser: Browser;
  /** Chromium that plays audio without a user gesture and has no fake devices (asr-worker.spec.ts's harness). */
  autoplayBrowser: Browser;
}

function launch(extra: string[], executablePath = testChromiumExecutable()): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extra] });
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      // Developers' setting: the generated test models are offered (with their banner) for the speech tests.
      const server = await startServer({ env: { INTERQ_TEST_MODELS: '1' } });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
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
      // The full Chromium, not the headless shell: the shell has no permission prompt to deny, so its getUserMedia
      // fails as NotSupportedError ("this browser cannot record") instead of a person's NotAllowedError.
      const browser = await launch(['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--deny-permission-prompts'], chromiumExecutable());
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  beepMicBrowser: [
    async ({}, use) => {
      const browser = await launch(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required']);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  autoplayBrowser: [
    async ({}, use) => {
      const browser = await launch(['--autoplay-policy=no-user-gesture-required']);
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  offlineCapable: [false, { option: true }],
  openProfile: async ({ offlineCapable }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (browser, options = {}) => {
      const ctx = await browser.newContext({ ...options, serviceWorkers: offlineCapable ? 'allow' : 'block' });
      if (!offlineCapable) refuseOffline(ctx);
      contexts.push(ctx);
      return ctx;
    });
    for (const c of contexts) await c.close().catch(() => undefined);
  },
  newProfile: async ({ browser, server, openProfile }, use) => {
    await use(() => openProfile(browser, { baseURL: server.url }));
  },
});

/** Profiles opened with the service worker blocked (openProfile, a test without offlineCapable). */
const withoutServiceWorker = new WeakSet<BrowserContext>();

/**
 * Without its service worker the app cannot open a screen or reload offline, so a test that takes such a profile
 * offline, or waits for the service worker, would be testing a browser no person has: it must ask for it instead.
 */
export function expectServiceWorker(ctx: BrowserContext): void {
  if (withoutServiceWorker.has(ctx)) {
    throw new Error(
      "This profile has no service worker (the suite blocks it unless a test asks for it), so offline it is not what a person's browser is: add test.use({ offlineCapable: true }) for this test (tests/e2e/fixtures.ts).",
    );
  }
}

function refuseOffline(ctx: BrowserContext): void {
  withoutServiceWorker.add(ctx);
  const setOffline = ctx.setOffline.bind(ctx);
  ctx.setOffline = async (offline: boolean) => {
    if (offline) expectServiceWorker(ctx);
    await setOffline(offline);
  };
}

export { expect };

/** Opens the host link (which stores the host token) and waits for the start page. */
export async function openAsHost(ctx: BrowserContext, server: ServerProcess): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(server.hostLink);
  await expect(page.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
  return page;
}
