/**
 * The "ready to work offline" note moves nothing on a phone. It arrives unasked 10–15 s after a guest's first load,
 * when the guest may be pressing Next; in the header's flow it pushed a 360 px page down about 48 px and back up
 * when it went, so a press could land beside the button (guest-offline's whole offline interview lost a press on
 * Next that way). The service worker's registration (workbox-window's code, fetched after the first screen) is held
 * here until Next's place is measured, then let through: Next must stay where it was while the note shows and after
 * it goes, the note must cover nothing of the page nor the header's Offline pill, and it must be a status message the
 * keyboard can dismiss.
 */
import type { Route } from '@playwright/test';
import { test, expect, consentAndStart, passTechCheck, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';
import { expectCoversNothing, tabTo } from './pages/accessibility';
import { expectInFullView, placeOf, settledPlaceOf } from './pages/layout';

// The note is the service worker's: this file's profiles run it (fixtures.ts offlineCapable).
test.use({ offlineCapable: true });

test('on a 360 px phone the offline note moves nothing: Next stays where the guest is pressing', async ({ guestContext, server }) => {
  const id = 'offline-note-layout';
  const link = await publishAndInvite(
    server,
    planOf(id, [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.'), spokenQuestion('q2', 'Describe a design you would change today.')]),
    'Ada',
  );
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  const held: Route[] = [];
  await page.route(/workbox-window/, (route) => void held.push(route));
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await passTechCheck(page);
  await consentAndStart(page);
  const next = page.getByRole('button', { name: 'Next question' });
  await expect(next).toBeVisible();
  const placeOfNext = () => placeOf(next);
  // The registration has asked for its code and is waiting for it: no note yet.
  await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);
  const note = page.getByTestId('offline-ready');
  await expect(note).toHaveCount(0);
  // What else fills in after the question shows (the test server's model banner, the read-aloud outcome) has
  // settled: Next has stayed put for a second.
  const before = await settledPlaceOf(next);
  await expect(note).toHaveCount(0);

  for (const route of held.splice(0)) await route.continue();
  await page.unroute(/workbox-window/);
  // The precache takes seconds; the note shows once the service worker controls the page.
  await expect(note).toBeVisible({ timeout: 60_000 });
  // Held while the pointer is on it (it would otherwise go by itself after 6 s, before a slow machine checks it).
  await note.hover();
  expect(await placeOfNext(), 'Next is where it was while the note shows').toEqual(before);
  await expectCoversNothing(note);
  await expect(page.getByRole('status').filter({ hasText: 'InterQ is ready to work offline.' })).toBeVisible();

  // Dismissed with the keyboard: Tab reaches its button, Escape closes it.
  await page.mouse.move(0, 700);
  await tabTo(page, note.getByRole('button', { name: 'Dismiss' }));

  // Offline (the focus on its button holds the note), the header's Offline pill shows beside it, not under it, down
  // to the narrowest phone the app is laid out for.
  await page.context().setOffline(true);
  const pill = page.locator('.offline-pill');
  for (const width of [360, 320]) {
    await page.setViewportSize({ width, height: 740 });
    await expectInFullView(pill, note);
    await expectInFullView(note.getByRole('button', { name: 'Dismiss' }));
    await expectCoversNothing(note);
  }
  await page.setViewportSize({ width: 360, height: 740 });
  await page.context().setOffline(false);
  await expect(pill).toHaveCount(0);
  expect(await placeOfNext(), 'Next is where it was after going offline and back').toEqual(before);

  await expect(note.getByRole('button', { name: 'Dismiss' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(note).toHaveCount(0);
  await expect(page.locator('main')).toBeFocused();
  expect(await placeOfNext(), 'Next is where it was after the note went').toEqual(before);
});
