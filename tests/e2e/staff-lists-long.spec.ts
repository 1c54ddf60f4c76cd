/**
 * The other long lists of a live session, besides the chat (staff-chat-long.spec.ts): hundreds of audience questions
 * waiting for review and approved, hundreds of reactions on one question. Each list draws only what is in view,
 * tells screen readers each item's place in the whole list, finds any item with its own search, and keeps a
 * moderator who works down the waiting list by keyboard on the next question after each decision. The chat keeps a
 * reader who scrolled up on the same message when the window's width changes.
 */
import { test, expect } from './fixtures';
import { openHostSessionByLink, openTab, publishOneQuestionSession } from './pages/live-pages';
import { auditScreen } from './pages/accessibility';
import { hostDoc, serverSees } from '../support/host-actions';
import { readSecret } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { readSubmissions, submitQuestion, type Submission } from '../../src/sync/audience-doc';
import { decide, readDecisions } from '../../src/sync/moderation-doc';
import { addReaction, postChatMessage, readChat, readReactions } from '../../src/sync/staff-doc';
import type { Page } from '@playwright/test';

const WAITING = 300;
const question = (k: number) => `Audience question ${k}: `.padEnd(499, ' how would you approach it').concat('?');

/** The submission id of the Q&A item holding the keyboard's focus, and which of its buttons that is. */
function focusedAction(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.closest('li')?.dataset.submissionId ?? null, name: el?.textContent ?? null };
  });
}

