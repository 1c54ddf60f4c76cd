/**
 * #18 item 4 end to end: the technical check measures the connection and says what it means for the answers,
 * in words; on a slow link the speech model offer's code is never fetched (the page's Resource Timing), on a
 * good one it is. The slow links are tests/support/shared-link.ts in front of the test server.
 */
import type { Browser, Page } from '@playwright/test';
import type { Fixtures } from './fixtures';
import { test, expect, inviteLink, planOf, publishPlanDocs, spokenQuestion } from './pages/guest-pages';
import { LINK_PROFILES, startSharedLink, type LinkProfile } from '../support/shared-link';
import type { ServerProcess } from '../support/server-process';

// The tests share nothing but the worker's server (each its own interview), so two workers may split them: the
// suite's longest files would otherwise keep one worker busy while the other ran out of files (#12).
test.describe.configure({ mode: 'parallel' });

test.setTimeout(240_000);

async function invitePath(server: ServerProcess, id: string): Promise<string> {
  await publishPlanDocs(server, planOf(id, [spokenQuestion('q1', 'What does a load balancer do?')]));
  const url = new URL(await inviteLink(server, id, 'guest', 'Lin'), server.url);
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Script and style files the page itself fetched (Resource Timing), by file name. */
async function fetchedAssets(page: Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop() ?? '').filter((n) => /\.(js|css)$/.test(n)));
}

const MODEL_CODE = /^(GuestModelOptIn|ModelManager)-/;

/**
 * Opens the invite through a shared link with `profile`. With `slowFromCheck`, the page loads over an unthrottled
 * link that takes `profile` the moment the check's first exchange (/api/ping) is let through, so the check measures
 * exactly `profile` while the load before it, which the test is not about, takes no time on the emulated link.
 */
async function throughLink(openProfile: Fixtures['openProfile'], micBrowser: Browser, server: ServerProcess, id: string, profile: LinkProfile, slowFromCheck = false) {
  const path = await invitePath(server, id);
  const link = await startSharedLink(server.url, slowFromCheck ? LINK_PROFILES.none : profile);
  const ctx = await openProfile(micBrowser, { baseURL: link.url });
  const page = await ctx.newPage();
  if (slowFromCheck) {
    // The check's exchanges carry ?n= (connection-check.ts); the support diagnostics' bare ping does not. Only the
    // first is held, for as long as it takes to change the link; the rest go straight to it.
    await page.route(
      (url) => url.pathname === '/api/ping' && url.searchParams.has('n'),
      async (route) => {
        link.setProfile(profile);
        await route.continue();
      },
      { times: 1 },
    );
  }
  await page.goto(path, { timeout: 120_000 });
  return {
    page,
    close: async () => {
      await ctx.close();
      await link.close();
    },
  };
}

test('on Slow 3G the check says answers upload after each question and never fetches the model offer', async ({ micBrowser, server, openProfile }) => {
  const { page, close } = await throughLink(openProfile, micBrowser, server, 'connection-slow', LINK_PROFILES.slow3g);
  try {
    const words = page.getByTestId('connection-quality');
    await expect(words).toHaveAttribute('data-quality', 'slow', { timeout: 150_000 });
    await expect(words).toHaveText('Slow connection: your answers upload after each question. You can go on while they do.');
    await expect(page.getByText(/^Measured: \d\.\d s round trip, [\d.]+ [kM]bit\/s down, [\d.]+ [kM]bit\/s up\.$/)).toBeVisible();
    // The interview's code was in before the measurement; the guest goes on to the intro, and the offer's code never came.
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible({ timeout: 60_000 });
    const assets = await fetchedAssets(page);
    expect(assets.some((n) => n.startsWith('GuestInterview-'))).toBe(true);
    expect(assets.filter((n) => MODEL_CODE.test(n))).toEqual([]);
  } finally {
    await close();
  }
});

test('with every exchange taking over 3 s the check says answers are kept on the device', async ({ micBrowser, server, openProfile }) => {
  // The first screen over a 3.2 s round trip would take about 20 s more and prove nothing here: the link is slow
  // from the check's first exchange on.
  const { page, close } = await throughLink(openProfile, micBrowser, server, 'connection-very-slow', { name: 'long round trip', rttMs: 3200, downBytesPerSec: 1_000_000, upBytesPerSec: 1_000_000 }, true);
  try {
    const words = page.getByTestId('connection-quality');
    await expect(words).toHaveAttribute('data-quality', 'very-slow', { timeout: 150_000 });
    await expect(words).toHaveText('Very slow connection: your answers are kept on this device and upload later, when the connection allows.');
    expect((await fetchedAssets(page)).filter((n) => MODEL_CODE.test(n))).toEqual([]);
  } finally {
    await close();
  }
});

test('on a good link the check says so and the model offer’s code is fetched', async ({ guestContext, server }) => {
  const path = await invitePath(server, 'connection-good');
  const page = await (await guestContext()).newPage();
  await page.goto(path);
  const words = page.getByTestId('connection-quality');
  await expect(words).not.toHaveAttribute('data-quality', 'measuring', { timeout: 60_000 });
  // What was measured, for a failure on a machine so loaded that loopback's round trip passes 300 ms.
  console.log(`[connection-words] loopback: ${await page.getByText(/^Measured: /).textContent()}`);
  await expect(words).toHaveAttribute('data-quality', 'good');
  await expect(words).toHaveText('Good connection: your answers upload while you go on.');
  await expect.poll(async () => (await fetchedAssets(page)).some((n) => n.startsWith('GuestModelOptIn-')), { timeout: 30_000 }).toBe(true);
});
