/**
 * The foundation's vertical slice: a host plans an interview in one browser
 * profile; a guest opens the invite link in another and sees the intro, loaded
 * through IndexedDB → Yjs → the sync server → SQLite → Yjs.
 */
import { test, expect, openAsHost } from './fixtures';
import { createInviteLink, planInterview, questionCount, waitUntilSynced } from './pages/host-pages';

test('a guest sees the interview the host just planned, through sync', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await planInterview(host, { sessionId: 'acme-frontend-1', archetype: 'frontend', depth: 'Advanced', durationMin: 30 });
  const count = await questionCount(host);
  expect(count).toBeGreaterThan(0);
  await waitUntilSynced(host);
  const link = await createInviteLink(host, 'guest', 'Ada Lovelace');

  const guest = await (await newProfile()).newPage();
  await guest.goto(link);
  await expect(guest.getByRole('heading', { name: 'acme-frontend-1' })).toBeVisible();
  await expect(guest.getByText('Welcome, Ada Lovelace.')).toBeVisible();
  await expect(guest.getByTestId('guest-question-count')).toHaveText(String(count));
  // The token left the address bar once stored.
  expect(guest.url()).not.toContain('#t=');

  // The host's way from the planned interview into its live session (the live-session specs open it by address).
  await host.getByRole('link', { name: 'Open live session' }).click();
  await expect(host).toHaveURL(/\/session\/acme-frontend-1$/);
  await expect(host.getByText(/Live session · you are host \(host\)/)).toBeVisible();
});

test('the guest never receives the answer key', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await planInterview(host, { sessionId: 'acme-backend-key', archetype: 'backend', depth: 'Standard', durationMin: 20 });
  await waitUntilSynced(host);
  const link = await createInviteLink(host, 'guest', 'Grace');

  const guestCtx = await newProfile();
  const guest = await guestCtx.newPage();
  const frames: string[] = [];
  guest.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1')));
  });
  await guest.goto(link);
  await expect(guest.getByTestId('guest-question-count')).not.toHaveText('0');
  const received = frames.join('');
  expect(received.length).toBeGreaterThan(0);
  for (const secret of ['referenceAnswer', 'keyConcepts', 'correctIndex', 'hiddenTests', 'referenceSolution']) {
    expect(received).not.toContain(secret);
  }
});

test('a forged invite link shows a clear refusal', async ({ newProfile, server }) => {
  const guest = await (await newProfile()).newPage();
  const fakeClaims = Buffer.from(JSON.stringify({ iid: 'nope-123', role: 'guest', sub: 'Mallory', exp: 4102444800, jti: 'x' })).toString('base64url');
  await guest.goto(`/join/nope-123#t=${fakeClaims}.AAAA`);
  await expect(guest.getByRole('heading', { name: 'This link no longer works' })).toBeVisible();
  await expect(guest.getByRole('alert')).toHaveText('Your link was not made by this InterQ server, or it was changed after it was sent: ask the host for a new link.');
});
