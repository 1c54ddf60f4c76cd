/**
 * Nothing on the guest's screens moves by itself on a phone, over the whole path: the invite link's technical check,
 * the intro and consent, a spoken question (recorded), a break, a multiple-choice and a coding question, and the
 * completed screen. The browser reports every layout shift (pages/layout-shifts.ts); one that no press or key had
 * just caused is something moving under the guest's finger or eye: a note arriving, a banner, a line that grew. The
 * test fails on any such shift above a small threshold and names the screen and what moved, from where to where.
 * The screens each settle (the microphone, the plan, the connection's figures, the developer banner, the read-aloud
 * outcome, a stored answer's upload and AI status) before the guest moves on, as a person would wait to read them.
 * The stored answer's AI status is held back a second (a slow network fetching the speech models' list), so it
 * arrives well after Stop's press however busy the machine is: what it moves is then a shift nobody asked for.
 *
 * Each screen change also starts the next screen at the page's top with the focus on its heading, as a new page
 * would, although the guest pressed on from the bottom of the last one.
 *
 * Two phones: 360×740 with a voice reading each question out (pages/test-voice.ts, as on a real phone), and 320×568
 * with none (the suite's Chromium: read-aloud says it is unavailable).
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  codingQuestion,
  consentAndStart,
  holdProcessing,
  mcqQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  recordAnswer,
  spokenQuestion,
} from './pages/guest-pages';
import { atPageEnd, describeShifts, expectNothingMovedByItself, expectScreenStart, recordLayoutShifts, settle, takeShifts, type Shift } from './pages/layout-shifts';
import { installTestVoice } from './pages/test-voice';

async function readAloudDone(page: Page, voice: boolean): Promise<void> {
  await expect(page.getByTestId('read-aloud')).toHaveAttribute('data-phase', voice ? 'idle' : 'unavailable', { timeout: 20_000 });
}

const PHONES = [
  { width: 360, height: 740, voice: true },
  { width: 320, height: 568, voice: false },
];

for (const phone of PHONES) {
  test(`at ${phone.width}×${phone.height} (${phone.voice ? 'with' : 'no'} voice) nothing moves by itself from the invite link to the last screen`, async ({ guestContext, server }) => {
    test.setTimeout(240_000);
    const id = `layout-shift-${phone.width}`;
    const link = await publishAndInvite(
      server,
      planOf(id, [spokenQuestion('q-spoken', 'Describe a bug you fixed and how you found it.'), mcqQuestion('q-mcq'), codingQuestion('q-code')]),
      'Ada Lovelace',
    );
    const page = await (await guestContext({ viewport: { width: phone.width, height: phone.height } })).newPage();
    await recordLayoutShifts(page);
    if (phone.voice) await installTestVoice(page);
    const seen: Shift[] = [];
    const collect = async () => seen.push(...(await takeShifts(page)));

    // Technical check: everything it fills in with.
    await openInvite(page, link);
    await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
    await expect(page.getByTestId('guest-question-count')).toHaveText('3');
    await expect(page.locator('.guest-header [data-sync-state]')).toHaveAttribute('data-sync-state', 'synced');
    await expect(page.getByTestId('connection-quality')).not.toHaveAttribute('data-quality', 'measuring', { timeout: 30_000 });
    await expect(page.getByTestId('test-model-banner')).toBeVisible();
    await settle(page);
    await collect();

    // Intro and consent.
    await atPageEnd(page);
    await passTechCheck(page);
    await expectScreenStart(page, page.getByRole('heading', { name: 'How it works' }));
    await settle(page);
    await collect();
    await atPageEnd(page);
    await consentAndStart(page);
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));

    // 1: spoken, read out (or not), recorded, stored and uploaded.
    await readAloudDone(page, phone.voice);
    await settle(page);
    const processing = await holdProcessing(page);
    await recordAnswer(page, 2);
    await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
    await page.waitForTimeout(1000);
    await processing.release();
    await expect(page.getByTestId('ai-answer-status')).toHaveAttribute('data-ai-state', /^(transcribing|transcribed|queued-staff|failed)$/, { timeout: 30_000 });
    await settle(page);
    await collect();

    // A break, and back.
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Take a break' }).click();
    await expectScreenStart(page, page.getByRole('heading', { name: 'You are taking a break' }));
    await settle(page);
    await collect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Resume the interview' }).click();
    await expect(page.getByTestId('answer-stored')).toBeVisible();
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));
    await settle(page);
    await collect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Next question' }).click();

    // 2: multiple choice.
    await expect(page.getByTestId('question-position')).toHaveText('Question 2 of 3');
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 2', exact: true }));
    await readAloudDone(page, phone.voice);
    await settle(page);
    await page.getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Save answer' }).click();
    await expect(page.getByTestId('mcq-saved')).toHaveText('Answer B saved.');
    await settle(page);
    await collect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Next question' }).click();

    // 3: coding.
    await expect(page.getByTestId('question-position')).toHaveText('Question 3 of 3');
    await expectScreenStart(page, page.locator('#question-title'));
    await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready', { timeout: 60_000 });
    await readAloudDone(page, phone.voice);
    await settle(page);
    // Typed as a person types (keys, not a pasted fill): the editor's lines settle as each key lands.
    await page.getByLabel('Your code').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// adds them up');
    await page.getByRole('button', { name: 'Submit code' }).click();
    await expect(page.getByText('Code submitted.')).toBeVisible();
    await settle(page);
    await collect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Finish interview' }).click();

    // Completed.
    await expectScreenStart(page, page.getByRole('heading', { name: /you have completed the interview/ }));
    await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
    await settle(page);
    await collect();

    test.info().annotations.push({ type: 'layout shifts', description: describeShifts(seen) || 'none' });
    expectNothingMovedByItself(seen);
  });
}
