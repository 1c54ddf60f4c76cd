/**
 * Reloading, or closing the tab, at any moment resumes the interview at the
 * right place: a take cut off mid-recording keeps every chunk but (at most) the
 * last second and is offered back; a recorded answer waiting for processing
 * stays queued; between questions the guest lands on the same question with
 * earlier answers kept and the clock still counting from when it was shown.
 */
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  consentAndStart,
  decodedSeconds,
  expectQuestion,
  holdProcessing,
  localStageState,
  mcqQuestion,
  nextQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  RECORDED,
  recordAnswer,
  spokenQuestion,
  startRecording,
  storedTakes,
  type StoredTake,
} from './pages/guest-pages';

/** The timeslice is 1 s; the write of the chunk then in flight may not finish before the page goes. */
const MAX_LOSS_MS = 1000;
/** Delivery of `dataavailable` and the strict-durability write of the chunk before it, on a busy machine. */
const DELIVERY_SLACK_MS = 600;

async function invite(server: Parameters<typeof publishAndInvite>[0], id: string): Promise<string> {
  return publishAndInvite(
    server,
    planOf(id, [
      spokenQuestion('q1', 'Explain how you would find a memory leak in a long-running service.'),
      spokenQuestion('q2', 'Describe how a cache can serve stale data and how to prevent it.'),
      mcqQuestion('q3'),
    ]),
    'Linus',
  );
}

async function toFirstQuestion(page: Page, link: string): Promise<void> {
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await expectQuestion(page, 1, 3);
}

type ListeningWindow = Window & { listeningAt?: number };

/**
 * Notes, on the page's clock, when the screen first says Listening. The recorder runs from then on: its clock, the
 * one the chunks' endMs count on, starts just before the screen changes. The take's stored `startedAt` is earlier, by
 * the write that creates the take's record before the recorder starts; measured from there, a loaded machine (load
 * 43-50) made a reload seem to lose up to 2.5 s, most of it audio that the recorder had not yet begun to take.
 */
async function noteWhenListening(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as ListeningWindow;
    delete w.listeningAt;
    const seen = () => {
      if (!document.querySelector('[data-testid="listening"]')) return false;
      w.listeningAt ??= Date.now();
      return true;
    };
    if (seen()) return;
    const watcher = new MutationObserver(() => {
      if (seen()) watcher.disconnect();
    });
    watcher.observe(document.body, { childList: true, subtree: true });
  });
}

/** How long the running take has been recording (since the screen said Listening), measured in the page just before it goes away. */
async function elapsedOfRunningTake(page: Page): Promise<{ take: StoredTake; elapsedMs: number }> {
  const take = (await storedTakes(page)).find((t) => t.status === 'recording');
  expect(take).toBeDefined();
  const { now, listeningAt } = await page.evaluate(() => ({ now: Date.now(), listeningAt: (window as ListeningWindow).listeningAt }));
  expect(listeningAt, 'the screen said Listening').toBeDefined();
  return { take: take!, elapsedMs: now - listeningAt! };
}

function expectContiguous(take: StoredTake): void {
  expect(take.chunks.length).toBeGreaterThan(0);
  take.chunks.forEach((c, i) => {
    expect(c.seq).toBe(i);
    expect(c.size).toBeGreaterThan(0);
    if (i > 0) expect(c.endMs).toBeGreaterThan(take.chunks[i - 1]!.endMs);
  });
}

test('reload during recording: every chunk older than a second is kept, and the guest keeps what was recorded', async ({ guestContext, server }) => {
  const id = 'guest-reload-recording';
  const link = await invite(server, id);
  const page = await (await guestContext()).newPage();
  await toFirstQuestion(page, link);

  await noteWhenListening(page);
  await startRecording(page, 4);
  const { take, elapsedMs } = await elapsedOfRunningTake(page);
  await page.reload();

  const panel = page.getByTestId('interrupted-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your recording was cut off' })).toBeFocused();
  const after = (await storedTakes(page)).find((t) => t.id === take.id)!;
  expect(after.status).toBe('recording');
  expectContiguous(after);
  const lastEndMs = after.chunks.at(-1)!.endMs;
  test.info().annotations.push({ type: 'audio lost at reload (ms)', description: String(elapsedMs - lastEndMs) });
  expect(elapsedMs - lastEndMs).toBeLessThan(MAX_LOSS_MS + DELIVERY_SLACK_MS);
  // The chunks stored are real audio of that length.
  const seconds = await decodedSeconds(page, take.id);
  expect(Math.abs(seconds * 1000 - lastEndMs)).toBeLessThan(500);
  await expect(page.getByTestId('interrupted-duration')).toHaveAttribute('data-duration-ms', String(lastEndMs));

  await panel.getByRole('button', { name: 'Keep what was recorded' }).click();
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', RECORDED);
  const kept = (await storedTakes(page)).find((t) => t.id === take.id)!;
  expect(kept.status).toBe('complete');
  expect(kept.durationMs).toBe(lastEndMs);
  const state = await localStageState(page, id);
  expect(state.answers[0]).toMatchObject({ status: expect.stringMatching(RECORDED), recordingId: take.id, durationMs: lastEndMs });
  expect(state.log.map((l) => l.type)).toContain('RESUMED_AFTER_RELOAD');

  await nextQuestion(page);
  await expectQuestion(page, 2, 3);
});

