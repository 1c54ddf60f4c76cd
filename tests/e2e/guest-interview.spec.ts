/**
 * The candidate's live interview in a real Chromium whose microphone is a fake
 * device speaking known words (espeak-ng WAV): technical check, intro and
 * consent, a 3-question interview (spoken, multiple choice, coding) on a
 * phone-sized screen, re-record, the transcript check, the time limit, and the
 * host's accommodations and pause arriving through the sync server.
 */
import {
  test,
  expect,
  codingQuestion,
  consentAndStart,
  decodedSeconds,
  expectMicReady,
  expectNoSidewaysScroll,
  expectQuestion,
  getKv,
  holdProcessing,
  hostDoc,
  localStageState,
  mcqQuestion,
  nextQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  putKv,
  RECORDED,
  recordAnswer,
  sendHostCommand,
  commandResult,
  serverStageState,
  spokenQuestion,
  storedTakes,
} from './pages/guest-pages';
import { readTranscriptFlags } from '../../src/guest/transcript-flag-sync';

test('a guest takes a 3-question interview on a 360 px screen, from the technical check to Next Steps', async ({ guestContext, server }) => {
  const id = 'guest-full-run';
  const link = await publishAndInvite(
    server,
    planOf(id, [spokenQuestion('q-spoken', 'Explain how a cache speeds up repeated reads and what can go wrong.'), mcqQuestion('q-mcq'), codingQuestion('q-code')]),
    'Ada Lovelace',
  );
  const ctx = await guestContext({ viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await openInvite(page, link);

  // Technical check: the app asked for the microphone itself; the level moves; a 3-second test plays back.
  await expect(page.getByRole('heading', { name: `Interview ${id}` })).toBeVisible();
  await expect(page.getByTestId('guest-question-count')).toHaveText('3');
  await expectMicReady(page);
  await expect(page.getByLabel('Microphone')).toBeVisible();
  await expect(page.locator('.audio-visualizer-canvas')).toHaveAttribute('data-frames', /\d+/);
  await expect(page.getByText('We can hear you.')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Test my mic' }).click();
  const playback = page.getByTestId('mic-test-playback');
  await expect(playback).toBeVisible({ timeout: 10_000 });
  expect(Number(await playback.getAttribute('data-bytes'))).toBeGreaterThan(1000);
  expect(Number(await playback.getAttribute('data-duration-ms'))).toBeGreaterThanOrEqual(2900);
  await expect(page.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', /synced|syncing/);
  await expectNoSidewaysScroll(page);
  await passTechCheck(page);

  // Intro: rules, count and duration, consent required before starting.
  await expect(page.getByTestId('rule-time-limit')).toContainText('2 minutes');
  await expect(page.getByTestId('rule-rerecord')).toContainText('re-record each answer once');
  await expect(page.getByRole('button', { name: 'Start Interview' })).toBeDisabled();
  await expectNoSidewaysScroll(page);
  await consentAndStart(page);

  // 1: spoken, recorded.
  await expectQuestion(page, 1, 3);
  await expect(page.getByTestId('question-text')).toContainText('cache');
  // Read aloud never hangs: it speaks and ends, or says why it cannot (headless Chromium may have no voice).
  await expect(page.getByTestId('read-aloud')).toHaveAttribute('data-phase', /^(idle|unavailable|needs-gesture)$/, { timeout: 20_000 });
  test.info().annotations.push({ type: 'read aloud', description: (await page.getByTestId('read-aloud').textContent()) ?? '' });
  await recordAnswer(page, 3);
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', RECORDED);
  await expectNoSidewaysScroll(page);
  await nextQuestion(page);

  // 2: multiple choice, by keyboard.
  await expectQuestion(page, 2, 3);
  await expect(page.getByTestId('countdown')).toBeVisible();
  await page.getByRole('radio', { name: /200 OK/ }).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /404 Not Found/ })).toBeChecked();
  await page.getByRole('button', { name: 'Save answer' }).click();
  await expect(page.getByTestId('mcq-saved')).toHaveText('Answer C saved.');
  await nextQuestion(page);

  // 3: coding, starter code and example shown.
  await expectQuestion(page, 3, 3);
  await expect(page.getByTestId('coding-examples')).toContainText('sum([1,2,3]) → 6');
  const code = page.getByLabel('Your code');
  // The code editor (CodeMirror) is a contenteditable, not a text area: its text is the starter code.
  await expect(code).toContainText('function sum(values)');
  await code.fill('function sum(values) {\n  return values.reduce((a, b) => a + b, 0);\n}\n');
  await page.getByRole('button', { name: 'Submit code' }).click();
  await expect(page.getByText('Code submitted.')).toBeVisible();
  await expectNoSidewaysScroll(page);
  await nextQuestion(page);

  // Completed.
  await expect(page.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Next Steps' })).toBeVisible();
  await expect(page.getByTestId('completed-summary')).toHaveText('You answered 3 of 3 questions.');
  await expectNoSidewaysScroll(page);

  const state = await localStageState(page, id);
  expect(state.stage).toBe('completed');
  expect(state.answers.map((a) => a.status)).toEqual([expect.stringMatching(RECORDED), 'answered', 'answered']);
  expect(state.answers[1]!.mcqChoice).toBe(2);
  expect(state.answers[2]!.code).toContain('reduce');
  expect(state.refusals).toEqual([]);
  const takes = await storedTakes(page);
  expect(takes).toHaveLength(1);
  expect(takes[0]!.status).toBe('complete');
  const seconds = await decodedSeconds(page, takes[0]!.id);
  expect(seconds).toBeGreaterThan(2.5);
  expect(Math.abs(seconds * 1000 - takes[0]!.durationMs)).toBeLessThan(1000);

  // The session reached the server too.
  await expect.poll(async () => (await serverStageState(server, id))?.stage).toBe('completed');
});

test('a guest who declines AI scoring is marked for human review, can re-record once, and checks a transcript', async ({ guestContext, server }) => {
  const id = 'guest-rerecord';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Tell us about a design decision you would make differently today.')]), 'Barbara');
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await page.getByRole('radio', { name: 'No, only people review my answers' }).check();
  await expect(page.getByText('marked for human review only')).toBeVisible();
  await consentAndStart(page, { recording: true, aiScoring: false });

  await recordAnswer(page, 2);
  // Not given to any AI: processed at once as human review only, so re-recording is open.
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered');
  const [first] = await storedTakes(page);
  await page.getByRole('button', { name: 'Re-record (1 left)' }).click();
  await expect(page.getByTestId('listening')).toBeVisible();
  // While the new take records, the first one is still the answer.
  let takes = await storedTakes(page);
  expect(takes.find((t) => t.id === first!.id)!.status).toBe('complete');
  await expect.poll(async () => Number(await page.getByTestId('stored-ms').getAttribute('data-stored-ms')), { timeout: 20_000 }).toBeGreaterThanOrEqual(3000);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered');
  await expect(page.getByText('No re-records left for this question.')).toBeVisible();
  takes = await storedTakes(page);
  const second = takes.find((t) => t.id !== first!.id)!;
  expect(second.status).toBe('complete');
  expect(takes.find((t) => t.id === first!.id)!.status).toBe('discarded');
  const state = await localStageState(page, id);
  expect(state.humanReviewOnly).toBe(true);
  expect(state.answers[0]).toMatchObject({ status: 'answered', recordingId: second.id, rerecordsUsed: 1 });
  expect(state.answers[0]!.processing?.detail).toContain('human review only');

  // A transcript arrives for the answer (as the on-device transcriber stores it): the guest reads it and flags a sentence.
  await putKv(page, `transcript:${second.id}`, {
    recordingId: second.id,
    interviewId: id,
    questionId: 'q1',
    text: 'I would split the service earlier. The database was shared by too many teems.',
    segments: [],
    source: 'e2e',
    createdAt: Date.now(),
    flags: [],
  });
  // Written behind the app's back (raw IndexedDB), so the page reads it on its next load.
  await page.reload();
  const check = page.getByTestId('transcript-check');
  await expect(check).toContainText('The database was shared by too many teems.');
  await check.getByText('Flag a whole sentence').click();
  await check.getByRole('button', { name: 'Flag as wrong: sentence 2' }).click();
  await expect(check.getByTestId('transcript-flags')).toContainText('The database was shared by too many teems.');
  await expect(check.getByRole('button', { name: 'Unflag: sentence 2' })).toHaveAttribute('aria-pressed', 'true');
  // Selected words can be flagged too.
  await check.getByTestId('transcript-text').evaluate((el) => {
    const text = el.firstChild!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 2);
    range.setEnd(text, 7);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  await check.getByRole('button', { name: 'Flag selected words as wrong' }).click();
  await expect(check).toHaveAttribute('data-flags', '2');
  const stored = (await getKv(page, `transcript:${second.id}`)) as { flags: Array<{ quote: string; start: number; end: number }> };
  expect(stored.flags.map((f) => f.quote)).toEqual(['would', 'The database was shared by too many teems.']);
  // Shared with staff through the session.
  await expect
    .poll(async () => {
      const stage = await hostDoc(server, `${id}.stage`);
      const flags = readTranscriptFlags(stage.doc, second.id);
      stage.close();
      return flags?.flags.map((f) => f.quote) ?? [];
    })
    .toEqual(['would', 'The database was shared by too many teems.']);

  await nextQuestion(page);
  await expect(page.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();
  await expect(page.getByText('without AI scoring, as you chose')).toBeVisible();
  // The flags travel with the answer onto the last screen too.
  await expect(page.getByTestId('transcript-check')).toHaveAttribute('data-flags', '2');
});

test('the recording stops by itself at the time limit, after a warning 15 seconds before', async ({ guestContext, server }) => {
  const id = 'guest-time-limit';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'In twenty seconds: what is a race condition?', 20)]), 'Edsger');
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await passTechCheck(page);
  await expect(page.getByTestId('rule-time-limit')).toContainText('20 seconds');
  await consentAndStart(page);
  await page.getByRole('button', { name: 'Record answer' }).click();
  await expect(page.getByTestId('listening')).toBeVisible();
  await expect(page.getByTestId('countdown')).toBeVisible();
  await expect(page.getByTestId('time-warning')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('time-warning')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('listening')).toBeVisible();
  await expect(page.getByTestId('answer-stored')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('answer-stored')).toContainText('the time limit was reached');
  const state = await localStageState(page, id);
  expect(state.answers[0]).toMatchObject({ status: expect.stringMatching(RECORDED), stoppedBy: 'time-limit' });
  const [take] = await storedTakes(page);
  expect(take!.status).toBe('complete');
  expect(take!.durationMs).toBeGreaterThanOrEqual(19_000);
  expect(take!.durationMs).toBeLessThanOrEqual(21_500);
  expect(state.log.find((l) => l.type === 'TIME_LIMIT_REACHED')?.actor.role).toBe('system');
});

