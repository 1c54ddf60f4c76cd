/**
 * Issue #18: the invite link's token is stored before the technical check without Dexie (src/auth/link-token.ts,
 * src/storage/first-screen-idb.ts), in Dexie's own database, which Dexie goes on owning. In Chromium, with the
 * interview's code and Dexie held back on the network, so that only the first screen's code has run: the token has
 * left the address and is in a database made as Dexie makes it; a reload at that moment opens the check again with
 * the stored token; once the interview's code arrives, Dexie opens that database as it is (no upgrade, no schema
 * patch) and writes the guest's progress into it. An invite without a token on a device with no database creates none.
 */
import type { Page, Route } from '@playwright/test';
import { test, expect, dismissOfflineToast, expectMicReady, planOf, publishAndInvite, spokenQuestion, localStageState } from './pages/guest-pages';
import { APP_DB_NAME, APP_DB_VERSIONS } from '../../src/storage/db-schema';

/** Dexie's native version for the newest schema (Dexie 4 opens version n as n × 10). */
const DEXIE_NATIVE_VERSION = Math.max(...APP_DB_VERSIONS.map((v) => v.version)) * 10;
const STORES = [...new Set(APP_DB_VERSIONS.flatMap((v) => Object.keys(v.stores)))].sort();

/** The interview's chunk and the Dexie chunk (`db-<hash>.js`, not `db-schema-<hash>.js`), answered only when released. */
const HELD = /\/assets\/(GuestInterview|db)-[\w-]{8}\.js$/;

interface DbSeen {
  version: number;
  stores: string[];
  credential: { scope: string; token: string; role: string; subject: string } | null;
}

async function database(page: Page, scope: string): Promise<DbSeen | null> {
  return page.evaluate(
    async ({ name, scope }) => {
      if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const stores = [...db.objectStoreNames].sort();
      const credential = stores.includes('credentials')
        ? await new Promise<DbSeen['credential']>((resolve, reject) => {
            const r = db.transaction('credentials', 'readonly').objectStore('credentials').get(scope);
            r.onsuccess = () => resolve(r.result ?? null);
            r.onerror = () => reject(r.error);
          })
        : null;
      const version = db.version;
      db.close();
      return { version, stores, credential };
    },
    { name: APP_DB_NAME, scope },
  );
}

async function fetchedScripts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')),
  );
}

test('the link token is stored without Dexie, survives a reload before Dexie loads, and Dexie then owns that database as it is', async ({
  guestContext,
  server,
}) => {
  const id = 'link-token-storage-1';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'What does a cache do?')]), 'Ada');
  const linkToken = link.split('#t=')[1]!;
  const ctx = await guestContext();
  const page = await ctx.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const held: Route[] = [];
  await page.route(HELD, (route) => void held.push(route));

  // Not until 'load': the held chunks keep the load event from firing.
  await dismissOfflineToast(page);
  await page.goto(link, { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expectMicReady(page);
  await expect(page.getByText('Welcome, Ada.')).toBeVisible();
  expect(page.url(), 'the token has left the address').not.toContain('#');
  expect(page.url()).not.toContain(linkToken);
  // Only the first screen's code has run: the interview and Dexie were asked for (at idle) but never arrived.
  await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect((await fetchedScripts(page)).filter((p) => HELD.test(p))).toEqual([]);

  // The token is in Dexie's database, made as Dexie makes it.
  const made = await database(page, id);
  expect(made).toEqual({
    version: DEXIE_NATIVE_VERSION,
    stores: STORES,
    credential: expect.objectContaining({ scope: id, token: linkToken, role: 'guest', subject: 'Ada' }),
  });

  // A reload at this moment: the address has no token, the device has it.
  await page.reload({ waitUntil: 'commit' });
  await expect(page.getByRole('heading', { name: 'Technical check' })).toBeVisible();
  await expect(page.getByText('Welcome, Ada.')).toBeVisible();
  await expectMicReady(page);

  // The interview's code and Dexie arrive: the plan shows, and Dexie writes the guest's progress into the same database.
  await page.unroute(HELD);
  for (const route of held.splice(0)) await route.continue().catch(() => undefined);
  await expect(page.getByRole('heading', { level: 1, name: `Interview ${id}` })).toBeVisible({ timeout: 30_000 });
  expect((await fetchedScripts(page)).some((p) => /\/assets\/db-[\w-]{8}\.js$/.test(p)), 'Dexie was loaded').toBe(true);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'How it works' })).toBeVisible();
  expect((await localStageState(page, id)).stage).not.toBe('setup');
  const after = await database(page, id);
  expect(after?.version, 'Dexie opened the database without an upgrade or a schema patch').toBe(DEXIE_NATIVE_VERSION);
  expect(after?.stores).toEqual(STORES);
  expect(after?.credential?.token).toBe(linkToken);
  expect(consoleLines.filter((l) => /SchemaDiff|UpgradeError|VersionError/.test(l))).toEqual([]);
});

test('an invite without a token on a device with no database says so and creates no database', async ({ guestContext, server }) => {
  const id = 'link-token-storage-2';
  const link = await publishAndInvite(server, planOf(id, [spokenQuestion('q1', 'What does a cache do?')]), 'Ada');
  const page = await (await guestContext()).newPage();
  await page.goto(link.split('#')[0]!);
  await expect(page.getByRole('heading', { name: 'This invitation link is incomplete' })).toBeVisible();
  expect(await database(page, id)).toBeNull();
});
