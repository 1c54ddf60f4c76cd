import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './tests/support/browser';

/**
 * End-to-end tests drive a real Chromium against the built app served by the
 * real server. Each spec starts its own server (tests/e2e/fixtures.ts), so specs
 * never share data. One worker: this suite runs on 2-core machines.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: '.tmp/test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: '.tmp/playwright.json' }]] : [['list'], ['json', { outputFile: '.tmp/playwright.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
