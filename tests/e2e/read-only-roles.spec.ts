/**
 * Read-only roles never try to write, a reload included: after a reload the app's documents come back from
 * y-indexeddb, and nothing of that local copy may go to the server for a document the role only reads (the guest's
 * plan, the interviewer's plan, key, stage, support, code..., the host's code). The server logs each refused write
 * ("Refused a write") and tells the client, whose y-websocket prints "Permission denied" in the console.
 *
 * Its own server: the shared one logs quietly (LOG_QUIET=1 drops the info lines this test reads).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServer, type ServerProcess } from '../support/server-process';
import { inviteLink, mcqQuestion, planOf, publishAndInvite, spokenQuestion, codingQuestion } from './pages/guest-pages';
import { openHostSessionByLink, waitLiveSynced } from './pages/live-pages';
import { connectClient } from '../support/yws-client';

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer({ env: { LOG_QUIET: '0' } });
});
test.afterAll(async () => {
  await server.stop();
});

async function openSockets(): Promise<number> {
  const res = await fetch(`${server.url}/healthz`);
  const body = (await res.json()) as { checks: { collab: { openSockets: number } } };
  return body.checks.collab.openSockets;
}

function collectConsole(page: Page, lines: string[]): void {
  page.on('console', (m) => lines.push(m.text()));
}

test('guest, interviewer and host reload and the server refuses no write from them', async ({ newProfile }) => {
  test.setTimeout(180_000);
  const id = 'read-only-reload-1';
  const plan = planOf(id, [spokenQuestion('q1', 'Explain how a hash map handles collisions.'), mcqQuestion('q2'), codingQuestion('q3')]);
  const guestLink = await publishAndInvite(server, plan, 'Rita Reload');
  const interviewerLink = await inviteLink(server, id, 'interviewer', 'Ian Reload');
  const consoleLines: string[] = [];

  const hostCtx = await newProfile();
  // Every page of the profile, from its first load.
  hostCtx.on('console', (m) => consoleLines.push(m.text()));
  const host = await openHostSessionByLink(hostCtx, server, id);
  await expect(host.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();
  await waitLiveSynced(host);

  const guestCtx = await newProfile();
  const guest = await guestCtx.newPage();
  collectConsole(guest, consoleLines);
  await guest.goto(guestLink);
  await expect(guest.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expect(guest.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });

  const ivCtx = await newProfile();
  const interviewer = await ivCtx.newPage();
  collectConsole(interviewer, consoleLines);
  await interviewer.goto(interviewerLink);
  await expect(interviewer.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();
  await waitLiveSynced(interviewer);

  // Each now has every document it reads in y-indexeddb: the reload loads them from there while reconnecting.
  for (const page of [guest, interviewer, host]) await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(guest.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expect(guest.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
  await waitLiveSynced(interviewer);
  await waitLiveSynced(host);

  // Closing every page closes every socket; once the server counts none, it has read all they sent.
  await Promise.all([guestCtx.close(), ivCtx.close(), hostCtx.close()]);
  await expect.poll(openSockets, { timeout: 20_000 }).toBe(0);

  const refusals = () => server.output().split('\n').filter((l) => l.includes('Refused a write') || l.includes('refusedWrites'));
  expect(refusals()).toEqual([]);
  expect(consoleLines.filter((l) => l.includes('Permission denied'))).toEqual([]);

  // The check can fail: a guest's client that does write to the plan is refused, and the log says so.
  const writer = connectClient(`${server.url.replace('http', 'ws')}/sync`, `${id}.plan`, guestLink.split('#t=')[1]!);
  try {
    await writer.synced();
    writer.doc.getMap('meta').set('title', 'forged');
    await expect.poll(() => writer.denials.length).toBeGreaterThan(0);
    await expect.poll(() => refusals().length).toBeGreaterThan(0);
  } finally {
    writer.destroy();
  }
});
