/**
 * The foundation's vertical slice: a host plans an interview in one browser
 * profile; a guest opens the invite link in another and sees the intro, loaded
 * through IndexedDB → Yjs → the sync server → SQLite → Yjs, and none of the
 * plan's answer key reaches the guest's browser on the way. (A forged link's
 * refusal is in accessibility.spec.ts, beside its audit.)
 */
import { test, expect, openAsHost } from './fixtures';
import { createInviteLink, planInterview, publishPlan, questionCount, waitUntilSynced } from './pages/host-pages';

test('a guest sees the interview the host just planned, through sync, and never receives its answer key', async ({ newProfile, server }) => {
  const host = await openAsHost(await newProfile(), server);
  await planInterview(host, { sessionId: 'acme-frontend-1', archetype: 'frontend', depth: 'Advanced', durationMin: 30 }, { publish: false });
  // The plan holds every kind of question, so every kind's key could leak: spoken, multiple choice and coding.
  for (const kind of ['spoken', 'mcq', 'coding']) await expect(host.locator(`[data-testid=review-item][data-kind=${kind}]`).first()).toBeVisible();
  await publishPlan(host);
  const count = await questionCount(host);
  expect(count).toBeGreaterThan(0);
  await waitUntilSynced(host);
  const link = await createInviteLink(host, 'guest', 'Ada Lovelace');

  const guest = await (await newProfile()).newPage();
  const frames: string[] = [];
  guest.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1')));
  });
  await guest.goto(link);
  // Two steps, each with its own wait: the first screen (the technical check, the first load), then the title,
  // which comes with the interview's code and its plan document, fetched after the first screen. Under load 43 the
  // two together passed the one wait this had for the title (15 s), with every step still under way.
  await expect(guest.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expect(guest.getByRole('heading', { name: 'acme-frontend-1' })).toBeVisible();
  await expect(guest.getByText('Welcome, Ada Lovelace.')).toBeVisible();
  await expect(guest.getByTestId('guest-question-count')).toHaveText(String(count));
  // The token left the address bar once stored.
  expect(guest.url()).not.toContain('#t=');
  // Everything the guest's browser received on its way here: the plan, and none of its key.
  const received = frames.join('');
  expect(received.length).toBeGreaterThan(0);
  for (const secret of ['referenceAnswer', 'keyConcepts', 'correctIndex', 'hiddenTests', 'referenceSolution']) {
    expect(received).not.toContain(secret);
  }

  // The host's way from the planned interview into its live session (the live-session specs open it by address).
  await host.getByRole('link', { name: 'Open live session' }).click();
  await expect(host).toHaveURL(/\/session\/acme-frontend-1$/);
  await expect(host.getByText(/Live session · you are host \(host\)/)).toBeVisible();
});
