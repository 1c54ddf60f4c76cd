/**
 * Next stays put after the guest stops recording. Just after Stop, the stored answer's parts arrive one after
 * another (the playback, the AI status, the upload's progress, the transcript check), and each used to push Next
 * down: on a 360 px phone it moved four times in the 0.7 s after the press, while the guest reached for it, so a
 * press could land beside it or on something else. Here Next's place in the window is read on every frame from the
 * press of Stop until the upload has finished and the parts have settled, and a press at the place it had when
 * Stop was pressed must take the guest to the next question.
 */
import type { Page } from '@playwright/test';
import { test, expect, consentAndStart, expectQuestion, openInvite, passTechCheck, planOf, publishAndInvite, spokenQuestion, startRecording } from './pages/guest-pages';

interface Place {
  t: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Starts reading Next's place and size in the window (not the page: the finger stays where the window shows it) on every frame. */
async function sampleNextEveryFrame(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: Place[] = [];
    const start = performance.now();
    const read = () => {
      const next = [...document.querySelectorAll('button')].find((b) => /^(Next question|Finish interview)$/.test(b.textContent ?? ''));
      if (next) {
        const r = next.getBoundingClientRect();
        samples.push({ t: Math.round(performance.now() - start), x: r.left, y: r.top, width: r.width, height: r.height });
      }
      if (!(window as unknown as { stopSampling?: boolean }).stopSampling) requestAnimationFrame(read);
    };
    (window as unknown as { nextSamples: typeof samples }).nextSamples = samples;
    read();
  });
}

async function stopSampling(page: Page): Promise<Place[]> {
  return page.evaluate(() => {
    const w = window as unknown as { stopSampling?: boolean; nextSamples: Place[] };
    w.stopSampling = true;
    return w.nextSamples;
  });
}

test('on a 360 px phone Next stays where it was from the press of Stop until the stored answer has settled', async ({ guestContext, server }) => {
  const link = await publishAndInvite(
    server,
    planOf('guest-next-after-stop', [spokenQuestion('q1', 'Tell us about a time you changed your mind.'), spokenQuestion('q2', 'What would you like to learn next?')]),
    'Ada',
  );
  const page = await (await guestContext({ viewport: { width: 360, height: 740 } })).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await startRecording(page, 2);

  const stop = page.getByRole('button', { name: 'Stop recording' });
  await stop.scrollIntoViewIfNeeded();
  await sampleNextEveryFrame(page);
  await stop.click();
  await expect(page.getByTestId('answer-stored')).toBeVisible();
  await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
  await expect(page.getByTestId('ai-answer-status')).toBeVisible();
  // Frames after the last part arrived (the transcript check shows only once there is a transcript, which this
  // suite's guest does not make): a late move would show here.
  await page.waitForTimeout(1500);
  const samples = await stopSampling(page);

  const atPress = samples[0]!;
  const moves = samples.filter((s, i) => i > 0 && ['x', 'y', 'width', 'height'].some((k) => s[k as keyof Place] !== samples[i - 1]![k as keyof Place]));
  expect(samples.length, 'Next was read on many frames').toBeGreaterThan(30);
  expect(moves, `Next moved after the press of Stop (at the press: y ${atPress.y})`).toEqual([]);

  // Next is in the window, and a press where it was when Stop was pressed takes the guest on; before it, the page
  // still scrolls to show all of the answer above Next, and the keyboard goes from Re-record to Next.
  const next = page.getByRole('button', { name: 'Next question' });
  await expect(next).toBeEnabled();
  expect(atPress.y + atPress.height).toBeLessThanOrEqual(740);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const answerEnd = await page.getByTestId('answer-stored').evaluate((el) => el.getBoundingClientRect().bottom);
  const navTop = await page.locator('.question-nav').evaluate((el) => el.getBoundingClientRect().top);
  expect(answerEnd, 'the stored answer scrolls clear of the docked bar').toBeLessThanOrEqual(navTop);
  await page.getByRole('button', { name: /^Re-record/ }).focus();
  await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await page.mouse.click(atPress.x + atPress.width / 2, atPress.y + atPress.height / 2);
  await expectQuestion(page, 2, 2);
});
