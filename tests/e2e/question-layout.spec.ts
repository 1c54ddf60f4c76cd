/**
 * A question on a phone stays still and usable from its first view. What a candidate is about to press (Record, a
 * multiple-choice option) must be in full view, not under the bar docked at the bottom of the window (Next, Take a
 * break), and must not move as the screen fills in: the read-aloud outcome arrives a second or more after the
 * question shows ("unavailable" in the suite's Chromium, which has no voice; its three-line note pushed the options
 * down 43 px), the test server's banner after that. At 320 px the bar keeps one row where Take a break shows (it
 * took two, 116 px of the window, on every question: it now shows a pause sign and "Break" under 360 px, named
 * "Take a break" still). Where it does take two rows (with the phone's larger text: "Finish interview" and "Break"
 * side by side do not fit), what the keyboard moves to is scrolled above both rows, and the end of the page too.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, consentAndStart, mcqQuestion, openInvite, passTechCheck, planOf, publishAndInvite, recordAnswer, spokenQuestion } from './pages/guest-pages';
import { expectInFullView, largerText } from './pages/layout';

interface Seen {
  t: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Reads the page place of the first element matching `selector` on every frame, from before the question shows. */
async function sampleEveryFrame(page: Page, selector: string): Promise<void> {
  await page.addInitScript((sel) => {
    const seen: Seen[] = [];
    (window as unknown as { seen: Seen[] }).seen = seen;
    const read = () => {
      const el = document.querySelector(sel);
      if (el) {
        const r = el.getBoundingClientRect();
        seen.push({ t: Math.round(performance.now()), x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height });
      }
      requestAnimationFrame(read);
    };
    requestAnimationFrame(read);
  }, selector);
}

/** Where it was seen on the first frame it showed, and each later frame where its place or size had changed. */
async function movesSeen(page: Page): Promise<{ first: Seen; moves: Seen[]; frames: number }> {
  const seen = await page.evaluate(() => (window as unknown as { seen: Seen[] }).seen.splice(0));
  const moves = seen.filter((s, i) => i > 0 && (['x', 'y', 'width', 'height'] as const).some((k) => s[k] !== seen[i - 1]![k]));
  return { first: seen[0]!, moves, frames: seen.length };
}

/** Waits for the read-aloud outcome (no voice here: "unavailable") and a second more of frames. */
async function afterReadAloudSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('read-aloud')).toHaveAttribute('data-phase', 'unavailable', { timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Read aloud is unavailable' })).toBeVisible();
  await page.waitForTimeout(1000);
}

test('on a 360 px phone Record is in full view above the docked bar from the question’s first frame, and stays put', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('question-layout-record', [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.'), mcqQuestion('q2')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await sampleEveryFrame(page, '.record-button');
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  const record = page.getByRole('button', { name: 'Record answer' });
  await expectInFullView(record);
  await afterReadAloudSettled(page);

  const { first, moves, frames } = await movesSeen(page);
  expect(frames, 'Record was read on many frames').toBeGreaterThan(30);
  expect(moves, `Record moved after its first frame (there: y ${first.y})`).toEqual([]);
  expect(await page.evaluate(() => window.scrollY), 'the guest has not scrolled').toBe(0);
  await expectInFullView(record);
  // A press where it showed on the first frame starts the recording.
  await page.mouse.click(first.x + first.width / 2, first.y + first.height / 2);
  await expect(page.getByTestId('listening')).toBeVisible();
});

test('on a 360 px phone the multiple-choice options stay put when the read-aloud note arrives', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('question-layout-mcq', [mcqQuestion('q1')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await sampleEveryFrame(page, '.mcq-option');
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await afterReadAloudSettled(page);

  const { first, moves, frames } = await movesSeen(page);
  expect(frames, 'the first option was read on many frames').toBeGreaterThan(30);
  expect(moves, `the first option moved after its first frame (there: y ${first.y})`).toEqual([]);
  await expectInFullView(page.locator('.mcq-option').first());
  // A press where the first option showed on the first frame chooses it.
  await page.mouse.click(first.x + first.width / 2, first.y + first.height / 2);
  await expect(page.getByRole('radio').first()).toBeChecked();
});

/** The place of `control` in the window, and the docked bar's top. */
async function aboveBar(control: Locator): Promise<{ bottom: number; barTop: number }> {
  return control.evaluate((el) => ({ bottom: el.getBoundingClientRect().bottom, barTop: document.querySelector('.question-nav')!.getBoundingClientRect().top }));
}

test('at 320 px the docked bar keeps one row where Take a break shows, on the last question too, and the break keeps its name', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('question-layout-one-row', [mcqQuestion('q1'), spokenQuestion('q2', 'Describe a bug you fixed and how you found it.')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 320, height: 568 } })).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  const bar = page.locator('.question-nav');
  const oneRow = async (next: string) => {
    const pause = page.getByRole('button', { name: 'Take a break', exact: true });
    await expect(pause).toBeVisible();
    const [nextBox, pauseBox, barBox] = await Promise.all([page.getByRole('button', { name: next }).boundingBox(), pause.boundingBox(), bar.boundingBox()]);
    expect(pauseBox!.y, `Take a break is on ${next}'s row`).toBe(nextBox!.y);
    expect(barBox!.height, 'the bar is one row high').toBeLessThan(nextBox!.height * 2);
    await expectInFullView(pause);
    // What it shows: the pause sign and "Break" (its full name is there for screen readers only, in a 1 px box).
    expect(await pause.evaluate((el) => [...el.querySelectorAll('span')].filter((s) => s.getBoundingClientRect().width > 1).map((s) => s.textContent).join(' '))).toBe('Break');
  };
  // A multiple-choice question with no time limit left running: Take a break shows before it is answered.
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Save answer' }).click();
  await oneRow('Next question');
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(page.getByTestId('question-position')).toHaveText('Question 2 of 2');
  await recordAnswer(page, 2);
  await oneRow('Finish interview');
  // Its name is what a press does.
  await page.getByRole('button', { name: 'Take a break', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'You are taking a break' })).toBeVisible();
});

test('at 320 px with larger text the last question’s two-row bar hides nothing: Tab and the page’s end scroll above both rows', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('question-layout-narrow', [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 320, height: 740 } })).newPage();
  await largerText(page);
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await recordAnswer(page, 2);
  const finish = page.getByRole('button', { name: 'Finish interview' });
  const pause = page.getByRole('button', { name: 'Take a break' });
  await expect(pause).toBeVisible();
  // The case this is about: Take a break went above Finish interview, a second row.
  const [finishBox, pauseBox] = await Promise.all([finish.boundingBox(), pause.boundingBox()]);
  expect(pauseBox!.y + pauseBox!.height, 'Take a break sits on a row above Finish interview').toBeLessThanOrEqual(finishBox!.y);
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });

  // From the page's top, the keyboard goes down to Re-record: it is scrolled into view above the bar, not under it.
  const rerecord = page.getByRole('button', { name: /^Re-record/ });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByTestId('read-aloud').getByRole('button').focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let i = 0; i < 20 && !(await rerecord.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(rerecord).toBeFocused();
  const focused = await aboveBar(rerecord);
  expect(focused.bottom, `Re-record, reached with Tab, ends above the bar (bar's top ${focused.barTop})`).toBeLessThanOrEqual(focused.barTop);
  await expectInFullView(rerecord);

  // Scrolled to its end, the page shows all of the stored answer above the bar.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const end = await aboveBar(page.getByTestId('answer-stored'));
  expect(end.bottom, 'the stored answer scrolls clear of the bar').toBeLessThanOrEqual(end.barTop);
});
