/**
 * The results dashboard in Chromium: a search with no match says so, a guest who completes an interview
 * appears in it with the server's status, and the candidate page opens from the list with the question and answer.
 */
import { expect, openAsHost } from './fixtures';
import { consentAndStart, expectQuestion, mcqQuestion, nextQuestion, openInvite, passTechCheck, planOf, publishAndInvite, test } from './pages/guest-pages';

test('the host finds a completed candidate in /admin/results and opens their answers', async ({ guestContext, newProfile, server }) => {
  test.setTimeout(180_000);
  const host = await openAsHost(await newProfile(), server);
  // The server is shared with the worker's other specs, so the list may hold their interviews: search for ours.
  const search = host.getByRole('searchbox', { name: 'Search' });
  await host.goto('/admin/results');
  await search.fill('Grace Hopperton');
  await expect(host.getByTestId('results-empty')).toContainText('No candidate interview matches these filters');

  const id = 'admin-e2e';
  const link = await publishAndInvite(server, planOf(id, [mcqQuestion('q-mcq')]), 'Grace Hopperton');
  const guest = await (await guestContext()).newPage();
  await openInvite(guest, link);
  await passTechCheck(guest);
  await consentAndStart(guest);
  await expectQuestion(guest, 1, 1);
  await guest.getByRole('radio', { name: /404 Not Found/ }).check();
  await guest.getByRole('button', { name: 'Save answer' }).click();
  await expect(guest.getByTestId('mcq-saved')).toHaveText('Answer C saved.');
  await nextQuestion(guest);
  await expect(guest.getByRole('heading', { name: /you have completed the interview/ })).toBeVisible();

  // The list is the server's projection of the documents: reload until the completed interview is in it.
  await expect(async () => {
    await host.reload();
    await search.fill('Grace Hopperton');
    await expect(host.getByRole('link', { name: 'Grace Hopperton' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(host.getByTestId('results-empty')).toHaveCount(0);

  await host.getByRole('link', { name: 'Grace Hopperton' }).click();
  await expect(host.getByRole('heading', { level: 1 })).toContainText('Grace Hopperton');
  await expect(host.getByText('Which HTTP status code means the resource was not found?')).toBeVisible();
});
