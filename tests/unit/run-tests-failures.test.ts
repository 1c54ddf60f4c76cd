import { describe, expect, it } from 'vitest';
import { playwrightOutcomes, vitestFailures, vitestRetried } from '../../scripts/run-tests/failures';

describe('npm test names what failed', () => {
  it('names a failed vitest case by file and full name, with its first message line, and a file that failed to load', () => {
    const named = vitestFailures(
      {
        testResults: [
          { name: '/repo/tests/integration/a.test.ts', status: 'failed', assertionResults: [
            { fullName: 'store keeps it', status: 'passed' },
            { fullName: 'store › loses nothing', status: 'failed', failureMessages: ['\n\u001b[31mAssertionError: expected 3 to be 4\u001b[39m\n    at x'] },
          ] },
          { name: '/repo/tests/integration/b.test.ts', status: 'failed', message: 'Cannot find module ./gone', assertionResults: [] },
          { name: '/repo/tests/integration/c.test.ts', status: 'passed', assertionResults: [{ fullName: 'fine', status: 'passed' }] },
        ],
      },
      '/repo',
    );
    expect(named).toEqual([
      { what: 'tests/integration/a.test.ts › store › loses nothing', why: 'AssertionError: expected 3 to be 4' },
      { what: 'tests/integration/b.test.ts', why: 'Cannot find module ./gone' },
    ]);
  });

  it('names a vitest case that passed only on its retry (vitest keeps the failed attempt’s error on it)', () => {
    const report = {
      testResults: [
        { name: '/repo/tests/integration/a.test.ts', status: 'passed', assertionResults: [
          { fullName: 'steady', status: 'passed', failureMessages: [] },
          { fullName: 'wobbly', status: 'passed', failureMessages: ['Error: Timed out waiting for: a checkpoint\n    at waitFor'] },
        ] },
      ],
    };
    expect(vitestRetried(report, '/repo')).toEqual([{ what: 'tests/integration/a.test.ts › wobbly', why: 'Error: Timed out waiting for: a checkpoint' }]);
    expect(vitestFailures(report, '/repo')).toEqual([]);
  });

  it('separates failed end-to-end tests from those that passed only on a retry, naming nested describes', () => {
    const result = (status: string, retry: number, message?: string) => ({ status, retry, errors: message ? [{ message }] : [] });
    const { failed, flaky } = playwrightOutcomes({
      suites: [
        {
          title: 'guest.spec.ts',
          file: 'guest.spec.ts',
          specs: [
            { title: 'records', file: 'guest.spec.ts', line: 10, tests: [{ status: 'expected', projectName: 'chromium', results: [result('passed', 0)] }] },
            { title: 'reloads', file: 'guest.spec.ts', line: 20, tests: [{ status: 'flaky', projectName: 'chromium', results: [result('failed', 0, 'Timeout 5000ms'), result('passed', 1)] }] },
          ],
          suites: [
            {
              title: 'at 320 px',
              specs: [{ title: 'stays put', file: 'guest.spec.ts', line: 30, tests: [{ status: 'unexpected', projectName: 'chromium', results: [result('failed', 0, 'moved 4 px'), result('failed', 1, 'moved 5 px')] }] }],
            },
          ],
        },
      ],
      errors: [{ message: 'global setup threw' }],
    });
    expect(failed).toEqual([
      { what: 'guest.spec.ts:30 › at 320 px › stays put', why: 'moved 4 px' },
      { what: 'outside any test', why: 'global setup threw' },
    ]);
    expect(flaky).toEqual([{ what: 'guest.spec.ts:20 › reloads', why: 'Timeout 5000ms' }]);
  });
});
