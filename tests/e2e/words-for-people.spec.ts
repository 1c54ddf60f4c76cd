/**
 * Words for people (#12 item 5): a link that does not work says what happened and what to do, for the role it was
 * made for, instead of "Token bad-signature: ask the host for a new link". (The question editor's words are checked
 * in planning.spec.ts, where the host edits a question.)
 */
import { test, expect } from './fixtures';
import { mcqQuestion, planOf, publishAndInvite } from './pages/guest-pages';

/** The same link with its signature changed: what a forged or mangled link looks like to the server. */
function forge(link: string): string {
  return `${link.slice(0, -6)}AAAAAA`;
}

test('a forged guest link and a forged host link each say what to do, in words for that person', async ({ newProfile, server }) => {
  const guestLink = await publishAndInvite(server, planOf('words-links-1', [mcqQuestion('q1')]), 'Fay Forged');

  const guest = await (await newProfile()).newPage();
  await guest.goto(forge(guestLink));
  await expect(guest.getByRole('heading', { name: 'This link no longer works' })).toBeVisible({ timeout: 30_000 });
  await expect(guest.getByRole('alert')).toHaveText(
    'Your link was not made by this InterQ server, or it was changed after it was sent: ask the host for a new link.',
  );

  const host = await (await newProfile()).newPage();
  await host.goto(forge(server.hostLink));
  const bank = host.getByTestId('bank-status');
  await expect(bank).toHaveAttribute('data-state', 'missing');
  await expect(bank).toHaveText(/^This host link was not made by this InterQ server .*npm start -- --new-host-link.* you can still add your own questions\.$/);
  await expect(host.locator('#main')).not.toContainText('bad-signature');
});
