/**
 * A staff member's work in the sidebar's long lists outlives what is drawn: the sidebar draws only the open tab and
 * each list only the items in view, yet switching tabs keeps each list's search and the reader's place in it, the
 * chat message being written, and a moderator's edit of a waiting question survives its item being scrolled out of
 * the list (and a tab switch) with the focus gone elsewhere; the rejected questions' list stays open or closed.
 */
import { test, expect } from './fixtures';
import { openHostSessionByLink, openTab, publishOneQuestionSession } from './pages/live-pages';
import { hostDoc, serverSees } from '../support/host-actions';
import { readSecret } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { readSubmissions, submitQuestion, type Submission } from '../../src/sync/audience-doc';
import { addReaction, postChatMessage, readChat, readReactions } from '../../src/sync/staff-doc';
import type { Locator } from '@playwright/test';

/** The first item whose bottom is in the scroller's view, and where the view's top is in it (a fraction of its height). */
function firstInView(scroller: Locator) {
  return scroller.evaluate((el) => {
    const view = el.getBoundingClientRect();
    const li = [...el.querySelectorAll<HTMLElement>('li[data-key]')].find((x) => x.getBoundingClientRect().bottom > view.top + 1);
    const box = li?.getBoundingClientRect();
    return { at: li?.getAttribute('aria-posinset') ?? null, place: box ? (view.top - box.top) / box.height : null };
  });
}

