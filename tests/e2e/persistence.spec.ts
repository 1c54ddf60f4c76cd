/**
 * The server keeps interviews in SQLite: killed mid-session and restarted on the
 * same data folder, it still serves the interview to a guest who never saw it.
 */
// The suite's one fixture set (so this spec shares a worker with the others); it asks for none of its worker fixtures.
import { test, expect } from './fixtures';
import { startServer, tempDataDir, type ServerProcess } from '../support/server-process';
import { createInviteLink, planInterview, questionCount, waitUntilSynced } from './pages/host-pages';

test('an interview survives the server being killed and restarted', async ({ browser, openProfile }) => {
  const dataDir = tempDataDir();
  const servers: ServerProcess[] = [];
  try {
    const first = await startServer({ dataDir });
    servers.push(first);
    const hostCtx = await openProfile(browser, { baseURL: first.url });
    const host = await hostCtx.newPage();
    await host.goto(first.hostLink);
    await planInterview(host, { sessionId: 'survives-restart', archetype: 'devops-sre', depth: 'Expert', durationMin: 60 });
    const count = await questionCount(host);
    await waitUntilSynced(host);
    const link = await createInviteLink(host, 'guest', 'Edsger');
    await hostCtx.close();

    // SIGKILL: no shutdown hook runs, so only what was already on disk survives.
    await first.kill();
    const second = await startServer({ dataDir, port: first.port });
    servers.push(second);
    const guestCtx = await openProfile(browser, { baseURL: second.url });
    const guest = await guestCtx.newPage();
    await guest.goto(link);
    await expect(guest.getByRole('heading', { name: 'survives-restart' })).toBeVisible();
    await expect(guest.getByTestId('guest-question-count')).toHaveText(String(count));
    await guestCtx.close();
  } finally {
    for (const s of servers) await s.kill();
  }
});
