import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests: pure logic, no servers. Integration tests: real server, real SQLite, real sockets.
 *
 * Both use two worker processes even on a 2-core machine (vitest's default there is one, cores - 1): a unit file is
 * pure CPU in its own process, and the main process only collects results; an integration file starts its own
 * servers on free ports with their own data folders (and its own databases in the run's PostgreSQL cluster, or a
 * cluster of its own when it restarts PostgreSQL: tests/support/run-postgres.ts), so two files never share state, and
 * while one waits on a server starting, restarting or answering, the other runs.
 */
/**
 * A failed test runs once more, as Playwright's end-to-end tests do (playwright.config.ts): on a 2-core machine
 * shared by servers, browsers and PostgreSQL, a rare timing loss should not fail a whole CI run (stop 22's did, on
 * one integration test). It is not hidden: `npm test` names every test that passed only on its retry, with the first
 * attempt's error (scripts/run-tests/failures.ts), and a test that fails twice fails the run.
 */
const RETRY = 1;
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

const unitSettings = {
  environment: 'node',
  testTimeout: 20_000,
  // A worker's warm-up (the scoring model in a worker thread) shares the machine with the other file.
  hookTimeout: 20_000,
  maxWorkers: Math.max(2, cores - 1),
  retry: RETRY,
} as const;

/**
 * Unit files that each need a fresh process: they install globals (fake-indexeddb/auto's IndexedDB, stubbed
 * globals), turn on fake timers, or keep state in module singletons (the app's Dexie database) that the next file
 * would find filled.
 */
const UNIT_ISOLATED = [
  'tests/unit/ai-guest-staff-results.test.ts',
  'tests/unit/ai-placement-wiring.test.ts',
  'tests/unit/first-screen-idb.test.ts',
  'tests/unit/guest-runtime.test.ts',
  'tests/unit/guest-speech.test.ts',
  'tests/unit/guest-takes.test.ts',
  'tests/unit/guest-transcripts.test.ts',
  'tests/unit/rated-answers-store.test.ts',
  'tests/unit/read-cache.test.ts',
  'tests/unit/recordings-storage.test.ts',
  'tests/unit/serial-runner.test.ts',
  'tests/unit/support-console.test.ts',
];

const integrationSettings = {
  environment: 'node',
  // Builds the servers' bundles once and starts the run's PostgreSQL cluster (tests/integration/global-setup.ts;
  // it runs once for both integration projects).
  globalSetup: ['tests/integration/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Two files at a time, whatever the machine: each file's servers and browsers are processes of their own.
  maxWorkers: 2,
  retry: RETRY,
  // After the unit files when both run in one `vitest run` (a group of its own, as its worker count differs).
  sequence: { groupOrder: 1 },
};

/**
 * Integration files that each need a fresh process: they install fake-indexeddb/auto's IndexedDB globals (the guest's
 * uploader stores its takes there) or stub the global fetch.
 */
const INTEGRATION_ISOLATED = ['tests/integration/upload-failover.test.ts', 'tests/integration/uploads-guest.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: UNIT_ISOLATED,
          ...unitSettings,
          // The files share their two worker processes: each file's imports (zod, wink, the bank, the domain modules)
          // load once per worker instead of once per file, half the unit run's CPU time. A file that leaves globals,
          // fake timers or environment variables behind fails (the guard below) and belongs in UNIT_ISOLATED.
          isolate: false,
          setupFiles: ['tests/unit/shared-worker-guard.ts'],
        },
      },
      {
        test: {
          name: 'unit-isolated',
          include: UNIT_ISOLATED,
          ...unitSettings,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: INTEGRATION_ISOLATED,
          ...integrationSettings,
          // The files share their two worker processes: each file's imports (the server's modules, yjs, pg, the
          // openai client, the app's upload code) load once per worker instead of once per file, and no process is
          // started per file. A file that leaves globals, listeners or child processes behind fails (the guard below)
          // and belongs in INTEGRATION_ISOLATED.
          isolate: false,
          setupFiles: ['tests/integration/shared-worker-guard.ts'],
        },
      },
      {
        test: {
          name: 'integration-isolated',
          include: INTEGRATION_ISOLATED,
          ...integrationSettings,
        },
      },
    ],
  },
});