test('switching tabs keeps each list’s search and place, and the chat message being written', async ({ newProfile, server }) => {
  test.setTimeout(150_000);
  const id = 'staff-lists-keep-1';
  await publishOneQuestionSession(server, id);
  const staff = await hostDoc(server, `${id}.staff`);
  const MESSAGES = 300;
  const REACTIONS = 300;
  const note = (k: number) => `Chat note ${k} `.padEnd(600 + (k % 5) * 150, ' lorem ipsum dolor sit amet');
  staff.doc.transact(() => {
    for (let k = 0; k < MESSAGES; k++) postChatMessage(staff.doc, note(k), { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
    for (let k = 0; k < REACTIONS; k++) {
      addReaction(staff.doc, k % 3 === 0 ? 'concern' : 'strong', { questionId: 'q-one', questionIndex: 0, recordingId: null, momentMs: k * 1000 }, { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
    }
  });
  await serverSees(server, `${id}.staff`, (d) => readChat(d).length === MESSAGES && readReactions(d).length === REACTIONS, 'the chat and the reactions', 60_000);
  staff.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await host.setViewportSize({ width: 1280, height: 900 });
  await openTab(host, 'Chat');
  const log = host.getByRole('log', { name: 'Staff chat messages' });
  await expect(log.locator('li').last()).toHaveAttribute('aria-posinset', String(MESSAGES), { timeout: 60_000 });
  // Scrolled up into the middle of the chat, and a message half written.
  for (const top of [20_000, 40_000, 60_000]) {
    await log.evaluate((el, t) => (el.scrollTop = t), top);
    await host.waitForTimeout(300);
  }
  await expect.poll(async () => (await firstInView(log)).at).not.toBeNull();
  const chatPlace = await firstInView(log);
  expect(Number(chatPlace.at)).toBeLessThan(MESSAGES - 20);
  const draft = 'Half-written: ask about the rollback they mentioned';
  await host.getByLabel('Message to staff').fill(draft);

  // Reactions: searched, and read from the top of what the search found (the list opens at its newest).
  await openTab(host, 'Reactions');
  const reactionSearch = host.getByRole('searchbox', { name: 'Search reactions' });
  await reactionSearch.fill('concern');
  const found = `${REACTIONS / 3} of ${REACTIONS} reactions match “concern”.`;
  await expect(host.getByTestId('reaction-search-status')).toHaveText(found);
  const reactions = host.getByRole('group', { name: /^Reactions on question 1/ });
  await reactions.focus();
  await host.keyboard.press('Home');
  await expect.poll(async () => (await firstInView(reactions)).at).toBe('1');

  // Back to the chat: the same message at the view's top, the draft still there.
  await openTab(host, 'Chat');
  await expect(host.getByLabel('Message to staff')).toHaveValue(draft);
  await expect.poll(async () => (await firstInView(log)).at, { timeout: 20_000 }).toBe(chatPlace.at);
  expect(Math.abs((await firstInView(log)).place! - chatPlace.place!)).toBeLessThan(0.05);
  // The chat's own search is kept the same way.
  const chatSearch = host.getByRole('searchbox', { name: 'Search messages' });
  await chatSearch.fill('Chat note 123');
  await expect(host.getByTestId('chat-search-status')).toHaveText(`1 of ${MESSAGES} messages match “Chat note 123”.`);

  // Back to the reactions: still searched, still at the top of what was found.
  await openTab(host, 'Reactions');
  await expect(reactionSearch).toHaveValue('concern');
  await expect(host.getByTestId('reaction-search-status')).toHaveText(found);
  await expect.poll(async () => (await firstInView(reactions)).at).toBe('1');
  // Escape clears the kept search like any other.
  await reactionSearch.press('Escape');
  await expect(reactions.locator('li').last()).toHaveAttribute('aria-setsize', String(REACTIONS));

  await openTab(host, 'Chat');
  await expect(chatSearch).toHaveValue('Chat note 123');
  await expect(host.getByTestId('chat-search-status')).toHaveText(`1 of ${MESSAGES} messages match “Chat note 123”.`);
  // Sending shows one's own message at the end, whatever was searched and wherever the reader was.
  await host.getByLabel('Message to staff').press('Enter');
  await expect(chatSearch).toHaveValue('');
  await expect(log.locator('li').last()).toContainText(draft);
  await expect(log.locator('li').last()).toHaveAttribute('aria-posinset', String(MESSAGES + 1));
});

test('a moderator’s edit of a waiting question survives its item scrolled out of the list and a tab switch', async ({ newProfile, server }) => {
  test.setTimeout(150_000);
  const id = 'staff-lists-keep-2';
  const WAITING = 200;
  const question = (k: number) => `Audience question ${k}: `.padEnd(300, ' how would you approach it').concat('?');
  await publishOneQuestionSession(server, id);
  const audience = await hostDoc(server, `${id}.audience`, mintToken(readSecret(server.dataDir), { iid: id, role: 'audience', sub: 'Viewer', ttlSec: 600 }));
  const asked: Submission[] = [];
  audience.doc.transact(() => {
    for (let k = 0; k < WAITING; k++) {
      const r = submitQuestion(audience.doc, question(k), { author: 'Viewer', authorKey: 'audience:viewer' }, Date.UTC(2026, 0, 1) + k * 1000);
      if (!r.ok) throw new Error(r.reason);
      asked.push(r.submission);
    }
  });
  await serverSees(server, `${id}.audience`, (d) => readSubmissions(d).length === WAITING, 'every question', 60_000);
  audience.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await openTab(host, 'Q&A');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING})` })).toBeVisible({ timeout: 60_000 });
  const first = host.locator(`li[data-submission-id="${asked[0]!.id}"]`);
  await first.getByRole('button', { name: 'Edit' }).click();
  const field = first.getByLabel('Edited question');
  await expect(field).toBeFocused();
  const edited = 'How would you approach a rollback?';
  await field.fill(edited);

  // The focus leaves the item, and the list scrolls far enough that the item is no longer drawn.
  await host.getByRole('heading', { name: `Waiting for review (${WAITING})` }).click();
  const scroller = host.locator('[data-qa-list="pending"] .qa-scroller');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(first).toHaveCount(0);
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(first.getByLabel('Edited question')).toHaveValue(edited);
  // Drawn again, the open edit does not take the focus.
  await expect(first.getByLabel('Edited question')).not.toBeFocused();

  // Another tab and back: the edit is still open with its text, and approving it approves the edited words.
  await openTab(host, 'Chat');
  await openTab(host, 'Q&A');
  await expect(first.getByLabel('Edited question')).toHaveValue(edited);
  await first.getByRole('button', { name: 'Approve edited question' }).click();
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING - 1})` })).toBeVisible();
  await expect(host.getByTestId('qa-queue').locator('li').first()).toContainText(edited);
  // Cancel closes an edit and forgets it: the next question's edit opens on its own words.
  const second = host.locator(`li[data-submission-id="${asked[1]!.id}"]`);
  await second.getByRole('button', { name: 'Edit' }).click();
  await second.getByLabel('Edited question').fill('thrown away');
  await second.getByRole('button', { name: 'Cancel' }).click();
  await expect(second.getByRole('button', { name: 'Edit' })).toBeFocused();
  await second.getByRole('button', { name: 'Edit' }).click();
  await expect(second.getByLabel('Edited question')).toHaveValue(question(1));

  // The rejected list, opened, is open again after a tab switch (it opened closed, its questions hidden); closed, closed.
  await host.locator(`li[data-submission-id="${asked[2]!.id}"]`).getByRole('button', { name: 'Reject' }).click();
  const rejected = host.locator('details.qa-rejected');
  const rejectedItem = host.getByTestId('qa-rejected').locator(`li[data-submission-id="${asked[2]!.id}"]`);
  await expect(rejected).not.toHaveAttribute('open');
  await rejected.getByText('Rejected (1)').click();
  await expect(rejectedItem).toBeVisible();
  await openTab(host, 'Chat');
  await openTab(host, 'Q&A');
  await expect(rejected).toHaveAttribute('open');
  await expect(rejectedItem).toBeVisible();
  await rejected.getByText('Rejected (1)').click();
  await expect(rejected).not.toHaveAttribute('open');
  await openTab(host, 'Chat');
  await openTab(host, 'Q&A');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING - 2})` })).toBeVisible();
  await expect(rejected).not.toHaveAttribute('open');
});
