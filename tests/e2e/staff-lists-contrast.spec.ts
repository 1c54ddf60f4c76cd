/**
 * The colour contrast of the long staff lists' text is checked by the accessibility audit, not left "to review".
 *
 * A windowed list (WindowedList) draws a margin of items beyond its scroller's view. axe counts text in a scrolling
 * box as visible (a reader can scroll to it) and looks for the first opaque background behind it; with the lists
 * transparent that was the sidebar's card, and for an item drawn beyond the card's own box (the margin above or below
 * a list scrolled into its middle) axe could not tell the text's background ("partially obscured by another
 * element") and left the item's words, its author and time, for a person to review. So a bad colour there went
 * unnoticed. Each list now paints the card's background itself (the same white, so nothing looks different): it holds
 * every drawn item, and axe decides every one.
 *
 * The app has one palette: the system's dark preference changes none of these colours. Both preferences are audited,
 * so a dark theme added later is held to the same bar.
 */
import { test, expect } from './fixtures';
import { openHostSessionByLink, openTab, publishOneQuestionSession } from './pages/live-pages';
import { ensureAxe } from './pages/axe-run';
import { hostDoc, serverSees } from '../support/host-actions';
import { readSecret } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { readSubmissions, submitQuestion, type Submission } from '../../src/sync/audience-doc';
import { decide, readDecisions } from '../../src/sync/moderation-doc';
import { addReaction, readReactions } from '../../src/sync/staff-doc';
import type { NodeResult } from 'axe-core';
import type { Page } from '@playwright/test';

const REACTIONS = 200;
/** Questions per list: waiting, approved and rejected. */
const PER_LIST = 60;
const LISTS = '[data-testid="reaction-list"], [data-testid="qa-pending"], [data-testid="qa-queue"], [data-testid="qa-rejected"]';

interface ListContrast {
  /** Text nodes in the lists that axe could not decide, with its reason. */
  undecided: string[];
  /** Text in the lists axe checked and passed, and the lowest contrast among them. */
  passed: number;
  lowest: number;
  /** Text in the lists axe checked and failed. */
  failed: string[];
}

/**
 * axe's colour-contrast rule on the whole page, its findings narrowed to the text inside the long lists, in one turn
 * of the page's own: a list drawing other items between axe's run and the narrowing could not mislead it.
 */
