/**
 * Bad input in the guest's code editor, with an interviewer watching: a 1 MB paste of multi-byte text (about
 * 2.5 MB of UTF-8, past the sync server's 2 MiB frame limit) syncs as several records without the connection ever
 * closing, a 10,000-line draft survives a reload, and what the guest types while the network is gone reaches staff
 * exactly once when it returns. Staff's copy is the guest's code, character for character, every time, and their editor,
 * out of sight, draws only a screenful of it.
 * (Typing speed in a large draft is measured by `npm run bench:coding`, not asserted here.)
 */
import type { Page } from '@playwright/test';
import { draftKey } from '../../src/guest/drafts';
import { readEdits } from '../../src/sync/code-doc';
import { test, expect, codingQuestion, getKv, guestAtCodingQuestion, hostDoc, inviteLink, planOf, publishAndInvite } from './pages/guest-pages';

const liveText = (page: Page) => page.getByTestId('live-code-text').evaluate((el) => el.textContent ?? '');

/** What Ctrl+A, Ctrl+V with `text` on the clipboard does: the editor gets a paste event over the whole text. */
async function pasteOverAll(page: Page, text: string): Promise<void> {
  const content = page.locator('.cm-content');
  await content.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await content.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

// The guest types offline: this file's profiles run the service worker, as a person's browser does (fixtures.ts
// offlineCapable).
test.use({ offlineCapable: true });

test('a 1 MB multi-byte paste, a 10,000-line draft and typing offline all reach staff exactly, and nothing is lost', async ({ guestContext, server }) => {
  test.setTimeout(300_000);
  const id = 'code-bad-input';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-sum')]), 'Bea');
  const guestProfile = await guestContext();
  const guest = await guestProfile.newPage();
  const codeSocketCloses: string[] = [];
  guest.on('websocket', (ws) => {
    if (ws.url().endsWith(`${id}.code`)) ws.on('close', () => codeSocketCloses.push(new Date().toISOString()));
  });
  await guestAtCodingQuestion(guest, link);

  // A short window: the live code panel is out of sight, below the fold, as when a staff member reads something else.
  const staff = await (await guestContext({ viewport: { width: 1280, height: 400 } })).newPage();
  await staff.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
  await expect(staff.getByTestId('live-code')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => liveText(staff), { timeout: 30_000 }).toBe('function sum(values) {\n  // your code\n}\n');

  const draft = () => getKv(guest, draftKey(id, 'q-sum')) as Promise<string | null>;
  /** The guest's code (the draft the editor keeps) holds `text`, and staff's copy is exactly that code. */
  const staffHasGuestCode = async (text: string) => {
    await expect.poll(async () => (await draft())?.trimEnd(), { timeout: 60_000 }).toBe(text.trimEnd());
    const exact = (await draft())!;
    await expect.poll(() => liveText(staff), { timeout: 60_000 }).toBe(exact);
  };
  const editor = guest.getByLabel('Your code');

  // 1. A 1 MB paste of three- and four-byte characters.
  const multiByte = 'function sum(values) {\n' + '  // 日本語のコメントです、漢字😀\n'.repeat(50_000) + '  return values.reduce((a, b) => a + b, 0);\n}\n';
  expect(multiByte.length).toBeGreaterThan(1_000_000);
  expect(new TextEncoder().encode(multiByte).length).toBeGreaterThan(2 * 1024 * 1024);
  const panelTop = await staff.getByTestId('live-code-view').evaluate((el) => el.getBoundingClientRect().top - innerHeight);
  expect(panelTop, 'the live code panel starts below the window').toBeGreaterThan(0);
  await pasteOverAll(guest, multiByte);
  await staffHasGuestCode(multiByte);
  // Out of sight, staff's editor draws a screenful, not all 50,000 lines (drawing them all, and laying them out again
  // for every record that followed, is what made staff's copy a minute late).
  expect(await staff.getByTestId('live-code-view').locator('.cm-line').count()).toBeLessThan(1000);
  // It went as several records, each within a frame, and the code document's connection never closed.
  const server1 = await hostDoc(server, `${id}.code`);
  const records = readEdits(server1.doc).filter((e) => e.ops.some((o) => o[2].includes('日本語')));
  server1.close();
  expect(records.length).toBeGreaterThanOrEqual(10);
  expect(codeSocketCloses).toEqual([]);

  // 2. A 10,000-line draft, then a reload: the draft is kept and staff still have exactly it.
  const longDraft = 'function sum(values) {\n' + Array.from({ length: 10_000 }, (_, i) => `  const v${i} = values[${i % 7}] ?? ${i}; // line ${i}`).join('\n') + '\n  return values.reduce((a, b) => a + b, 0);\n}\n';
  await pasteOverAll(guest, longDraft);
  await staffHasGuestCode(longDraft);
  await guest.reload();
  await expect(guest.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready', { timeout: 60_000 });
  await staffHasGuestCode(longDraft);

  // 3. The network goes while the guest types; the edits reach staff once it is back, exactly once.
  await guestProfile.setOffline(true);
  await editor.focus();
  await guest.keyboard.press('ControlOrMeta+End');
  await guest.keyboard.type('// typed offline 4f2a');
  await expect.poll(async () => (await draft())?.includes('// typed offline 4f2a'), { timeout: 30_000 }).toBe(true);
  const withOffline = (await draft())!;
  expect(await liveText(staff)).not.toContain('typed offline 4f2a');
  await guestProfile.setOffline(false);
  await expect.poll(() => liveText(staff), { timeout: 60_000 }).toBe(withOffline);
  expect((await liveText(staff)).split('typed offline 4f2a').length - 1).toBe(1);
});
