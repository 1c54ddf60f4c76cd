import { defineConfig } from 'vitest/config';

/** Unit tests: pure logic, no servers. Integration tests: real server, real SQLite, real sockets. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration suites start servers and browsers; running files one at a time keeps a 2-core machine honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
