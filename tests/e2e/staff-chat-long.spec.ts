/**
 * A long live session's staff chat: 1,100 messages of 2,000 characters (what the offline catch-up spec sends). The
 * chat draws only the messages in view, opens at the newest, follows new messages only while the reader is at the
 * bottom (a reader who scrolled up gets a "new messages" button instead), scrolls with the keyboard, tells screen
 * readers each message's place in the whole chat, and finds any message with its own search (find in page cannot
 * see the messages not drawn).
 */
import * as Y from 'yjs';
import { test, expect } from './fixtures';
import { openHostSessionByLink, openTab, publishOneQuestionSession } from './pages/live-pages';
import { auditScreen, tabTo } from './pages/accessibility';
import { hostDoc, serverSees } from '../support/host-actions';
import { readSecret } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { postChatMessage, readChat } from '../../src/sync/staff-doc';
import type { Page } from '@playwright/test';

const MESSAGES = 1100;
const note = (k: number) => `Chat note ${k} `.padEnd(2000, ' lorem ipsum dolor sit amet');

/** The chat's scroller and whether a message (by its number) is drawn inside its view. */
function chatLog(page: Page) {
  return page.getByRole('log', { name: 'Staff chat messages' });
}
async function inView(page: Page, text: string): Promise<boolean> {
  return chatLog(page).evaluate((log, t) => {
    const view = log.getBoundingClientRect();
    return [...log.querySelectorAll('li')].some((li) => {
      const r = li.getBoundingClientRect();
      return (li.textContent ?? '').includes(t) && r.bottom > view.top + 1 && r.top < view.bottom - 1;
    });
  }, text);
}

test('a chat of 1,100 long messages draws only what is in view, follows new messages at the bottom only, and finds any message', async ({ newProfile, server }) => {
  test.setTimeout(180_000);
  const id = 'staff-chat-long-1';
  await publishOneQuestionSession(server, id);
  // Written by the host in parts under the server's 2 MiB per message (a stock client sends each transaction whole).
  const staff = await hostDoc(server, `${id}.staff`);
  for (let from = 0; from < MESSAGES; from += 100) {
    staff.doc.transact(() => {
      for (let k = from; k < from + 100; k++) postChatMessage(staff.doc, note(k), { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
    });
  }
  await serverSees(server, `${id}.staff`, (d) => readChat(d).length === MESSAGES, 'the whole chat', 60_000);
  staff.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await openTab(host, 'Chat');
  const log = chatLog(host);
  // Opens at the newest message, which says where it stands in the whole chat.
  await expect.poll(() => inView(host, note(MESSAGES - 1)), { timeout: 60_000 }).toBe(true);
  const newest = log.locator('li').last();
  await expect(newest).toHaveAttribute('aria-posinset', String(MESSAGES));
  await expect(newest).toHaveAttribute('aria-setsize', String(MESSAGES));
  // Only the messages in view and a margin are in the page (the old list had all 1,100).
  expect(await log.locator('li').count()).toBeLessThan(40);

  // Keyboard: Home and End on the focused chat scroll the whole of it.
  await log.focus();
  await host.keyboard.press('Home');
  await expect.poll(() => inView(host, note(0))).toBe(true);
  await expect(log.locator('li').first()).toHaveAttribute('aria-posinset', '1');

  // A reader who scrolled up stays where they are when a message arrives, and is offered the way down.
  const ivan = await hostDoc(server, `${id}.staff`, mintToken(readSecret(server.dataDir), { iid: id, role: 'interviewer', sub: 'Ivan Interviewer', ttlSec: 600 }));
  postChatMessage(ivan.doc, 'While you were reading', { by: 'Ivan Interviewer', role: 'interviewer' }, Date.UTC(2026, 0, 1, 2));
  const below = host.getByRole('button', { name: /^1 new message/ });
  await expect(below).toBeVisible();
  await expect(host.getByTestId('chat-arrival')).toContainText('Ivan Interviewer, interviewer: While you were reading');
  expect(await inView(host, note(0))).toBe(true);
  expect(await inView(host, 'While you were reading')).toBe(false);
  await auditScreen(host, 'staff chat, scrolled up, a new message below');
  // The way down is reached with Tab from the chat and pressed with Enter.
  await tabTo(host, below, 5);
  await host.keyboard.press('Enter');
  await expect.poll(() => inView(host, 'While you were reading')).toBe(true);
  await expect(below).toBeHidden();
  await expect(log).toBeFocused();

  // At the bottom, the next message is followed into view.
  postChatMessage(ivan.doc, 'And one more', { by: 'Ivan Interviewer', role: 'interviewer' }, Date.UTC(2026, 0, 1, 3));
  await expect.poll(() => inView(host, 'And one more')).toBe(true);
  await expect(host.getByRole('button', { name: /new message/ })).toHaveCount(0);
  ivan.close();

  // Its own search finds a message far from the view; Escape shows the whole chat again.
  const search = host.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('Chat note 549 ');
  await expect(host.getByTestId('chat-search-status')).toHaveText('1 of 1,102 messages match “Chat note 549”.');
  await expect(log.locator('li')).toHaveCount(1);
  await expect(log.locator('li mark').first()).toHaveText('Chat note 549');
  await auditScreen(host, 'staff chat, searched');
  await search.fill('no such words');
  await expect(host.getByTestId('chat-search-status')).toHaveText('No message matches “no such words”.');
  await expect(log.locator('li')).toHaveCount(0);
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect.poll(() => inView(host, 'And one more')).toBe(true);
  await expect(log.locator('li').last()).toHaveAttribute('aria-setsize', String(MESSAGES + 2));
});
