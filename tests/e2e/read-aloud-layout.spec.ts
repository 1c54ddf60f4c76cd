/**
 * Reading the question aloud moves nothing on a phone. A guest's question is read aloud as it appears, and the guest
 * presses Record when it ends; while it read, its note ("Reading the question aloud…") sat beside the Stop button,
 * which on a 360 px phone wraps to a second line, so the answer's controls went down as the reading began and back
 * up 30 px the moment it ended, under the guest's finger. The suite's Chromium has no voice installed, so this test
 * stands in a speech engine for the system's (pages/test-voice.ts: it speaks for 2 s, then ends): everything of the
 * app's read-aloud is its own.
 */
import { test, expect, consentAndStart, openInvite, passTechCheck, planOf, publishAndInvite, spokenQuestion } from './pages/guest-pages';
import { installTestVoice } from './pages/test-voice';

test('on a 360 px phone Record stays put while the question is read aloud and when the reading ends', async ({ guestContext, server }) => {
  const link = await publishAndInvite(server, planOf('read-aloud-layout', [spokenQuestion('q1', 'Describe a bug you fixed and how you found it.')]), 'Ada');
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await installTestVoice(page);
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  const readAloud = page.getByTestId('read-aloud');
  const record = page.getByRole('button', { name: 'Record answer' });
  const placeOfRecord = () =>
    record.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY };
    });
  await expect(readAloud).toHaveAttribute('data-phase', 'speaking');
  await expect(page.getByRole('status').filter({ hasText: 'Reading the question aloud…' })).toBeVisible();
  const whileReading = await placeOfRecord();
  await expect(readAloud).toHaveAttribute('data-phase', 'idle', { timeout: 10_000 });
  expect(await placeOfRecord(), 'Record is where it was while the question was read').toEqual(whileReading);
  // Read again on request: the same.
  await page.getByRole('button', { name: 'Read the question aloud' }).click();
  await expect(readAloud).toHaveAttribute('data-phase', 'speaking');
  expect(await placeOfRecord(), 'Record is where it was while reading again').toEqual(whileReading);
});
