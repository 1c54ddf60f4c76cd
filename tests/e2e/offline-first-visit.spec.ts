/**
 * Offline never shows a blank page (#12 item 3). After a first visit announced "InterQ is ready to work offline",
 * every screen opens offline without a reload: the service worker took the page over once its precache was complete,
 * so each screen's chunk comes from the precache. And where a screen's code truly cannot be loaded, its route's
 * error boundary says so in words and offers a retry that works once the code can be fetched again.
 */
import type { Page } from '@playwright/test';
import { test, expect, openAsHost } from './fixtures';
import { inviteLink, mcqQuestion, planOf, publishAndInvite } from './pages/guest-pages';

/** Client-side navigation, as a link in the app does: no request for a page, no reload. */
async function navigateInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

// The first visit's service worker takes the page over: this file's profiles run it (fixtures.ts offlineCapable); the
// second test opens its own profile with service workers blocked, on purpose.
test.use({ offlineCapable: true });

test('after the first visit announced it, every screen opens offline without a reload', async ({ newProfile, server }) => {
  const id = 'offline-first-visit-1';
  const guestLink = await publishAndInvite(server, planOf(id, [mcqQuestion('q1')]), 'Olga Offline');
  const failures: string[] = [];
  const ctx = await newProfile();
  const host = await openAsHost(ctx, server);
  host.on('pageerror', (e) => failures.push(String(e)));
  host.on('console', (m) => {
    if (m.type() === 'error' && /dynamically imported module|screen failed/i.test(m.text())) failures.push(m.text());
  });
  await expect(host.getByTestId('offline-ready')).toContainText('InterQ is ready to work offline');
  expect(await host.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await ctx.setOffline(true);
  // Each screen with its own heading where it has one offline (the candidate page says the server cannot be reached).
  const screens: Array<[string, RegExp | null]> = [
    ['/create-interview', /^Plan an interview$/],
    [`/interviews/${id}`, /\S/],
    [`/session/${id}`, /\S/],
    ['/admin/results', /^Results$/],
    [`/admin/results/${id}/someone`, null],
    [`/join/${id}`, /\S/],
    ['/no-such-screen', /^Page not found$/],
    ['/', /^Your interviews$/],
  ];
  for (const [path, heading] of screens) {
    await navigateInApp(host, path);
    await expect(host).toHaveURL(new RegExp(`${path.replace(/[/]/g, '\\/')}$`));
    // Not blank: the screen's own words, never just the loading line, nor the error boundary.
    if (heading) await expect(host.locator('#main h1').first(), `heading of ${path}`).toHaveText(heading);
    await expect.poll(async () => (await host.locator('#main').innerText()).replace('Loading…', '').trim().length, { message: `text on ${path}` }).toBeGreaterThan(10);
    await expect(host.getByTestId('screen-error'), `no error on ${path}`).toHaveCount(0);
  }
  expect(failures).toEqual([]);
  // The guest's link, too, opens offline in the same profile once the app is installed.
  await navigateInApp(host, new URL(guestLink).pathname);
  await expect(host.locator('#main h1').first()).not.toHaveText('');
  await expect(host.getByTestId('screen-error')).toHaveCount(0);
});

test('a screen whose code cannot be loaded says so, and Try again loads it once it can', async ({ browser, server }) => {
  // No service worker here: it would serve the chunk from its precache, and this test is about a chunk nobody has.
  const ctx = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
  try {
    const page = await ctx.newPage();
    await page.goto(server.hostLink);
    await expect(page.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
    const chunk = /\/assets\/CreateInterviewPage-[^/]*\.js$/;
    let blocked = 0;
    await page.route(chunk, (route) => {
      blocked++;
      return route.abort('internetdisconnected');
    });
    await ctx.setOffline(true);
    await page.getByRole('link', { name: 'Plan an interview' }).click();

    const error = page.getByTestId('screen-error');
    await expect(error).toBeVisible();
    await expect(error.getByRole('heading', { name: 'This screen is not available offline yet' })).toBeFocused();
    await expect(error).toContainText('This device is offline, and the planning screen was not yet stored on it for offline use. Nothing you saved is lost.');
    await expect(error.getByRole('button', { name: 'Reload InterQ' })).toHaveCount(0);
    expect(blocked).toBeGreaterThanOrEqual(3); // the import was retried before it counted as failed

    await page.unroute(chunk);
    await ctx.setOffline(false);
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Plan an interview' })).toBeVisible();
    await expect(error).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
