/**
 * One tab runs a guest's interview. A second tab on the same link waits, refuses to take over while the first one
 * records, takes over after a handoff (resuming on the same question with the answer kept), and continues by itself
 * when the tab that ran the interview closes.
 */
import {
  test,
  expect,
  consentAndStart,
  expectQuestion,
  localStageState,
  mcqQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  recordAnswer,
  spokenQuestion,
  startRecording,
} from './pages/guest-pages';

test('a second tab waits, takes over by handoff, and continues when the first closes', async ({ guestContext, server }) => {
  const id = 'guest-two-tabs';
  const link = await publishAndInvite(
    server,
    planOf(id, [
      spokenQuestion('q1', 'How would you find out why a web page became slow?'),
      spokenQuestion('q2', 'Explain what an index does in a database.'),
      mcqQuestion('q3'),
    ]),
    'Ada',
  );
  const ctx = await guestContext();
  const first = await ctx.newPage();
  await openInvite(first, link);
  await passTechCheck(first);
  await consentAndStart(first);
  await expectQuestion(first, 1, 3);
  await recordAnswer(first, 2);

  const second = await ctx.newPage();
  await second.goto(link);
  await expect(second.getByText('This interview is open in another tab or window.')).toBeVisible();
  await expect(second.getByTestId('question-position')).toHaveCount(0);

  // While the first tab records, a takeover is refused with the reason, and the take goes on.
  await first.getByRole('button', { name: /^(Next question|Finish interview)$/ }).click();
  await expectQuestion(first, 2, 3);
  await startRecording(first, 1);
  await second.getByRole('button', { name: 'Continue in this tab' }).click();
  await expect(second.getByRole('alert')).toContainText('an answer is being recorded in the other tab');
  await expect(first.getByTestId('listening')).toBeVisible();
  await first.getByRole('button', { name: 'Stop recording' }).click();
  await expect(first.getByTestId('answer-stored')).toBeVisible();

  // Nothing recording: the first tab saves, closes its runtime and hands over; the second resumes on question 2.
  await second.getByRole('button', { name: 'Continue in this tab' }).click();
  await expect(first.getByText('You continued this interview in another tab.')).toBeVisible();
  await expectQuestion(second, 2, 3);
  await expect(second.getByTestId('answer-stored')).toBeVisible();
  const state = await localStageState(second, id);
  expect(state?.answers.filter((a) => a.recordingId !== null).map((a) => a.questionId)).toEqual(['q1', 'q2']);

  // The tab that handed over takes it back once the other closes, by itself.
  await second.close();
  await expectQuestion(first, 2, 3);
});
