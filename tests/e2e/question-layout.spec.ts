/**
 * A question on a phone stays usable under the bar docked at the bottom of the window (Next, Take a break). Where
 * the last question's bar takes two rows (about 330 px wide and below: "Finish interview" and "Take a break" side by
 * side do not fit), what the keyboard moves to is scrolled above both rows, and the end of the page too.
 */
import type { Locator } from '@playwright/test';
import { test, expect, consentAndStart, openInvite, passTechCheck, planOf, publishAndInvite, recordAnswer, spokenQuestion } from './pages/guest-pages';
import { expectInFullView } from './pages/layout';

/** The place of `control` in the window, and the docked bar's top. */
async function aboveBar(control: Locator): Promise<{ bottom: number; barTop: number }> {
  return control.evaluate((el) => ({ bottom: el.getBoundingClientRect().bottom, barTop: document.querySelector('.question-nav')!.getBoundingClientRect().top }));
}

test('at 320 px the last question’s two-row bar hides nothing: Tab and the page’s end scroll above both rows', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('question-layout-narrow', [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 320, height: 740 } })).newPage();
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