async function listContrast(page: Page): Promise<ListContrast> {
  await ensureAxe(page.mainFrame(), false);
  return page.evaluate(async (lists) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, elementRef: true });
    const inLists = (nodes: NodeResult[]) => nodes.filter((n) => (n as NodeResult & { element?: Element }).element?.closest(lists) != null);
    const passed = inLists(results.passes.flatMap((r) => r.nodes));
    const ratio = (n: NodeResult) => Number((n.any[0]?.data as { contrastRatio?: number } | undefined)?.contrastRatio ?? 0);
    return {
      undecided: inLists(results.incomplete.flatMap((r) => r.nodes)).map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join('; ')}`),
      passed: passed.length,
      lowest: Math.min(...passed.map(ratio)),
      failed: inLists(results.violations.flatMap((r) => r.nodes)).map((n) => n.target.join(' ')),
    };
  }, LISTS);
}

/** Scrolls each list's scroller into the middle of its list, so items are drawn beyond its view on both sides. */
async function scrollListsToMiddle(page: Page): Promise<void> {
  await page.evaluate((lists) => {
    for (const list of document.querySelectorAll(lists)) {
      const scroller = list.parentElement as HTMLElement;
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) / 2;
    }
  }, LISTS);
}

/** Audits the lists as they are drawn now, then with a colour under AA put on their quieter words. */
async function expectListsAudited(page: Page, screen: string, items: number): Promise<void> {
  await scrollListsToMiddle(page);
  // The scroll draws the items around the new view (a commit, then a measuring pass): audit what settles.
  await expect.poll(async () => (await listContrast(page)).undecided, { message: `every text in the lists decided: ${screen}`, timeout: 60_000 }).toEqual([]);
  const now = await listContrast(page);
  console.log(`${screen}: ${now.passed} texts in the lists pass, lowest contrast ${now.lowest}:1`);
  expect(now.failed, screen).toEqual([]);
  // Each drawn item has at least one text checked (the lists draw more than the view: a margin each side).
  expect(now.passed, screen).toBeGreaterThanOrEqual(items);
  expect(now.lowest, screen).toBeGreaterThanOrEqual(4.5);

  // The audit would catch a bad colour there: #a0a0a0 on white is 2.6:1.
  const style = await page.addStyleTag({ content: '.reaction-list .muted, .qa-item .qa-text, .qa-queue .muted, .qa-rejected-list .muted { color: #a0a0a0 !important; }' });
  const bad = await listContrast(page);
  await style.evaluate((el) => (el as HTMLStyleElement).remove());
  expect(bad.undecided, screen).toEqual([]);
  expect(bad.failed.length, `a colour under AA fails in the lists: ${screen}`).toBeGreaterThanOrEqual(items);
}

test('the long lists’ text contrast is decided by the audit, in the light and dark preference', async ({ newProfile, server }) => {
  test.setTimeout(150_000);
  const id = 'staff-lists-contrast-1';
  await publishOneQuestionSession(server, id);
  const staff = await hostDoc(server, `${id}.staff`);
  staff.doc.transact(() => {
    for (let k = 0; k < REACTIONS; k++) {
      addReaction(staff.doc, k % 5 === 0 ? 'concern' : 'strong', { questionId: 'q-one', questionIndex: 0, recordingId: null, momentMs: k * 1000 }, { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1) + k * 1000);
    }
  });
  const audience = await hostDoc(server, `${id}.audience`, mintToken(readSecret(server.dataDir), { iid: id, role: 'audience', sub: 'Viewer', ttlSec: 600 }));
  const asked: Submission[] = [];
  audience.doc.transact(() => {
    for (let k = 0; k < 3 * PER_LIST; k++) {
      const r = submitQuestion(audience.doc, `Audience question ${k}: how would you roll back a bad deployment of it?`, { author: 'Viewer', authorKey: 'audience:viewer' }, Date.UTC(2026, 0, 1) + k * 1000);
      if (!r.ok) throw new Error(r.reason);
      asked.push(r.submission);
    }
  });
  const moderation = await hostDoc(server, `${id}.moderation`);
  moderation.doc.transact(() => {
    asked.slice(PER_LIST).forEach((s, i) => decide(moderation.doc, s, { action: i < PER_LIST ? 'approve' : 'reject' }, { by: 'host', role: 'host' }, Date.UTC(2026, 0, 1, 1)));
  });
  await serverSees(server, `${id}.staff`, (d) => readReactions(d).length === REACTIONS, 'every reaction', 60_000);
  await serverSees(server, `${id}.audience`, (d) => readSubmissions(d).length === 3 * PER_LIST, 'every question', 60_000);
  await serverSees(server, `${id}.moderation`, (d) => readDecisions(d).size === 2 * PER_LIST, 'every decision', 60_000);
  staff.close();
  audience.close();
  moderation.close();

  const host = await openHostSessionByLink(await newProfile(), server, id);
  await host.setViewportSize({ width: 1280, height: 900 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await host.emulateMedia({ colorScheme });
    await openTab(host, 'Reactions');
    // (Opened again, the list is where this test left it: kept-state.ts.)
    await expect(host.getByTestId('reaction-list').locator('li').last()).toHaveAttribute('aria-setsize', String(REACTIONS), { timeout: 60_000 });
    await expectListsAudited(host, `reactions (${colorScheme})`, 20);

    await openTab(host, 'Q&A');
    await expect(host.getByRole('heading', { name: `Waiting for review (${PER_LIST})` })).toBeVisible({ timeout: 60_000 });
    const rejected = host.locator('details.qa-rejected');
    if (!(await rejected.evaluate((d) => (d as HTMLDetailsElement).open))) await rejected.locator('summary').click();
    await expect(host.getByTestId('qa-rejected').locator('li').first()).toBeVisible();
    await expectListsAudited(host, `Q&A (${colorScheme})`, 30);
  }
});
