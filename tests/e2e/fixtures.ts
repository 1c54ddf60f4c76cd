/**
 * Playwright fixtures: a real InterQ server per test file (own port, own data
 * folder), and helpers to open the app as the host or as a guest in separate
 * browser contexts (separate profiles: separate IndexedDB, like two people).
 */
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { startServer, type ServerProcess } from '../support/server-process';

export interface Fixtures {
  /** Opens a new browser profile on the server. */
  newProfile: () => Promise<BrowserContext>;
}

export interface WorkerFixtures {
  server: ServerProcess;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      // Developers' setting: the generated test models are offered (with their banner) for the speech tests.
      const server = await startServer({ env: { INTERQ_TEST_MODELS: '1' } });
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  newProfile: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const ctx = await browser.newContext({ baseURL: server.url });
      contexts.push(ctx);
      return ctx;
    });
    for (const c of contexts) await c.close();
  },
});

export { expect };

/** Opens the host link (which stores the host token) and waits for the start page. */
export async function openAsHost(ctx: BrowserContext, server: ServerProcess): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(server.hostLink);
  await expect(page.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
  return page;
}
