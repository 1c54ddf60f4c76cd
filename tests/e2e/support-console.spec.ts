/**
 * The tech support console in Chromium, one profile per person: a guest (fake microphone, or a browser that denies
 * it), tech support, the host and an audience member, against the real server. Support sees the guest's microphone
 * and connection as the guest's device publishes them, sends a guided fix that opens the guest's Voice Error
 * guidance, applies the host's technical block once the host allows it, and the audience receives none of it.
 */
import { test, expect, inviteLink, planOf, publishAndInvite, spokenQuestion, dismissOfflineToast, expectMicReady, consentAndStart } from './pages/guest-pages';
import { openHostSessionByLink, recordWebSocketFrames } from './pages/live-pages';
import type { BrowserContext, Page, WebSocketRoute } from '@playwright/test';
import type { ServerProcess } from '../support/server-process';

test.describe.configure({ timeout: 180_000 });

async function openStaff(ctx: BrowserContext, link: string, title: string): Promise<Page> {
  const page = await ctx.newPage();
  await dismissOfflineToast(page);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId('support-console')).toBeVisible();
  return page;
}

async function openAudience(newProfile: () => Promise<BrowserContext>, server: ServerProcess, id: string): Promise<{ page: Page; frames: ReturnType<typeof recordWebSocketFrames> }> {
  const page = await (await newProfile()).newPage();
  const frames = recordWebSocketFrames(page);
  await dismissOfflineToast(page);
  await page.goto(await inviteLink(server, id, 'audience', 'Ann Audience'));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return { page, frames };
}

/**
 * Holds back one sync document from this page: its WebSocket opens but nothing of the server reaches it, until
 * `release` closes it and the app's reconnect goes through to the server.
 */
async function holdDocument(page: Page, name: string): Promise<{ held(): number; release(): Promise<void> }> {
  let released = false;
  const held: WebSocketRoute[] = [];
  await page.routeWebSocket(
    (url) => url.pathname.endsWith(`/sync/${name}`),
    (ws) => {
      if (released) ws.connectToServer();
      else held.push(ws);
    },
  );
  return {
    held: () => held.length,
    async release() {
      released = true;
      for (const ws of held.splice(0)) await ws.close();
    },
  };
}

/** Words only diagnostics, support records or their labels carry. */
const DIAGNOSTIC_MARKERS = ['"diag"', 'reconnects', 'permission-denied', 'silentSec', 'storageFreeMb', 'guided-fix', 'mic-denied', 'Sam Support'];

