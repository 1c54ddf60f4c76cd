/**
 * The legs of the guest's path that the layout walk (guest-layout-shift.spec.ts) does not take, with the same
 * recorder (pages/layout-shifts.ts) on the same two phones: the network dropping and the interview taken offline
 * (reload served by the service worker, an answer recorded with nothing to send it over, the network back); a reload
 * mid-interview (welcome back, and a recording cut off); the host pausing and resuming; a microphone the browser
 * refuses, then allows; the phone's largest text, and a folding phone's 280 px cover screen. What changes by itself
 * on these legs (a badge, a note, a panel, a screen the host chose) must not move what the guest is reading, and no
 * screen may scroll sideways.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ServerProcess } from '../support/server-process';
import {
  test,
  expect,
  consentAndStart,
  codingQuestion,
  dismissOfflineToast,
  expectNoSidewaysScroll,
  holdProcessing,
  mcqQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  putKv,
  recordAnswer,
  sendHostCommand,
  spokenQuestion,
  startRecording,
  storedTakes,
} from './pages/guest-pages';
import { largerText } from './pages/layout';
import { atPageEnd, describeShifts, expectNothingMovedByItself, expectScreenStart, recordLayoutShifts, settle, takeShifts, type Shift } from './pages/layout-shifts';

const PHONES = [
  { width: 360, height: 740 },
  { width: 320, height: 568 },
];

/** The shifts one leg saw, with the screen each happened on; checked once at the leg's end. */
class ShiftLog {
  readonly seen: Shift[] = [];
  constructor(private readonly page: Page) {}

  async collect(): Promise<void> {
    this.seen.push(...(await takeShifts(this.page)));
  }

  /** Waits for what fills in to arrive, then takes what moved meanwhile. */
  async settleAndCollect(): Promise<void> {
    await settle(this.page);
    await this.collect();
  }

  expectNoneUnasked(): void {
    test.info().annotations.push({ type: 'layout shifts', description: describeShifts(this.seen) || 'none' });
    expectNothingMovedByItself(this.seen);
  }
}

async function phonePage(ctx: BrowserContext): Promise<{ page: Page; log: ShiftLog }> {
  const page = await ctx.newPage();
  await recordLayoutShifts(page);
  return { page, log: new ShiftLog(page) };
}

/** The technical check with everything it fills in with: the microphone ready, the plan, sync, the connection's figures. */
async function techCheckSettled(page: Page, questions: number, sync: RegExp | string = 'synced'): Promise<void> {
  await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
  await expect(page.getByTestId('guest-question-count')).toHaveText(String(questions));
  await expect(page.locator('.guest-header [data-sync-state]')).toHaveAttribute('data-sync-state', sync);
  await expect(page.getByTestId('connection-quality')).not.toHaveAttribute('data-quality', 'measuring', { timeout: 30_000 });
}

/**
 * A microphone that clips, then hears nothing, by turns every 3 s: the page's getUserMedia answers with a
 * full-scale square wave switched on and off, as a guest who holds the phone to the mouth and pauses sounds to the
 * level meter. Its words for these ("Very loud: …", "No sound yet: …") are its longest and come seconds apart.
 */
async function loudThenSilentMicrophone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = async () => {
      const ctx = new AudioContext();
      const tone = ctx.createOscillator();
      tone.type = 'square';
      const volume = ctx.createGain();
      const out = ctx.createMediaStreamDestination();
      tone.connect(volume).connect(out);
      tone.start();
      setInterval(() => (volume.gain.value = volume.gain.value > 0 ? 0 : 1), 3000);
      // A name of a usual length: the destination node's own ("MediaStreamAudioDestinationNode") takes two lines.
      for (const track of out.stream.getAudioTracks()) Object.defineProperty(track, 'label', { value: 'Headset microphone' });
      return out.stream;
    };
  });
}

async function toFirstQuestion(page: Page, log: ShiftLog): Promise<void> {
  await log.settleAndCollect();
  await atPageEnd(page);
  await passTechCheck(page);
  await expectScreenStart(page, page.getByRole('heading', { name: 'How it works' }));
  await log.settleAndCollect();
  await atPageEnd(page);
  await consentAndStart(page);
  await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));
  await log.settleAndCollect();
}

