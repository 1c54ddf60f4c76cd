/** The host lists, makes and revokes host links on the start page; a revoked link stops opening the workspace. */
import { test, expect, openAsHost } from './fixtures';
import { startServer, type ServerProcess } from '../support/server-process';

// Its own server: revoking the printed host link would lock every later spec of this worker out of the shared one.
let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server.stop();
});

test('the host makes a new host link for another device there, and revokes the old one from it', async ({ newProfile }) => {
  const first = await openAsHost(await newProfile(), server);
  const panel = first.getByTestId('host-links');
  await expect(panel.getByTestId('host-link')).toHaveCount(1);
  await expect(panel.locator('[data-testid=host-link][data-current=yes]')).toHaveAttribute('data-state', 'valid');

  await panel.getByRole('button', { name: 'New host link' }).click();
  const url = await panel.getByTestId('new-host-link').inputValue();
  expect(url).toMatch(/#host=/);
  await expect(panel.getByTestId('host-link')).toHaveCount(2);

  const second = await (await newProfile()).newPage();
  await second.goto(url);
  await expect(second.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
  const secondPanel = second.getByTestId('host-links');
  const old = secondPanel.locator('[data-testid=host-link][data-current=no]');
  await expect(old).toHaveAttribute('data-state', 'valid');
  await old.getByRole('button', { name: /^Revoke the host link made/ }).click();
  await expect(old).toHaveAttribute('data-state', 'revoked');

  const me = await second.request.get(`${server.url}/api/me`, { headers: { Authorization: `Bearer ${server.hostToken}` } });
  expect(me.status()).toBe(401);

  // Its own link asks once more before it goes.
  const own = secondPanel.locator('[data-testid=host-link][data-current=yes]');
  await own.getByRole('button', { name: "Revoke this device's host link" }).click();
  await expect(own).toHaveAttribute('data-state', 'valid');
  await own.getByRole('button', { name: "Revoke this device's link too" }).click();
  await expect(own).toHaveAttribute('data-state', 'revoked');
});
