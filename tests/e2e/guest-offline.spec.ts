/**
 * The network off for the whole interview: a guest who opened the link once
 * takes the interview offline (service worker shell, IndexedDB state and audio),
 * survives a reload offline, and the session reaches the server once the
 * connection is back.
 */
import {
  test,
  expect,
  codingQuestion,
  consentAndStart,
  expectQuestion,
  localStageState,
  mcqQuestion,
  nextQuestion,
  openInvite,
  passTechCheck,
  planOf,
  publishAndInvite,
  RECORDED,
  recordAnswer,
  serverStageState,
  spokenQuestion,
  storedTakes,
} from './pages/guest-pages';

// The guest reloads offline, served by the service worker: this file's profiles run it (fixtures.ts offlineCapable).
test.use({ offlineCapable: true });

test('the whole interview offline, then synced when back online', async ({ guestContext, server }) => {
  const id = 'guest-offline-run';
  const link = await publishAndInvite(
    server,
    planOf(id, [spokenQuestion('q1', 'How would you roll back a bad deployment?'), mcqQuestion('q2'), codingQuestion('q3')]),
    'Margaret',
  );
  const ctx = await guestContext();
  const page = await ctx.newPage();
  await openInvite(page, link);
  await expect(page.getByTestId('guest-question-count')).toHaveText('3');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await ctx.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expect(page.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', /offline|connecting/);
  await passTechCheck(page);
  await consentAndStart(page);

  await expectQuestion(page, 1, 3);
  await recordAnswer(page, 3);
  await nextQuestion(page);
  await expectQuestion(page, 2, 3);
  // A reload with no network at all lands on the same question.
  await page.reload();
  await expectQuestion(page, 2, 3);
  await page.getByRole('radio', { name: /404 Not Found/ }).check();
  await page.getByRole('button', { name: 'Save answer' }).click();
  await nextQuestion(page);
  await expectQuestion(page, 3, 3);
  // The code editor is precached with the app too: it loads with no network at all.
  await expect(page.getByTestId('code-field')).toHaveAttribute('data-editor', 'ready');
  await page.getByLabel('Your code').fill('function sum(values) { return values.reduce((a, b) => a + b, 0); }');
  // The code sandbox is precached with the app: the examples run with no network at all.
  await page.getByRole('button', { name: 'Run examples' }).click();
  await expect(page.getByTestId('test-verdicts')).toHaveAttribute('data-passed', '1');
  await page.getByRole('button', { name: 'Submit code' }).click();
  await nextQuestion(page);
  await expect(page.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();
  await expect(page.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', /offline|connecting/);

  const state = await localStageState(page, id);
  expect(state.stage).toBe('completed');
  expect(state.answers.map((a) => a.status)).toEqual([expect.stringMatching(RECORDED), 'answered', 'answered']);
  const [take] = await storedTakes(page);
  expect(take).toMatchObject({ status: 'complete' });
  expect(take!.durationMs).toBeGreaterThanOrEqual(3000);
  // Nothing of it reached the server yet.
  expect((await serverStageState(server, id))?.stage ?? null).not.toBe('completed');

  await ctx.setOffline(false);
  await expect(page.locator('[data-sync-state]').first()).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 });
  await expect.poll(async () => (await serverStageState(server, id))?.stage, { timeout: 30_000 }).toBe('completed');
  const remote = (await serverStageState(server, id))!;
  expect(remote.answers.map((a) => a.status)).toEqual(state.answers.map((a) => a.status));
  expect(remote.revision).toBe(state.revision);
});
