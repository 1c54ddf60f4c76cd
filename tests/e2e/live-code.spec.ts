/**
 * Staff watch the guest's code as it is typed (the code document), with the guest's cursor, each run's result and
 * the submit; an interviewer comments on a line, which the guest's device never receives (asserted on every
 * WebSocket frame it got); the replay's end reproduces the code exactly, and its run mark shows the code as run.
 */
import type { Page } from '@playwright/test';
import { test, expect, codingQuestion, consentAndStart, inviteLink, openInvite, passTechCheck, planOf, publishAndInvite } from './pages/guest-pages';

const liveText = (page: Page) => page.getByTestId('live-code-text').evaluate((el) => el.textContent ?? '');
const editorText = (page: Page) => page.locator('.cm-content').evaluate((el) => Array.from(el.querySelectorAll('.cm-line'), (l) => l.textContent ?? '').join('\n'));
/** Staff see what the guest's editor holds, character for character (a select-all-and-type may keep a last empty line). */
async function staffSeesGuestCode(staff: Page, guest: Page, typed: string): Promise<string> {
  await expect.poll(async () => (await editorText(guest)).trimEnd()).toBe(typed);
  const exact = await editorText(guest);
  await expect.poll(() => liveText(staff)).toBe(exact);
  return exact;
}

test('an interviewer watches the code being typed, comments on a line the guest never receives, and replays it', async ({ guestContext, server }) => {
  test.setTimeout(180_000);
  const id = 'live-code-1';
  const link = await publishAndInvite(server, planOf(id, [codingQuestion('q-sum')]), 'Ada');
  const guest = await (await guestContext()).newPage();
  const received: string[] = [];
  guest.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('latin1'))));
  await openInvite(guest, link);
  await passTechCheck(guest);
  await consentAndStart(guest);
  await expect(guest.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');

  const staff = await (await guestContext()).newPage();
  await staff.goto(await inviteLink(server, id, 'interviewer', 'Ivy Interviewer'));
  const panel = staff.getByTestId('live-code');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  // The starter code is where the log starts.
  await expect.poll(() => liveText(staff)).toBe('function sum(values) {\n  // your code\n}\n');

  // Each batch of keystrokes arrives.
  const content = guest.getByRole('textbox', { name: 'Your code' });
  await content.focus();
  await guest.keyboard.press('ControlOrMeta+a');
  await guest.keyboard.type('function sum(values) {');
  await staffSeesGuestCode(staff, guest, 'function sum(values) {}');
  await guest.keyboard.press('Enter');
  await guest.keyboard.type('return values.len');
  await staffSeesGuestCode(staff, guest, 'function sum(values) {\n  return values.len\n}');
  await guest.keyboard.type('gth;');
  const wrong = await staffSeesGuestCode(staff, guest, 'function sum(values) {\n  return values.length;\n}');
  await expect(panel.getByTestId('live-code-cursor')).toHaveText('Guest’s cursor: line 2, column 24');
  await expect(panel.locator('.cm-remote-cursor')).toHaveCount(1);

  // A run's result reaches staff.
  await guest.getByRole('button', { name: /^Run examples/ }).click();
  await expect(guest.getByTestId('test-verdict')).toContainText('returned 3, expected 6');
  await expect(panel.getByTestId('code-moments')).toContainText('Ran the examples: 0 of 1 passed');

  // A comment on line 2, for staff only.
  const secret = 'Counts the items instead of adding them (staff note 7f3a)';
  await panel.getByLabel('Line', { exact: true }).fill('2');
  await panel.getByLabel('Comment', { exact: true }).fill(secret);
  await panel.getByRole('button', { name: 'Add comment' }).click();
  await expect(panel.getByTestId('code-comments')).toContainText(`Line 2 return values.length; — ${secret}`);

  // The guest fixes it, runs and submits.
  await content.focus();
  await guest.keyboard.press('ControlOrMeta+a');
  await guest.keyboard.type('function sum(values) {');
  await guest.keyboard.press('Enter');
  await guest.keyboard.type('return values.reduce((a, b) => a + b, 0);');
  await guest.getByRole('button', { name: /^Run examples/ }).click();
  await expect(guest.getByTestId('test-verdicts')).toHaveAttribute('data-passed', '1');
  await guest.getByRole('button', { name: 'Submit code' }).click();
  await expect(guest.getByText('Code submitted.')).toBeVisible();
  const final = await staffSeesGuestCode(staff, guest, 'function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}');
  await expect(panel.getByTestId('code-moments').locator('li')).toHaveCount(3);
  await expect(panel.getByTestId('code-moments').locator('li').last()).toContainText('Submitted');

  // Replay: the end is exactly the code; the first run's mark shows the code that was run then.
  await panel.getByRole('button', { name: 'Replay how it was written' }).click();
  const replay = panel.getByTestId('code-playback');
  const shown = replay.getByTestId('playback-code');
  // It starts from the starter code, the log's first edit.
  await expect.poll(() => shown.evaluate((el) => el.textContent)).toBe('function sum(values) {\n  // your code\n}\n');
  const range = replay.getByLabel('Position in the recording');
  const max = await range.getAttribute('max');
  await range.fill(max!);
  await expect.poll(() => shown.evaluate((el) => el.textContent)).toBe(final);
  await replay.getByRole('button', { name: /Ran: 0 of 1 passed/ }).click();
  await expect.poll(() => shown.evaluate((el) => el.textContent)).toBe(wrong);
  await expect(replay.getByRole('button', { name: /Submitted/ })).toHaveCount(1);
  // Play from the start at 1×, so the replay lasts as long as the typing did and cannot reach the end before
  // Pause is pressed (at 16× from the run it sometimes ended first on a busy machine): the position moves on by
  // itself, then Pause stops it (timers run in the page in front).
  await staff.bringToFront();
  await replay.getByLabel('Speed').selectOption('1');
  await range.fill('0');
  const before = Number(await replay.getAttribute('data-position'));
  await replay.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(replay).toHaveAttribute('data-playing', 'true');
  await expect.poll(async () => Number(await replay.getAttribute('data-position'))).toBeGreaterThan(before);
  await replay.getByRole('button', { name: 'Pause' }).click();
  await expect(replay).toHaveAttribute('data-playing', 'false');

  // The guest's device never received the comment: not in any frame, not in its databases.
  expect(received.length).toBeGreaterThan(0);
  expect(received.some((f) => f.includes('staff note 7f3a'))).toBe(false);
  const dbs = await guest.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(dbs.some((n) => n.endsWith('.staff'))).toBe(false);
});
