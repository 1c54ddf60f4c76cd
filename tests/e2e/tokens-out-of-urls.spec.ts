/**
 * Role tokens stay out of URLs: host, guest and interviewer open their screens in Chromium, every document
 * syncs over WebSockets whose token travels in the Sec-WebSocket-Protocol header, and no request URL, WebSocket URL
 * or console message of any of them contains a token. A forged token is still refused at the upgrade.
 */
import type { Page } from '@playwright/test';
import { test, expect, openAsHost } from './fixtures';
import { inviteLink, planOf, publishAndInvite, mcqQuestion } from './pages/guest-pages';
import { syncProtocols } from '../../src/domain/sync-auth';

interface Seen {
  urls: string[];
  sockets: string[];
  console: string[];
}

function watch(page: Page, seen: Seen): void {
  page.on('request', (r) => seen.urls.push(r.url()));
  page.on('websocket', (ws) => seen.sockets.push(ws.url()));
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('pageerror', (e) => seen.console.push(String(e)));
}

test('no request line, WebSocket URL or console message carries a role token', async ({ server, newProfile }) => {
  const id = 'tokens-hidden-1';
  const guestLink = await publishAndInvite(server, planOf(id, [mcqQuestion('q1')]), 'Grace Guest');
  const interviewerLink = await inviteLink(server, id, 'interviewer', 'Ivan Interviewer');
  const tokens = [server.hostToken, guestLink.split('#t=')[1]!, interviewerLink.split('#t=')[1]!];
  const seen: Seen = { urls: [], sockets: [], console: [] };

  const host = await openAsHost(await newProfile(), server);
  watch(host, seen);
  await host.goto(`/session/${id}`);
  await expect(host.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();

  const guest = await (await newProfile()).newPage();
  watch(guest, seen);
  await guest.goto(guestLink);
  await expect(guest.getByRole('heading', { name: 'Technical check' })).toBeVisible();

  const interviewer = await (await newProfile()).newPage();
  watch(interviewer, seen);
  await interviewer.goto(interviewerLink);
  await expect(interviewer.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();

  // Every screen synced its documents over sockets, and the guest's presence reached the host.
  await expect.poll(() => seen.sockets.length).toBeGreaterThanOrEqual(4);
  await expect(host.getByTestId('presence-list')).toContainText('Grace Guest');
  for (const url of [...seen.urls, ...seen.sockets]) {
    expect(url).not.toContain('token=');
    for (const t of tokens) expect(url).not.toContain(t);
  }
  for (const line of seen.console) for (const t of tokens) expect(line).not.toContain(t);
  expect(seen.sockets.every((u) => /\/sync\/tokens-hidden-1\.\w+$/.test(u))).toBe(true);

  // The server still refuses a bad token at the upgrade, sent the same way.
  const refused = await guest.evaluate(
    ([url, protocols]) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, protocols);
        ws.onopen = () => resolve('opened');
        ws.onclose = (e) => resolve(`closed ${e.code}`);
      }),
    [`${server.url.replace('http', 'ws')}/sync/${id}.plan`, syncProtocols(`${tokens[1]!.slice(0, -4)}AAAA`)] as const,
  );
  expect(refused).toBe('closed 1006');
  expect(server.output()).not.toContain(tokens[1]!);
});
