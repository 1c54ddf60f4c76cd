/**
 * A guest whose browser refuses the microphone: the "Voice Error" toast, the
 * inline fix for Chrome on this system, nothing crashes, and the check recovers
 * on the same page once the permission is granted (no reload).
 */
import { test, expect, expectMicReady, planOf, publishAndInvite, spokenQuestion, dismissOfflineToast } from './pages/guest-pages';

test('a denied microphone shows the right guidance and recovers after granting, without a reload', async ({ guestContext, server }) => {
  const id = 'guest-mic-denied';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.')]), 'Grace');
  const ctx = await guestContext({ browser: 'denied' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await dismissOfflineToast(page);
  await page.goto(link);

  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  const toast = page.getByTestId('toast');
  await expect(toast).toHaveAttribute('role', 'alert');
  await expect(toast).toContainText('Voice Error');
  const panel = page.getByTestId('mic-error');
  await expect(panel).toHaveAttribute('data-kind', 'permission-denied');
  await expect(panel.getByRole('heading', { name: 'Microphone access is blocked' })).toBeVisible();
  // Chromium identifies as Chrome: the steps name Chrome's site controls.
  await expect(panel).toContainText('site controls icon at the left of the address bar');
  await expect(panel.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue', exact: true })).toBeDisabled();

  // Trying again while still blocked keeps the guidance (and the page).
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('mic-error')).toHaveAttribute('data-kind', 'permission-denied');

  // The guest allows the microphone in the browser's own UI: the page notices the permission change and recovers by itself.
  await ctx.grantPermissions(['microphone'], { origin: server.url });
  await expectMicReady(page);
  await expect(page.getByTestId('mic-error')).toHaveCount(0);
  await expect(page.getByTestId('audio-visualizer')).toBeVisible();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a microphone allowed while Try again is still being refused recovers by itself', async ({ guestContext, server }) => {
  const id = 'guest-mic-denied-race';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.')]), 'Grace');
  const ctx = await guestContext({ browser: 'denied' });
  const page = await ctx.newPage();
  // The browser's own getUserMedia, with its answer held back while the page says so: the refusal of a Try again
  // pressed as the guest allows the microphone arrives after the grant (as when the browser's prompt is slow).
  await page.addInitScript(() => {
    const w = window as unknown as { __holdMic?: Promise<void> };
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      const answer = original(constraints);
      const hold = w.__holdMic;
      return hold ? answer.then((s) => hold.then(() => s), (e: unknown) => hold.then(() => Promise.reject(e))) : answer;
    };
  });
  await dismissOfflineToast(page);
  await page.goto(link);
  const panel = page.getByTestId('mic-error');
  await expect(panel).toHaveAttribute('data-kind', 'permission-denied');
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'failed');

  await page.evaluate(() => {
    const w = window as unknown as { __holdMic?: Promise<void>; __releaseMic?: () => void };
    w.__holdMic = new Promise<void>((resolve) => (w.__releaseMic = resolve));
  });
  await panel.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'asking');
  await ctx.grantPermissions(['microphone'], { origin: server.url });
  await expect.poll(() => page.evaluate(async () => (await navigator.permissions.query({ name: 'microphone' as PermissionName })).state)).toBe('granted');
  // The held refusal now arrives, after the permission's change has come and gone.
  await page.evaluate(() => {
    const w = window as unknown as { __holdMic?: Promise<void>; __releaseMic?: () => void };
    w.__holdMic = undefined;
    w.__releaseMic?.();
  });
  await expectMicReady(page);
  await expect(page.getByTestId('mic-error')).toHaveCount(0);
});