test('closing the tab mid-recording, then reopening: record again replaces the cut-off take', async ({ guestContext, server }) => {
  const id = 'guest-close-recording';
  const link = await invite(server, id);
  const ctx = await guestContext();
  const first = await ctx.newPage();
  await toFirstQuestion(first, link);
  await noteWhenListening(first);
  await startRecording(first, 2);
  const { take, elapsedMs } = await elapsedOfRunningTake(first);
  await first.close();

  const page = await ctx.newPage();
  await page.goto(`/join/${id}`);
  await expect(page.getByTestId('interrupted-panel')).toBeVisible();
  const cut = (await storedTakes(page)).find((t) => t.id === take.id)!;
  expectContiguous(cut);
  test.info().annotations.push({ type: 'audio lost at tab close (ms)', description: String(elapsedMs - cut.chunks.at(-1)!.endMs) });
  expect(elapsedMs - cut.chunks.at(-1)!.endMs).toBeLessThan(MAX_LOSS_MS + DELIVERY_SLACK_MS);

  await page.getByRole('button', { name: 'Record again' }).click();
  await expect(page.getByTestId('listening')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('stored-ms').getAttribute('data-stored-ms')), { timeout: 20_000 }).toBeGreaterThanOrEqual(3000);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', RECORDED);

  const takes = await storedTakes(page);
  const fresh = takes.find((t) => t.id !== take.id)!;
  expect(fresh.status).toBe('complete');
  expect(takes.find((t) => t.id === take.id)!.status).toBe('discarded');
  expect(takes.find((t) => t.id === take.id)!.chunks).toEqual([]);
  const state = await localStageState(page, id);
  expect(state.answers[0]).toMatchObject({ status: expect.stringMatching(RECORDED), recordingId: fresh.id, rerecordsUsed: 0 });
  expect(state.answers[0]!.attempts).toEqual([take.id, fresh.id]);
});

test('reload during processing: the answer stays queued with its audio intact, and is processed after the reload', async ({ guestContext, server }) => {
  const id = 'guest-reload-processing';
  const link = await invite(server, id);
  const page = await (await guestContext()).newPage();
  // The processor cannot get the speech model list yet (slow network): answers wait in the queue.
  const hold = await holdProcessing(page);
  await toFirstQuestion(page, link);
  await recordAnswer(page, 3);
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'processing');
  await expect(page.getByTestId('processing-note')).toBeVisible();
  const [take] = await storedTakes(page);
  const before = await decodedSeconds(page, take!.id);

  await page.reload();
  await expectQuestion(page, 1, 3);
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'processing');
  await expect(page.getByTestId('processing-note')).toBeVisible();
  await expect(page.getByTestId('welcome-back')).toBeVisible();
  const [again] = await storedTakes(page);
  expect(again).toMatchObject({ id: take!.id, status: 'complete', durationMs: take!.durationMs, bytes: take!.bytes });
  expect(await decodedSeconds(page, take!.id)).toBeCloseTo(before, 3);
  expect(before * 1000).toBeGreaterThan(take!.durationMs - 1000);
  const resumed = await localStageState(page, id);
  expect(resumed.answers[0]).toMatchObject({ status: 'processing', recordingId: take!.id });

  // The network catches up: the re-queued answer is processed on this page.
  await hold.release();
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered', { timeout: 60_000 });
  const processed = await localStageState(page, id);
  expect(processed.answers[0]!.processing).not.toBeNull();
  await nextQuestion(page);
  await expectQuestion(page, 2, 3);
});

test('reload between questions: the same question, earlier answers kept, the clock still running from when it was shown', async ({ guestContext, server }) => {
  const id = 'guest-reload-between';
  const link = await invite(server, id);
  const page = await (await guestContext()).newPage();
  await toFirstQuestion(page, link);
  await recordAnswer(page, 2);
  await nextQuestion(page);
  await expectQuestion(page, 2, 3);
  await page.reload();
  await expectQuestion(page, 2, 3);
  await expect(page.getByRole('button', { name: 'Record answer' })).toBeVisible();
  let state = await localStageState(page, id);
  expect(state.answers.map((a) => a.status)).toEqual([expect.stringMatching(RECORDED), 'pending', 'pending']);
  expect((await storedTakes(page))[0]!.status).toBe('complete');

  await recordAnswer(page, 2);
  await nextQuestion(page);
  await expectQuestion(page, 3, 3);
  state = await localStageState(page, id);
  const deadline = state.timer!.deadline;
  const shownRemaining = Number(await page.getByTestId('countdown').getAttribute('data-remaining-ms'));
  await page.reload();
  await expectQuestion(page, 3, 3);
  const resumed = await localStageState(page, id);
  // Wall-clock deadline: a reload neither restarts nor stops the question's clock.
  expect(resumed.timer!.deadline).toBe(deadline);
  await expect.poll(async () => Number(await page.getByTestId('countdown').getAttribute('data-remaining-ms'))).toBeLessThan(shownRemaining);
  await page.getByRole('radio', { name: /404 Not Found/ }).check();
  await page.getByRole('button', { name: 'Save answer' }).click();
  await nextQuestion(page);
  await expect(page.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();
  const done = await localStageState(page, id);
  expect(done.answers.map((a) => a.status)).toEqual([expect.stringMatching(RECORDED), expect.stringMatching(RECORDED), 'answered']);
  expect(new Set((await storedTakes(page)).map((t) => t.status))).toEqual(new Set(['complete']));
});
