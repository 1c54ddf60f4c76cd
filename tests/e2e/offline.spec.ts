/**
 * A page that has loaded once works with the network off: the service worker
 * serves the app shell and IndexedDB holds the data.
 */
import { test, expect, openAsHost } from './fixtures';
import { createInviteLink, planInterview, questionCount, waitForBankOnDevice, waitForOfflineReady, waitUntilSynced } from './pages/host-pages';

// Offline after one visit is the service worker's work: this file's profiles run it (fixtures.ts offlineCapable).
test.use({ offlineCapable: true });

test('the host reloads offline and still has the interview', async ({ newProfile, server }) => {
  const ctx = await newProfile();
  const host = await openAsHost(ctx, server);
  await waitForOfflineReady(host);
  await waitForBankOnDevice(host);
  await planInterview(host, { sessionId: 'offline-host-1', archetype: 'mobile', depth: 'Standard', durationMin: 45 });
  const count = await questionCount(host);

  await ctx.setOffline(true);
  await host.reload();
  await expect(host.getByRole('heading', { name: 'offline-host-1' })).toBeVisible();
  expect(await questionCount(host)).toBe(count);
  await expect(host.locator('[data-sync-state]')).toHaveAttribute('data-sync-state', /offline|connecting/);

  // Planning works offline too.
  await host.goto('/');
  await planInterview(host, { sessionId: 'planned-offline-2', archetype: 'frontend', depth: 'Expert', durationMin: 60 });
  expect(await questionCount(host)).toBeGreaterThan(0);

  // Back online, the interview planned offline reaches the server.
  await ctx.setOffline(false);
  await waitUntilSynced(host);
  const res = await host.request.get(`${server.url}/api/interviews/planned-offline-2`, {
    headers: { Authorization: `Bearer ${server.hostToken}` },
  });
  expect(res.status()).toBe(200);
  expect((await res.json()).questionCount).toBe(await questionCount(host));
});

test('a guest who opened the link once can reopen it offline', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await planInterview(host, { sessionId: 'offline-guest-1', archetype: 'backend', depth: 'Advanced', durationMin: 30 });
  await waitUntilSynced(host);
  const link = await createInviteLink(host, 'guest', 'Alan');

  const guestCtx = await newProfile();
  const guest = await guestCtx.newPage();
  await guest.goto(link);
  await expect(guest.getByTestId('guest-question-count')).toHaveText(String(await questionCount(host)));
  await waitForOfflineReady(guest);

  await guestCtx.setOffline(true);
  await guest.reload();
  await expect(guest.getByRole('heading', { name: 'offline-guest-1' })).toBeVisible();
  await expect(guest.getByTestId('guest-question-count')).toHaveText(String(await questionCount(host)));
});
