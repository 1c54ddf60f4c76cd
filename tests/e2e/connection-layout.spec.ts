/**
 * A question on a phone stays put when the connection drops and comes back, as it does on the slow and flaky links
 * candidates answer on. The header's connection badge said more as it went ("Offline — changes are kept on this
 * device · last sync 7 s ago (retry 5 in 4 s)"), went from beside the title to a line of its own, and took the
 * question down 43 px, Record with it, and back up on reconnecting.
 */
import { test, expect, consentAndStart, openInvite, passTechCheck, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';
import { expectInFullView, settledPlaceOf } from './pages/layout';

// Offline the way a person's browser is: with the service worker (fixtures.ts offlineCapable).
test.use({ offlineCapable: true });

test('on a 360 px phone Record stays put while the connection drops and returns', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('connection-layout', [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  const record = page.getByRole('button', { name: 'Record answer' });
  const badge = page.locator('.guest-header [data-sync-state]');
  await expect(badge).toHaveAttribute('data-sync-state', 'synced');
  const before = await settledPlaceOf(record);

  await page.context().setOffline(true);
  await expect(badge).toHaveAttribute('data-sync-state', 'offline');
  await expect(page.getByTestId('sync-detail')).toBeVisible();
  expect(await settledPlaceOf(record), 'Record is where it was while offline').toEqual(before);
  await expectInFullView(record);

  await page.context().setOffline(false);
  await expect(badge).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
  expect(await settledPlaceOf(record), 'Record is where it was once back online').toEqual(before);
});