/**
 * The completed screen with a spoken answer whose transcript the device has not made yet (a slow network holds the
 * speech models' list past the interview's end), scrolled to "Your answers" as a guest reads them.
 */
async function completedWithTranscriptWaiting(ctx: BrowserContext, server: ServerProcess, id: string) {
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe how a cache can serve stale data.'), mcqQuestion('q2')]), 'Edsger');
  const { page, log } = await phonePage(ctx);
  const processing = await holdProcessing(page);
  await openInvite(page, link);
  await techCheckSettled(page, 2);
  await toFirstQuestion(page, log);
  await recordAnswer(page, 2);
  await atPageEnd(page);
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('radio').nth(1).check();
  await page.getByRole('button', { name: 'Save answer' }).click();
  await atPageEnd(page);
  await page.getByRole('button', { name: 'Finish interview' }).click();
  await expectScreenStart(page, page.getByRole('heading', { name: /you have completed the interview/ }));
  await log.settleAndCollect();
  await page.getByRole('heading', { name: 'Your answers' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await log.settleAndCollect();
  return { page, log, processing };
}

/** The device stores the transcript, as its transcriber does, and says so as Dexie does to the page's queries. */
async function storeTranscriptLate(page: Page, interviewId: string): Promise<void> {
  const [take] = await storedTakes(page);
  await putKv(page, `transcript:${take!.id}`, {
    recordingId: take!.id,
    interviewId,
    questionId: 'q1',
    text: 'A cache keeps recent results close to the reader. When the data changes, the entry must be invalidated, or readers see stale data until it expires.',
    segments: [],
    source: 'e2e',
    createdAt: Date.now(),
    flags: [],
  });
  await page.evaluate(() => new BroadcastChannel('x-storagemutated-1').postMessage({ all: true }));
}

for (const phone of PHONES) {
  const size = `${phone.width}×${phone.height}`;

  test.describe(`offline at ${size}`, () => {
    test.use({ offlineCapable: true });

    test(`at ${size} nothing moves by itself as the network drops, the interview goes on offline, and the network comes back`, async ({ guestContext, server }) => {
      test.setTimeout(180_000);
      const id = `legs-offline-${phone.width}`;
      const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'How would you roll back a bad deployment?'), mcqQuestion('q2')]), 'Margaret');
      const ctx = await guestContext({ viewport: phone });
      const { page, log } = await phonePage(ctx);
      await openInvite(page, link);
      await techCheckSettled(page, 2);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await log.settleAndCollect();

      // The network drops while the guest reads the technical check.
      await ctx.setOffline(true);
      await expect(page.locator('.guest-header [data-sync-state]')).toHaveAttribute('data-sync-state', /offline|connecting/);
      await log.settleAndCollect();

      // A reload with no network: the service worker's copy, the check done offline.
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
      await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
      await toFirstQuestion(page, log);

      // An answer recorded with nothing to send it over, then the next question.
      await recordAnswer(page, 2);
      await log.settleAndCollect();
      await atPageEnd(page);
      await page.getByRole('button', { name: 'Next question' }).click();
      await expectScreenStart(page, page.getByRole('heading', { name: 'Question 2', exact: true }));
      await log.settleAndCollect();

      // The network comes back while the guest reads question 2: the session syncs and the recording uploads.
      await ctx.setOffline(false);
      await expect(page.locator('.guest-header [data-sync-state]')).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
      await log.settleAndCollect();
      await page.getByRole('radio').nth(1).check();
      await page.getByRole('button', { name: 'Save answer' }).click();
      await expect(page.getByTestId('mcq-saved')).toHaveText('Answer B saved.');
      await log.settleAndCollect();
      log.expectNoneUnasked();
    });
  });

  test(`at ${size} nothing moves by itself on a reload mid-interview: welcome back, and a recording cut off`, async ({ guestContext, server }) => {
    test.setTimeout(180_000);
    const id = `legs-resumed-${phone.width}`;
    const link = await publishAndInvite(
      server,
      planOf(id, [spokenQuestion('q1', 'Explain how you would find a memory leak.'), spokenQuestion('q2', 'Describe how a cache can serve stale data.')]),
      'Linus',
    );
    const { page, log } = await phonePage(await guestContext({ viewport: phone }));
    await openInvite(page, link);
    await techCheckSettled(page, 2);
    await toFirstQuestion(page, log);
    await recordAnswer(page, 2);
    await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
    await log.settleAndCollect();

    // Reloaded on a stored answer: the same question, with the welcome-back note.
    await page.reload();
    await expect(page.getByTestId('welcome-back')).toBeVisible();
    await expect(page.getByTestId('answer-stored')).toBeVisible();
    await log.settleAndCollect();
    await page.getByTestId('welcome-back').getByRole('button', { name: 'OK' }).click();
    await log.settleAndCollect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Next question' }).click();
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 2', exact: true }));
    await log.settleAndCollect();

    // Reloaded while recording: the take cut off, offered back.
    await startRecording(page, 2);
    await log.collect();
    await page.reload();
    await expect(page.getByTestId('interrupted-panel')).toBeVisible();
    await log.settleAndCollect();
    await page.getByRole('button', { name: 'Keep what was recorded' }).click();
    await expect(page.getByTestId('answer-stored')).toBeVisible();
    await log.settleAndCollect();
    log.expectNoneUnasked();
  });

  test(`at ${size} nothing moves by itself as the host pauses and resumes the interview`, async ({ guestContext, server }) => {
    test.setTimeout(180_000);
    const id = `legs-host-pause-${phone.width}`;
    const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Explain eventual consistency to a new colleague.'), mcqQuestion('q2')]), 'Katherine');
    const { page, log } = await phonePage(await guestContext({ viewport: phone }));
    await openInvite(page, link);
    await techCheckSettled(page, 2);
    await toFirstQuestion(page, log);

    await sendHostCommand(server, id, { type: 'HOST_PAUSE', reason: 'Quick audio check on our side' });
    await expectScreenStart(page, page.getByRole('heading', { name: 'The host paused the interview' }));
    await expect(page.getByText('Message from the host: Quick audio check on our side')).toBeVisible();
    await log.settleAndCollect();

    await sendHostCommand(server, id, { type: 'HOST_RESUME' });
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));
    await log.settleAndCollect();
    await recordAnswer(page, 2);
    await log.settleAndCollect();

    // Paused again with an answer stored; resumed on it.
    await sendHostCommand(server, id, { type: 'HOST_PAUSE' });
    await expectScreenStart(page, page.getByRole('heading', { name: 'The host paused the interview' }));
    await log.settleAndCollect();
    await sendHostCommand(server, id, { type: 'HOST_RESUME' });
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));
    await expect(page.getByTestId('answer-stored')).toBeVisible();
    await log.settleAndCollect();
    log.expectNoneUnasked();
  });

  test(`at ${size} nothing moves by itself as the level meter says the microphone is too loud, then hears nothing`, async ({ guestContext, server }) => {
    test.setTimeout(120_000);
    const id = `legs-mic-loud-${phone.width}`;
    const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.')]), 'Grace');
    const { page, log } = await phonePage(await guestContext({ viewport: phone }));
    await loudThenSilentMicrophone(page);
    await openInvite(page, link);
    await techCheckSettled(page, 1);
    await toFirstQuestion(page, log);
    await page.getByRole('button', { name: 'Record answer' }).click();
    const meter = page.getByTestId('recording-visualizer').locator('canvas');
    await expect(meter).toHaveAttribute('data-hearing', 'loud', { timeout: 20_000 });
    await expect(meter).toHaveAttribute('data-hearing', 'silent', { timeout: 20_000 });
    await expect(meter).toHaveAttribute('data-hearing', 'loud', { timeout: 20_000 });
    await log.collect();
    await page.getByRole('button', { name: 'Stop recording' }).click();
    await expect(page.getByTestId('answer-stored')).toBeVisible();
    log.expectNoneUnasked();
  });

  test(`at ${size} the countdown's clock stays put from 10:00 to 9:59`, async ({ guestContext, server }) => {
    const id = `legs-clock-${phone.width}`;
    const link = await publishAndInvite(server, planOf(id, [mcqQuestion('q1', 600)]), 'Grace');
    const { page, log } = await phonePage(await guestContext({ viewport: phone }));
    await openInvite(page, link);
    await techCheckSettled(page, 1);
    await toFirstQuestion(page, log);
    const clock = page.getByTestId('countdown').getByRole('timer');
    await expect(clock).toHaveText(/^\s?9:5\d$/);
    await log.settleAndCollect();
    // Too small to pass NOTICEABLE (about 0.0002), but a clock that jumps a digit's width each minute is seen.
    const moved = log.seen.filter((s) => !s.hadRecentInput && s.sources.some((x) => x.element.includes('[data-testid=countdown]') || x.element.includes('.countdown')));
    expect(moved, `the countdown moved:\n${describeShifts(moved)}`).toEqual([]);
    log.expectNoneUnasked();
  });

  test(`at ${size} a transcript the device makes after the last screen showed moves none of the answers below it`, async ({ guestContext, server }) => {
    test.setTimeout(120_000);
    const id = `legs-late-transcript-${phone.width}`;
    const { page, log, processing } = await completedWithTranscriptWaiting(await guestContext({ viewport: phone }), server, id);
    await storeTranscriptLate(page, id);
    await expect(page.getByTestId('transcript-text')).toBeAttached();
    await log.settleAndCollect();
    log.expectNoneUnasked();
    // It is there for the guest to open.
    await page.getByTestId('completed-transcript').getByText('Transcript', { exact: true }).first().click();
    await expect(page.getByTestId('transcript-text')).toBeVisible();
    await processing.release();
  });

  test(`at ${size} a transcript that comes while the guest has its "Not made yet" open moves nothing, is announced, and shows when asked`, async ({ guestContext, server }) => {
    test.setTimeout(120_000);
    const id = `legs-opened-transcript-${phone.width}`;
    const { page, log, processing } = await completedWithTranscriptWaiting(await guestContext({ viewport: phone }), server, id);
    // The guest opens the disclosure and reads "Not made yet" (their press moves what it moves).
    await page.getByTestId('completed-transcript').getByText('Transcript', { exact: true }).first().click();
    await expect(page.getByTestId('transcript-not-yet')).toBeVisible();
    await log.settleAndCollect();

    await storeTranscriptLate(page, id);
    const ready = page.getByRole('button', { name: 'Your transcript is ready: show it' });
    await expect(ready.or(page.getByTestId('transcript-text')), 'the page heard of the transcript').toBeVisible();
    await log.settleAndCollect();
    log.expectNoneUnasked();
    await expect(ready).toBeVisible();
    // Said politely where it shows: the line is inside a live region.
    expect(await ready.evaluate((el) => el.closest('[aria-live="polite"]') !== null), 'the ready line is in a polite live region').toBe(true);
    await ready.click();
    await expect(page.getByTestId('transcript-text')).toBeVisible();
    await expect(page.locator('.completed-transcript-body'), 'the focus goes to the transcript, not to the page’s start').toBeFocused();
    await processing.release();
  });

  test(`at ${size} nothing moves by itself when the browser refuses the microphone, while the guest tries again, or once it is allowed`, async ({ guestContext, server }) => {
    test.setTimeout(180_000);
    const id = `legs-mic-${phone.width}`;
    const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Describe a production incident you handled.')]), 'Grace');
    const ctx = await guestContext({ browser: 'denied', viewport: phone });
    const { page, log } = await phonePage(ctx);
    await dismissOfflineToast(page);
    await page.goto(link);
    const panel = page.getByTestId('mic-error');
    await expect(panel).toHaveAttribute('data-kind', 'permission-denied');
    await expect(page.getByTestId('connection-quality')).not.toHaveAttribute('data-quality', 'measuring', { timeout: 30_000 });
    await log.settleAndCollect();

    await panel.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('mic-error')).toHaveAttribute('data-kind', 'permission-denied');
    await log.settleAndCollect();

    // Allowed in the browser's own controls: the page recovers by itself.
    await ctx.grantPermissions(['microphone'], { origin: server.url });
    await expect(page.getByTestId('mic-status')).toHaveAttribute('data-mic-phase', 'ready');
    await expect(page.getByTestId('mic-error')).toHaveCount(0);
    await log.settleAndCollect();
    await atPageEnd(page);
    await passTechCheck(page);
    await expectScreenStart(page, page.getByRole('heading', { name: 'How it works' }));
    await log.settleAndCollect();
    log.expectNoneUnasked();
  });
}

