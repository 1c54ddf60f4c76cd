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
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // A worker's warm-up (the scoring model in a worker thread) shares the machine with the other file.
          hookTimeout: 20_000,
          maxWorkers: Math.max(2, cores - 1),
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Builds the servers' bundles once (tests/support/server-bundle.ts).
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time, whatever the machine: each file's servers and browsers are processes of their own.
          maxWorkers: 2,
          // After the unit files when both run in one `vitest run` (a group of its own, as its worker count differs).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