test('hundreds of audience questions: drawn in view only, with their places, searchable, and decided by keyboard without losing the place', async ({ newProfile, server }) => {
  test.setTimeout(180_000);
  const id = 'staff-qa-long-1';
  await publishOneQuestionSession(server, id);
  // Asked through one audience member's link: the server holds each question to its sender's name.
  const audience = await hostDoc(server, `${id}.audience`, mintToken(readSecret(server.dataDir), { iid: id, role: 'audience', sub: 'Viewer', ttlSec: 600 }));
  const asked: Submission[] = [];
  audience.doc.transact(() => {
    for (let k = 0; k < 2 * WAITING; k++) {
      const r = submitQuestion(audience.doc, question(k), { author: 'Viewer', authorKey: 'audience:viewer' }, Date.UTC(2026, 0, 1) + k * 1000);
      if (!r.ok) throw new Error(r.reason);
      asked.push(r.submission);
    }
  });
  const moderation = await hostDoc(server, `${id}.moderation`);
  // The second half approved: the interviewer's queue is as long as the waiting list.
  moderation.doc.transact(() => {
    for (const s of asked.slice(WAITING)) decide(moderation.doc, s, { action: 'approve' }, { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1, 1));
  });
  await serverSees(server, `${id}.audience`, (d) => readSubmissions(d).length === 2 * WAITING, 'every question', 60_000);
  await serverSees(server, `${id}.moderation`, (d) => readDecisions(d).size === WAITING, 'every approval', 60_000);
  audience.close();
  moderation.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await openTab(host, 'Q&A');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING})` })).toBeVisible({ timeout: 60_000 });
  const pending = host.getByTestId('qa-pending').locator('li[data-submission-id]');
  const queue = host.getByTestId('qa-queue').locator('li[data-submission-id]');
  // Each list opens at its start and says where each item stands in the whole of it.
  await expect(pending.first()).toContainText('Audience question 0:');
  await expect(pending.first()).toHaveAttribute('aria-posinset', '1');
  await expect(pending.first()).toHaveAttribute('aria-setsize', String(WAITING));
  await expect(queue.first()).toHaveAttribute('aria-setsize', String(WAITING));
  // Only what is in view and a margin is in the page (the old lists had all 600).
  expect(await pending.count()).toBeLessThan(40);
  expect(await queue.count()).toBeLessThan(60);

  // By keyboard: each decision leaves the focus on the same button of the question that took the decided one's place.
  await pending.first().getByRole('button', { name: 'Approve', exact: true }).focus();
  await host.keyboard.press('Enter');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING - 1})` })).toBeVisible();
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[1]!.id, name: 'Approve' });
  await host.keyboard.press('Enter');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING - 2})` })).toBeVisible();
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[2]!.id, name: 'Approve' });
  await host.keyboard.press('Tab');
  await host.keyboard.press('Tab');
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[2]!.id, name: 'Reject' });
  await host.keyboard.press('Enter');
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[3]!.id, name: 'Reject' });
  // Edit, then Cancel: back on Edit, not on the page.
  await host.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[3]!.id, name: 'Edit' });
  await host.keyboard.press('Enter');
  await expect(host.getByLabel('Edited question')).toBeFocused();
  await pending.first().getByRole('button', { name: 'Cancel' }).press('Enter');
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[3]!.id, name: 'Edit' });
  // The decisions are announced (the status holds the latest).
  await expect(host.getByText(`Rejected: ${question(2)}`)).toBeAttached();

  // The focused question stays drawn while the list scrolls far from it, so the keyboard keeps its place.
  await host.getByTestId('qa-pending').evaluate((ol) => {
    (ol.parentElement as HTMLElement).scrollTop = 1e9;
  });
  await expect(pending.last()).toHaveAttribute('aria-posinset', String(WAITING - 3));
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[3]!.id, name: 'Edit' });
  await host.keyboard.press('Shift+Tab');
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[3]!.id, name: 'Approve' });
  await host.keyboard.press('Enter');
  await expect(host.getByRole('heading', { name: `Waiting for review (${WAITING - 4})` })).toBeVisible();
  await expect.poll(() => focusedAction(host)).toEqual({ id: asked[4]!.id, name: 'Approve' });

  // Its own search finds a question far from the view, in every list; Escape shows them all again.
  const search = host.getByRole('searchbox', { name: 'Search questions' });
  await search.fill('Audience question 250:');
  await expect(host.getByTestId('qa-search-status')).toHaveText(`1 of ${2 * WAITING} questions match “Audience question 250:”.`);
  await expect(pending).toHaveCount(1);
  await expect(pending.first()).toContainText('Audience question 250:');
  await auditScreen(host, 'Q&A, searched');
  await search.fill('Audience question 450:');
  await expect(queue).toHaveCount(1);
  await expect(host.getByTestId('pending-empty')).toHaveText('No waiting question matches the search.');
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(pending.first()).toHaveAttribute('aria-setsize', String(WAITING - 4));
  await auditScreen(host, 'Q&A of 600 questions');
});

test('hundreds of reactions on one question are drawn in view only and searchable', async ({ newProfile, server }) => {
  test.setTimeout(120_000);
  const id = 'staff-reactions-long-1';
  await publishOneQuestionSession(server, id);
  const staff = await hostDoc(server, `${id}.staff`);
  const REACTIONS = 500;
  staff.doc.transact(() => {
    for (let k = 0; k < REACTIONS; k++) {
      addReaction(staff.doc, k % 7 === 0 ? 'concern' : 'strong', { questionId: 'q-one', questionIndex: 0, recordingId: null, momentMs: k * 1000 }, { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
    }
  });
  await serverSees(server, `${id}.staff`, (d) => readReactions(d).length === REACTIONS, 'every reaction', 60_000);
  staff.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await openTab(host, 'Reactions');
  const list = host.getByTestId('reaction-list').locator('li[data-reaction-id]');
  // Opens at the newest, its place in the whole list given.
  await expect(list.last()).toHaveAttribute('aria-posinset', String(REACTIONS), { timeout: 60_000 });
  await expect(list.last()).toHaveAttribute('aria-setsize', String(REACTIONS));
  await expect(list.last()).toContainText('at 8:19 in the recording');
  expect(await list.count()).toBeLessThan(100);
  // Reached and scrolled by keyboard.
  const scroller = host.getByRole('group', { name: /^Reactions on question 1/ });
  await scroller.focus();
  await host.keyboard.press('Home');
  await expect(list.first()).toHaveAttribute('aria-posinset', '1');
  await expect(list.first()).toContainText('at 0:00 in the recording');

  const search = host.getByRole('searchbox', { name: 'Search reactions' });
  await search.fill('concern');
  await expect(host.getByTestId('reaction-search-status')).toHaveText(`${Math.ceil(REACTIONS / 7)} of ${REACTIONS} reactions match “concern”.`);
  await expect(list.last()).toHaveAttribute('aria-setsize', String(Math.ceil(REACTIONS / 7)));
  await auditScreen(host, 'reactions, searched');
  await search.press('Escape');
  await expect(list.last()).toHaveAttribute('aria-setsize', String(REACTIONS));
});

test('a reader scrolled up in a long chat stays on the same message when the window narrows', async ({ newProfile, server }) => {
  test.setTimeout(120_000);
  const id = 'staff-chat-width-1';
  await publishOneQuestionSession(server, id);
  const staff = await hostDoc(server, `${id}.staff`);
  const MESSAGES = 300;
  const note = (k: number) => `Chat note ${k} `.padEnd(600 + (k % 5) * 150, ' lorem ipsum dolor sit amet');
  staff.doc.transact(() => {
    for (let k = 0; k < MESSAGES; k++) postChatMessage(staff.doc, note(k), { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
  });
  await serverSees(server, `${id}.staff`, (d) => readChat(d).length === MESSAGES, 'the whole chat', 60_000);
  staff.close();

  const context = await newProfile();
  const host = await openHostSessionByLink(context, server, id);
  await host.setViewportSize({ width: 1280, height: 900 });
  await openTab(host, 'Chat');
  const log = host.getByRole('log', { name: 'Staff chat messages' });
  await expect(log.locator('li').last()).toHaveAttribute('aria-posinset', String(MESSAGES), { timeout: 60_000 });
  // Scrolled up into the middle of the chat: the heights there are measured as it goes.
  for (const top of [20_000, 40_000, 60_000]) {
    await log.evaluate((el, t) => (el.scrollTop = t), top);
    await host.waitForTimeout(300);
  }
  /** The first message whose bottom is in the log's view, and where the view's top is in it (a fraction of its height). */
  const firstInView = () =>
    log.evaluate((el) => {
      const view = el.getBoundingClientRect();
      const li = [...el.querySelectorAll<HTMLElement>('li[data-message-id]')].find((x) => x.getBoundingClientRect().bottom > view.top + 1);
      const box = li?.getBoundingClientRect();
      return { at: li?.getAttribute('aria-posinset') ?? null, place: box ? (view.top - box.top) / box.height : null, width: el.clientWidth };
    });
  await expect.poll(async () => (await firstInView()).at).not.toBeNull();
  const before = await firstInView();
  expect(Number(before.at)).toBeLessThan(MESSAGES - 20);
  // A narrower window wraps every message differently.
  await host.setViewportSize({ width: 760, height: 900 });
  await expect.poll(async () => (await firstInView()).width).not.toBe(before.width);
  await host.waitForTimeout(500);
  // The same message at the view's top, the reader's place in it kept in proportion (it wraps to other lines).
  const after = await firstInView();
  expect(after.at).toBe(before.at);
  expect(Math.abs(after.place! - before.place!)).toBeLessThan(0.05);
});