/**
 * The whole path with the phone's largest text (the browser's default font size at 200 %: 16 → 32 px), and on a
 * folding phone's 280 px cover screen at its usual text and at 200 %.
 */
const TEXT_SIZES = [
  { width: 360, height: 740, px: 32, name: 'the text at 200 %' },
  { width: 320, height: 568, px: 32, name: 'the text at 200 %' },
  { width: 280, height: 653, px: 16, name: 'the usual text' },
  { width: 280, height: 653, px: 32, name: 'the text at 200 %' },
];

for (const text of TEXT_SIZES) {
  const phone = text;
  const size = `${phone.width}×${phone.height}`;

  test(`at ${size} with ${text.name} nothing moves by itself and nothing scrolls sideways, from the invite link to the last screen`, async ({ guestContext, server }) => {
    test.setTimeout(240_000);
    const id = `legs-text-${phone.width}-${text.px}`;
    const link = await publishAndInvite(
      server,
      planOf(id, [spokenQuestion('q-spoken', 'Describe a bug you fixed and how you found it.'), mcqQuestion('q-mcq'), codingQuestion('q-code')]),
      'Ada Lovelace',
    );
    const { page, log } = await phonePage(await guestContext({ viewport: { width: phone.width, height: phone.height } }));
    await largerText(page, text.px);
    await openInvite(page, link);
    await techCheckSettled(page, 3);
    await expect(page.getByTestId('test-model-banner')).toBeVisible();
    await expectNoSidewaysScroll(page);
    await toFirstQuestion(page, log);
    await expectNoSidewaysScroll(page);

    await recordAnswer(page, 2);
    await expect(page.getByTestId('upload-status')).toHaveAttribute('data-upload-state', 'uploaded', { timeout: 30_000 });
    await log.settleAndCollect();
    await expectNoSidewaysScroll(page);
    await atPageEnd(page);
    await page.getByRole('button', { name: /^(Take a break|Break)$/ }).click();
    await expectScreenStart(page, page.getByRole('heading', { name: 'You are taking a break' }));
    await log.settleAndCollect();
    await expectNoSidewaysScroll(page);
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Resume the interview' }).click();
    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 1', exact: true }));
    await log.settleAndCollect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Next question' }).click();

    await expectScreenStart(page, page.getByRole('heading', { name: 'Question 2', exact: true }));
    await log.settleAndCollect();
    await page.getByRole('radio').nth(1).check();
    await page.getByRole('button', { name: 'Save answer' }).click();
    await expect(page.getByTestId('mcq-saved')).toHaveText('Answer B saved.');
    await log.settleAndCollect();
    await expectNoSidewaysScroll(page);
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Next question' }).click();

    await expectScreenStart(page, page.locator('#question-title'));
    await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready', { timeout: 60_000 });
    await log.settleAndCollect();
    await expectNoSidewaysScroll(page);
    await page.getByLabel('Your code').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// adds them up');
    await page.getByRole('button', { name: 'Submit code' }).click();
    await expect(page.getByText('Code submitted.')).toBeVisible();
    await log.settleAndCollect();
    await atPageEnd(page);
    await page.getByRole('button', { name: 'Finish interview' }).click();

    await expectScreenStart(page, page.getByRole('heading', { name: /you have completed the interview/ }));
    await log.settleAndCollect();
    await expectNoSidewaysScroll(page);
    log.expectNoneUnasked();
  });
}
