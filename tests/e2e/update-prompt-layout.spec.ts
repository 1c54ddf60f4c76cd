/**
 * The service worker's "A new version is ready" prompt moves nothing on a phone. It arrives unasked
 * whenever a deployment lands while a guest is on a question (the browser checks sw.js on navigations and
 * periodically); in the header's flow it pushed a 360 px page down and left it there until answered, so a press
 * meant for Next could land beside it. Here a real new version is published: the test's server serves a copy of
 * the built app whose sw.js is changed after the first one has taken the page over. Next must stay where it was
 * while the prompt shows and after it goes, the prompt must cover nothing of the page nor the header's Offline pill,
 * be announced as a status message, and its buttons must be reachable with Tab; Escape puts it off like Later, and focus goes back to the page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, consentAndStart, passTechCheck, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';
import { expectCoversNothing, tabTo } from './pages/accessibility';
import { expectInFullView, placeOf, settledPlaceOf } from './pages/layout';
import { REPO_ROOT, startServer, type ServerProcess } from '../support/server-process';

// The prompt is the service worker's: this file's profiles run it (fixtures.ts offlineCapable).
test.use({ offlineCapable: true });

/**
 * The built app as a folder of its own: links to dist/'s files (59 MB, mostly the speech runtime), sw.js copied so
 * that this test can publish a new version without touching the suite's dist/.
 */
function appCopy(): { dir: string; publishNewVersion(): void } {
  const dist = path.join(REPO_ROOT, 'dist');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-update-'));
  for (const name of fs.readdirSync(dist)) {
    if (name === 'sw.js') fs.copyFileSync(path.join(dist, name), path.join(dir, name));
    else fs.symlinkSync(path.join(dist, name), path.join(dir, name));
  }
  return {
    dir,
    // Any byte of sw.js changed is a new version to the browser; its precache list is the same, so it installs fast.
    publishNewVersion: () => fs.appendFileSync(path.join(dir, 'sw.js'), `\n// next version ${Date.now()}\n`),
  };
}

/** The prompt lies within the header and the page's width: it covers nothing below the header and adds no scrolling. */
async function expectInsideHeader(page: Page, prompt: Locator): Promise<void> {
  const [box, header] = await Promise.all([prompt.boundingBox(), page.locator('.app-header').boundingBox()]);
  expect(box, 'the prompt has a box').not.toBeNull();
  expect(box!.y, 'the prompt starts inside the header').toBeGreaterThanOrEqual(header!.y);
  expect(box!.y + box!.height, 'the prompt ends inside the header').toBeLessThanOrEqual(header!.y + header!.height);
  expect(box!.x + box!.width, 'the prompt ends inside the page').toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing wider than the page').toBeLessThanOrEqual(page.viewportSize()!.width);
}

let app: ReturnType<typeof appCopy>;
let server: ServerProcess;
test.beforeAll(async () => {
  app = appCopy();
  server = await startServer({ env: { STATIC_DIR: app.dir, INTERQ_TEST_MODELS: '1' } });
});
test.afterAll(async () => {
  await server?.stop();
  if (app) fs.rmSync(app.dir, { recursive: true, force: true });
});

test('on a 360 px phone the update prompt moves nothing: Next stays where the guest is pressing', async ({ micBrowser, openProfile }) => {
  const id = 'update-prompt-layout';
  const link = await publishAndInvite(
    server,
    planOf(id, [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.'), spokenQuestion('q2', 'Describe a design you would change today.')]),
    'Ada',
  );
  const page = await (await openProfile(micBrowser, { baseURL: server.url, viewport: { width: 360, height: 740 } })).newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await passTechCheck(page);
  await consentAndStart(page);
  const next = page.getByRole('button', { name: 'Next question' });
  await expect(next).toBeVisible();
  const placeOfNext = () => placeOf(next);

  // The first version takes the page over (its "ready to work offline" note says so) and is dismissed.
  const offlineNote = page.getByTestId('offline-ready');
  await expect(offlineNote).toBeVisible({ timeout: 60_000 });
  await offlineNote.getByRole('button', { name: 'Dismiss' }).click();
  await expect(offlineNote).toHaveCount(0);
  // What else fills in after the question shows (the test server's model banner, the read-aloud outcome) has
  // settled: Next has stayed put for two seconds.
  const before = await settledPlaceOf(next);

  // A new version is deployed; the browser's next update check (as on a navigation or its periodic one) finds it.
  app.publishNewVersion();
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
  const reload = page.getByRole('button', { name: 'Reload to update' });
  await expect(reload).toBeVisible({ timeout: 60_000 });
  const prompt = page.getByTestId('update-ready');
  expect(await placeOfNext(), 'Next is where it was while the prompt shows').toEqual(before);
  await expectCoversNothing(prompt);
  await expectInsideHeader(page, prompt);
  await expect(page.getByRole('status').filter({ hasText: 'A new version is ready.' })).toBeVisible();

  // On the narrowest phone the app is laid out for (the body's 320 px) it still fits, its button named as before.
  await page.setViewportSize({ width: 320, height: 740 });
  await expectInsideHeader(page, prompt);
  await expect(reload).toBeVisible();
  await page.setViewportSize({ width: 360, height: 740 });

  // Offline (a waiting version installs from the cache), the header's Offline pill shows beside the prompt, not
  // under it, and the prompt's buttons are whole, at 360 and at 320 px.
  await page.context().setOffline(true);
  const pill = page.locator('.offline-pill');
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectInFullView(pill, prompt);
    await expectInsideHeader(page, prompt);
    await expectCoversNothing(prompt);
    await expectInFullView(reload);
    await expectInFullView(prompt.getByRole('button', { name: 'Later' }));
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await page.context().setOffline(false);
  await expect(pill).toHaveCount(0);

  // Both of its buttons are in the keyboard's path; Escape puts the update off, as Later does.
  await tabTo(page, reload);
  await tabTo(page, prompt.getByRole('button', { name: 'Later' }));
  await page.keyboard.press('Escape');
  await expect(prompt).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  expect(await placeOfNext(), 'Next is where it was after the prompt went').toEqual(before);
});
