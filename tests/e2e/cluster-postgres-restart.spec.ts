/**
 * Issue #16, "PostgreSQL restarted under load", as a person sees it: a real PostgreSQL, two `npm start` nodes on it
 * and Debian's nginx in front (the test's own, since it restarts the database), two staff members' live screens in
 * Chromium through nginx. PostgreSQL is stopped (immediate shutdown, as in a crash) and started again while they
 * chat. Asserted exactly:
 * - while the database is down the writer's screen says "Reconnecting…" (sync-status.ts's words for a connection
 *   being retried), keeps the message written then on the device and marks it "not sent yet";
 * - at no moment does either screen show the route error boundary or a refusal (the 'denied' state, whose words
 *   tell the person to ask for a new link);
 * - the message acknowledged before the restart (the other staff member received it, and the server relays only
 *   what it stored) is still in PostgreSQL afterwards, and the message written during the outage reaches the other
 *   screen and PostgreSQL once the database is back, each exactly once;
 * - no node exits.
 * The integration test tests/integration/cluster-failover.test.ts proves the same with raw Yjs clients under load.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { test, expect, type Fixtures } from './fixtures';
import { chatMessage, chatMessages, liveStatus, openLiveLink, sendChat, waitLiveSynced } from './pages/live-pages';
import { inviteLink, planOf, publishPlanDocs, spokenQuestion } from '../support/host-actions';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres';
import { startClusterProcess, type ClusterProcess } from '../support/cluster-processes';
import { startNginx, type NginxProcess } from '../support/nginx-process';
import type { ServerProcess } from '../support/server-process';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { readChat } from '../../src/sync/staff-doc';

// Node starts are the slow part on a busy machine (each up to 180 s in cluster-processes.ts).
test.describe.configure({ timeout: 300_000 });

const unavailable = postgresUnavailable();
const secret = randomBytes(32);
let pgCluster: TestPostgres | undefined;
let databaseUrl = '';
const nodes: ClusterProcess[] = [];
let proxy: NginxProcess | undefined;

test.beforeAll(async () => {
  if (unavailable) return;
  pgCluster = await startPostgres();
  databaseUrl = await pgCluster.database();
  // A short lease: a node that cannot renew it while the database is down steps down within seconds.
  nodes.push(...(await Promise.all(['node-1', 'node-2'].map((nodeId) => startClusterProcess({ databaseUrl, secret, nodeId, leaseMs: 2_000 })))));
  proxy = await startNginx(nodes.map((n) => n.address));
});

test.afterAll(async () => {
  await proxy?.stop();
  for (const n of nodes) await n.server.stop();
  await pgCluster?.stop();
});

/** The API through nginx, as the host's screens reach it (node-1's host token; all nodes share the secret). */
function throughProxy(): ServerProcess {
  return { ...nodes[0]!.server, url: proxy!.url };
}

/** The chat stored in PostgreSQL, read directly (a fresh connection: the restart cut every pooled one). */
async function storedChat(docName: string): Promise<string[] | null> {
  const storage = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined }).catch(() => null);
  if (!storage) return null;
  try {
    return readChat((await storage.load(docName)).doc).map((m) => m.text);
  } catch {
    return null;
  } finally {
    await storage.close();
  }
}

/**
 * Records, from now on, every sync state the page's status shows and whether the route error boundary ever
 * appears (a MutationObserver: a state shown for a moment between two checks is not missed).
 */
async function watchScreen(page: Page): Promise<() => Promise<{ states: string[]; errorShown: boolean }>> {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: { states: string[]; errorShown: boolean } };
    w.__seen = { states: [], errorShown: false };
    const look = () => {
      for (const el of document.querySelectorAll('[data-sync-state]')) {
        const s = el.getAttribute('data-sync-state')!;
        if (w.__seen.states.at(-1) !== s) w.__seen.states.push(s);
      }
      if (document.querySelector('[data-testid="screen-error"]')) w.__seen.errorShown = true;
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-sync-state', 'data-testid'] });
  });
  return () => page.evaluate(() => (window as unknown as { __seen: { states: string[]; errorShown: boolean } }).__seen);
}

async function openStaff(openProfile: Fixtures['openProfile'], browser: Browser, link: string, title: string): Promise<Page> {
  const ctx = await openProfile(browser, { baseURL: proxy!.url });
  // The link names the node that issued it; a person opens it through the organisation's address, nginx.
  const url = new URL(link);
  return openLiveLink(ctx, `${proxy!.url}${url.pathname}${url.search}${url.hash}`, title);
}

test('PostgreSQL restarted during a live session: staff see "Reconnecting…", never an error, and nothing written is lost', async ({ browser, openProfile }) => {
  test.skip(unavailable !== null, unavailable ?? '');
  const id = `pg-restart-live-${randomBytes(3).toString('hex')}`;
  const [ivan, mona] = await test.step('publish and open two staff screens through nginx', async () => {
    const plan = planOf(id, [spokenQuestion('q1', 'What does a load balancer do?')], 30);
    plan.meta.title = id;
    await publishPlanDocs(throughProxy(), plan);
    const pages = await Promise.all([
      inviteLink(throughProxy(), id, 'interviewer', 'Ivan Interviewer').then((link) => openStaff(openProfile, browser, link, id)),
      inviteLink(throughProxy(), id, 'moderator', 'Mona Moderator').then((link) => openStaff(openProfile, browser, link, id)),
    ]);
    for (const p of pages) await waitLiveSynced(p);
    return pages;
  });
  const seen = await Promise.all([ivan, mona].map(watchScreen));

  // Acknowledged: Mona has it, and a node relays an update only after PostgreSQL stored it.
  await sendChat(ivan, 'Before the restart');
  await expect(chatMessage(mona, 'Before the restart')).toHaveCount(1);

  await test.step('restart PostgreSQL, writing while it is down', () => pgCluster!.restart(async () => {
    // The owner cannot renew its lease, steps down and closes the sockets; the reconnects find no database.
    await expect(liveStatus(ivan)).toHaveAttribute('data-sync-state', 'connecting', { timeout: 30_000 });
    await expect(liveStatus(ivan)).toContainText('Reconnecting…');
    await sendChat(ivan, 'During the outage');
    await expect(chatMessage(ivan, 'During the outage')).toContainText('not sent yet');
    await expect(liveStatus(ivan)).toHaveAttribute('data-pending', 'true');
    await expect(chatMessage(mona, 'During the outage')).toHaveCount(0);
  }));

  // The database is back: both screens reconnect by themselves and the outage's message arrives, once.
  await test.step('both screens back in sync', async () => {
    for (const p of [ivan, mona]) {
      await waitLiveSynced(p);
      for (const text of ['Before the restart', 'During the outage']) await expect(chatMessage(p, text)).toHaveCount(1);
      await expect(chatMessages(p)).toHaveCount(2);
    }
  });
  await expect(liveStatus(ivan)).toHaveAttribute('data-pending', 'false');
  await expect(chatMessage(ivan, 'During the outage')).not.toContainText('not sent yet');
  await expect.poll(() => storedChat(`${id}.staff`), { timeout: 20_000 }).toEqual(['Before the restart', 'During the outage']);

  for (const read of seen) {
    const { states, errorShown } = await read();
    expect(errorShown, 'the route error boundary appeared').toBe(false);
    expect(states, 'a refusal (denied) was shown').not.toContain('denied');
  }
  expect((await seen[0]!()).states).toContain('connecting');
  for (const n of nodes) expect(n.server.child.exitCode, `${n.nodeId} exited`).toBeNull();
});