test('a denied microphone shows on the support console, and the guided fix opens the guest’s Voice Error guidance', async ({ guestContext, newProfile, server }) => {
  const id = 'support-mic-denied';
  const guestLink = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.')]), 'Grace');
  const support = await openStaff(await newProfile(), await inviteLink(server, id, 'tech-support', 'Sam Support'), id);
  const audience = await openAudience(newProfile, server, id);
  await expect(support.getByTestId('server-health').locator('[data-check="database"]')).toHaveAttribute('data-state', 'ok');

  const guest = await (await guestContext({ browser: 'denied' })).newPage();
  // The guest's plan does not arrive (a stalled download): the interview's runtime cannot open, and the microphone's
  // failure must reach support without it, from the stage document alone.
  const plan = await holdDocument(guest, `${id}.plan`);
  await dismissOfflineToast(guest);
  await guest.goto(guestLink);
  await expect(guest.getByTestId('mic-error')).toHaveAttribute('data-kind', 'permission-denied');
  // Published as soon as the microphone fails (an alert depends on it) and relayed by the server.
  const alert = support.locator('[data-alert-kind="mic-denied"]');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Grace');
  expect(plan.held(), 'the guest never had its plan so far').toBeGreaterThan(0);
  const diag = support.getByTestId('guest-diagnostics');
  await expect(diag.getByTestId('diag-error')).toContainText('permission-denied');
  await expect(diag).toContainText('chrome on linux');
  await expect(diag.getByTestId('diag-net')).toContainText(/^synced · \d+ ms$/);
  // Staff devices report their own connection and speech model on the staff document.
  await expect(support.locator('[data-testid="staff-diagnostics"][data-name="Sam Support"]')).toContainText('Sam Support (tech-support): synced, reconnects 0, speech model absent');
  await expect(support.getByTestId('support-log')).toContainText('Microphone not available (permission-denied) · Grace');

  // The plan arrives: the runtime opens, and it is the runtime that carries out support's actions.
  await plan.release();
  await expect(guest.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();
  await support.getByRole('button', { name: 'Send guided fix' }).click();
  const fix = guest.getByTestId('support-fix');
  await expect(fix).toBeVisible();
  await expect(fix.getByRole('heading', { name: 'Tech support sent you steps to fix your microphone' })).toBeVisible();
  await expect(fix.getByTestId('mic-error')).toHaveAttribute('data-kind', 'permission-denied');
  await expect(fix).toContainText('site controls icon at the left of the address bar');
  await expect(support.getByTestId('support-log')).toContainText(/Guided fix sent by Sam Support \(tech-support\) · done/);

  // The guest follows the steps (grants the microphone) and tries again from the guided fix.
  await guest.context().grantPermissions(['microphone'], { origin: server.url });
  await fix.getByRole('button', { name: 'Try again' }).click();
  await expect(guest.getByTestId('support-fix-ok')).toBeVisible();
  await expect(support.locator('[data-alert-kind="mic-denied"]')).toHaveCount(0);
  await expect(diag.getByTestId('diag-permission')).toHaveText('allowed');

  expect(audience.frames.count()).toBeGreaterThan(0);
  const heard = audience.frames.text();
  for (const marker of DIAGNOSTIC_MARKERS) expect(heard, marker).not.toContain(marker);
});

// The guest goes offline: this test's profiles run the service worker, as a person's browser does (fixtures.ts offlineCapable).
test.describe(() => {
  test.use({ offlineCapable: true });
  test('going offline and back raises the reconnect count on the console; the host lets support mark a technical block', async ({ guestContext, newProfile, server }) => {
    const id = 'support-reconnect';
    const guestLink = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.'), spokenQuestion('q2', 'How do you review code?')]), 'Gus');
    const support = await openStaff(await newProfile(), await inviteLink(server, id, 'tech-support', 'Sam Support'), id);
    const audience = await openAudience(newProfile, server, id);

    const guestCtx = await guestContext();
    const guest = await guestCtx.newPage();
    await dismissOfflineToast(guest);
    await guest.goto(guestLink);
    await expectMicReady(guest);
    const diag = support.getByTestId('guest-diagnostics');
    await expect(diag).toHaveAttribute('data-net-state', 'synced');
    await expect(diag).toHaveAttribute('data-reconnects', '0');
    await expect(diag.getByTestId('diag-permission')).toHaveText('allowed');
    await expect(diag.getByTestId('diag-mic')).toContainText('level');

    await guestCtx.setOffline(true);
    await expect(guest.locator('[data-sync-state="offline"]').first()).toBeVisible();
    await guestCtx.setOffline(false);
    await expect(diag).toHaveAttribute('data-reconnects', '1');
    await expect(support.getByTestId('support-log')).toContainText('Connection lost and regained (reconnect 1) · Gus');
    await guestCtx.setOffline(true);
    await expect(guest.locator('[data-sync-state="offline"]').first()).toBeVisible();
    await guestCtx.setOffline(false);
    await expect(diag).toHaveAttribute('data-reconnects', '2');

    // Technical block: refused by the guest's device until the host allows it in the plan.
    await guest.getByRole('button', { name: 'Continue', exact: true }).click();
    await consentAndStart(guest);
    await expect(support.getByRole('button', { name: 'Apply technical block' })).toBeDisabled();
    const host = await openHostSessionByLink(await newProfile(), server, id);
    await expect(host.getByTestId('support-console')).toBeVisible();
    await host.getByRole('checkbox', { name: 'Let tech support mark technical blocks' }).check();
    await support.getByLabel('Reason for the support technical block').fill('microphone not working');
    await support.getByRole('button', { name: 'Apply technical block' }).click();
    await expect(support.getByTestId('support-log')).toContainText(/Technical block applied by Sam Support \(tech-support\) · done/);
    await expect(host.getByTestId('support-log')).toContainText(/Technical block applied by Sam Support/);

    const heard = audience.frames.text();
    for (const marker of DIAGNOSTIC_MARKERS) expect(heard, marker).not.toContain(marker);
  });
});
