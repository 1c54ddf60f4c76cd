import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, testChromiumExecutable } from './tests/support/browser';

/**
 * End-to-end tests drive a real Chromium against the built app served by the
 * real server. Each worker starts its own server (tests/e2e/fixtures.ts); a
 * spec that changes server-wide state (revokes links, kills the server, needs
 * other settings) starts one of its own.
 *
 * Two workers: most of a test's time is spent waiting (real-time recordings,
 * sync round trips, timers), so two run side by side even on 2 cores. Set
 * E2E_WORKERS to change it (1 on a machine too busy for two).
 *
 * One retry, everywhere, not only in CI: the suite runs on small shared
 * machines where a wait can run out for load alone, and a developer running
 * `npx playwright test` locally wants the same evidence CI gets. A test that
 * passes only on its retry is reported as flaky (Playwright's list and JSON
 * reports), and its trace is kept: traces are recorded on the retry only, so
 * the passing first runs pay nothing for them.
 */
const workers = Number(process.env.E2E_WORKERS ?? 2);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.tmp/test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: Number.isInteger(workers) && workers > 0 ? workers : 2,
  retries: 1,
  reporter: [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: testChromiumExecutable(), args: CHROMIUM_ARGS },
    trace: 'on-first-retry',
  },
});