test('the host sets accommodations and pauses the guest through the session; the guest’s device applies them', async ({ guestContext, server }) => {
  const id = 'guest-host-overrides';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'Explain eventual consistency to a new colleague.', 60), mcqQuestion('q2', 60)]), 'Katherine');
  // Sent before the guest ever opens the link: it waits in the stage document.
  const acc = await sendHostCommand(server, id, {
    type: 'HOST_SET_ACCOMMODATIONS',
    accommodations: { extraTimePct: 50, extraRerecords: 1, typingInsteadOfSpeaking: true },
  });
  const page = await (await guestContext()).newPage();
  await openInvite(page, link);
  await expect(page.getByTestId('typing-arranged')).toBeVisible({ timeout: 20_000 });
  await passTechCheck(page);
  await expect(page.getByTestId('accommodations')).toContainText('+50 % time');
  await expect(page.getByTestId('rule-time-limit')).toContainText('1 minute 30 seconds');
  await consentAndStart(page);
  await expect.poll(() => commandResult(server, id, acc)).toMatchObject({ ok: true });

  // Typing instead of speaking, timed from when the question is shown (60 s + 50 %).
  await page.getByLabel('Your answer').fill('Replicas may disagree for a while but converge once updates stop.');
  await expect(page.getByTestId('countdown')).toHaveAttribute('data-remaining-ms', /^(8\d|90)\d{3}$/);
  await page.getByRole('button', { name: 'Submit answer' }).click();
  await expect(page.getByText('Answer submitted.')).toBeVisible();

  // The host pauses: the guest sees it and cannot resume it themselves; the clock is frozen.
  const pause = await sendHostCommand(server, id, { type: 'HOST_PAUSE', reason: 'Quick audio check on our side' });
  await expect(page.getByRole('heading', { name: 'The host paused the interview' })).toBeVisible();
  await expect(page.getByText('Message from the host: Quick audio check on our side')).toBeVisible();
  // Question 1 is answered (the guest has not pressed Next yet): the break names question 2 as next.
  await expect(page.getByTestId('after-break')).toHaveText('You answered question 1; question 2 of 2 is next.');
  await expect(page.getByRole('button', { name: 'Resume the interview' })).toHaveCount(0);
  await expect.poll(() => commandResult(server, id, pause)).toMatchObject({ ok: true });
  // An override the machine refuses is marked with the reason, and changes nothing.
  const bad = await sendHostCommand(server, id, { type: 'HOST_EXTEND_TIME', extraSec: 30, questionId: 'not-current' });
  await expect.poll(() => commandResult(server, id, bad)).toMatchObject({ ok: false, reason: expect.stringContaining('not the current question') });
  await sendHostCommand(server, id, { type: 'HOST_RESUME' });
  await expectQuestion(page, 1, 2);
  await nextQuestion(page);
  await expectQuestion(page, 2, 2);
  const state = await localStageState(page, id);
  expect(state.answers[0]).toMatchObject({ status: 'answered', text: 'Replicas may disagree for a while but converge once updates stop.' });
  expect(state.log.filter((l) => l.actor.role === 'host').map((l) => l.type)).toEqual(['HOST_SET_ACCOMMODATIONS', 'HOST_PAUSE', 'HOST_RESUME']);
  expect(state.refusals.map((r) => r.type)).toEqual(['HOST_EXTEND_TIME']);
});

