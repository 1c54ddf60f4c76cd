/**
 * Issue #18: what a candidate's browser must fetch before the technical check is interactive is at most 120 KiB
 * gzip, named in the HTML (one round trip for the HTML, one for its assets), and the rest of the interview loads
 * afterwards. A size check on the production build (scripts/bundle/first-load.ts, the same measure as
 * `npm run bench:bundle`), then the same thing seen from Chromium: every script and stylesheet requested before
 * the check shows is one the HTML names, and the interview's own chunk arrives only after it.
 */
import path from 'node:path';
import { test, expect, openInvite, expectMicReady, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';
import { REPO_ROOT } from '../support/server-process';
import { firstScreen, FIRST_SCREEN_BUDGET_GZIP, htmlNamedAssets, kib, laterModulesIn, precachedAssets, readManifest, total } from '../../scripts/bundle/first-load';

const dist = path.join(REPO_ROOT, 'dist');

test('the first screen fits 120 KiB gzip, all of it named in the HTML, none of the later code in it', () => {
  const first = firstScreen(dist);
  const size = total(first.files).gzip;
  expect(size, `first screen ${kib(size)} KiB gzip: ${first.files.map((f) => `${f.file} ${kib(f.gzip)}`).join(', ')}`).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_GZIP);
  expect(first.unnamedImports, 'chunks the first screen imports that the HTML does not name').toEqual([]);
  expect(laterModulesIn(dist, first.files), 'modules that load after the technical check').toEqual([]);
  // The interview itself is a chunk of its own, outside the first screen.
  const manifest = readManifest(dist);
  const interview = manifest['src/app/routes/guest/GuestInterview.tsx'];
  expect(interview, 'GuestInterview is a chunk').toBeDefined();
  expect(first.files.map((f) => f.file)).not.toContain(interview!.file);
});

test('the service worker precaches the interview, but not the speech model offer a slow link never shows (#18 item 4)', () => {
  const manifest = readManifest(dist);
  const precached = precachedAssets(dist);
  expect(precached, 'the interview is precached').toContain(manifest['src/app/routes/guest/GuestInterview.tsx']!.file);
  const offer = manifest['src/app/components/ai/GuestModelOptIn.tsx'];
  expect(offer, 'the model offer is a chunk of its own').toBeDefined();
  expect(precached, 'the model offer is not precached').not.toContain(offer!.file);
});

test('Chromium fetches only what the HTML names before the technical check, and the interview after it', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('first-screen-budget', [spokenQuestion('q1', 'What does a cache do?')]), 'Ada');
  const named = new Set(htmlNamedAssets(dist).map((f) => `/${f}`));
  const interviewFile = `/${readManifest(dist)['src/app/routes/guest/GuestInterview.tsx']!.file}`;
  const ctx = await guestContext();
  const page = await ctx.newPage();
  // The page's own clock: when the check's heading is first in the document (before any deferred work can start).
  await page.addInitScript({
    content: `new MutationObserver(() => {
      if (window.__checkShownAt === undefined && document.getElementById('check-title')) window.__checkShownAt = performance.now();
    }).observe(document, { subtree: true, childList: true });`,
  });
  await openInvite(page, link);
  await expectMicReady(page);
  const fetched = async () =>
    page.evaluate(() => {
      const shownAt = (window as unknown as { __checkShownAt: number }).__checkShownAt;
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map((e) => ({ path: new URL(e.name).pathname, before: e.startTime < shownAt }))
        .filter((e) => /\.(js|css)$/.test(e.path));
    });
  const before = (await fetched()).filter((r) => r.before).map((r) => r.path);
  expect(before.length).toBeGreaterThan(0);
  expect(before.filter((p) => !named.has(p)), 'scripts or styles fetched before the check that the HTML does not name').toEqual([]);
  // The interview's code arrives by itself (idle priority), after the check showed, and then the plan's title.
  await expect.poll(async () => (await fetched()).some((r) => r.path === interviewFile && !r.before), { timeout: 30_000 }).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Interview first-screen-budget' })).toBeVisible();
});