test('the guest may record again while the earlier take is still processing; the new take becomes the answer', async ({ guestContext, server }) => {
  const id = 'guest-rerecord-processing';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'What would you check first when a deploy fails?'), mcqQuestion('q2')]), 'Edsger');
  const ctx = await guestContext();
  const page = await ctx.newPage();
  const hold = await holdProcessing(page);
  await openInvite(page, link);
  await passTechCheck(page);
  await consentAndStart(page);
  await expectQuestion(page, 1, 2);
  await recordAnswer(page, 2);
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'processing');

  // No waiting for the slow transcriber: record again at once.
  await recordAnswer(page, 2, 'Re-record (1 left)');
  const takes = await storedTakes(page);
  const current = takes.find((t) => t.status === 'complete')!;
  expect(takes.filter((t) => t.status === 'complete')).toHaveLength(1);
  const state = await localStageState(page, id);
  expect(state.answers[0]).toMatchObject({ status: 'processing', recordingId: current.id, rerecordsUsed: 1 });
  expect(state.answers[0]!.attempts).toHaveLength(2);
  await expect(page.getByText('No re-records left for this question.')).toBeVisible();

  // The network catches up: the new take is the one processed.
  await hold.release();
  await expect(page.getByTestId('answer-stored')).toHaveAttribute('data-status', 'answered', { timeout: 60_000 });
  expect((await localStageState(page, id)).answers[0]).toMatchObject({ status: 'answered', recordingId: current.id });
});
