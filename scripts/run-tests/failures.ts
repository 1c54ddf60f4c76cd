/**
 * Names what failed (and, for end-to-end, what passed only on a retry) from the suites' JSON reports, so the last lines
 * of `npm test` say which test to look at: CI keeps only the tail of a long run's output, which held the totals
 * and not the name of the one failing integration test (stop 22).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Named {
  what: string;
  why: string;
}

/** The first line of a failure message that says something, cut to fit one terminal line. */
function firstLine(message: string | undefined): string {
  const line = (message ?? '').split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  // Vitest and Playwright colour their messages; the escapes are noise in a log.
  const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
  return plain.length > 160 ? `${plain.slice(0, 157)}...` : plain;
}

interface VitestReport {
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[];
}

/** Tests that passed on their retry: vitest keeps the failed attempts' errors on a test that then passed. */
export function vitestRetried(report: VitestReport, root: string): Named[] {
  const out: Named[] = [];
  for (const file of report.testResults ?? []) {
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'passed' && (a.failureMessages?.length ?? 0) > 0) out.push({ what: `${path.relative(root, file.name)} › ${a.fullName}`, why: firstLine(a.failureMessages![0]) });
    }
  }
  return out;
}

export function vitestFailures(report: VitestReport, root: string): Named[] {
  const out: Named[] = [];
  for (const file of report.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) out.push({ what: `${rel} › ${a.fullName}`, why: firstLine(a.failureMessages?.[0]) });
    // A file that failed to load (or failed in a hook outside any test) has no failed test to name.
    if (failed.length === 0 && file.status === 'failed') out.push({ what: rel, why: firstLine(file.message) });
  }
  return out;
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file: string; line: number; tests: { status: string; projectName: string; results: { status: string; retry: number; errors?: { message?: string }[] }[] }[] }[];
  suites?: PlaywrightSuite[];
}

export function playwrightOutcomes(report: { suites?: PlaywrightSuite[]; errors?: { message?: string }[] }): { failed: Named[]; flaky: Named[] } {
  const failed: Named[] = [];
  const flaky: Named[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.file && suite.title === suite.file ? titles : [...titles, suite.title];
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const what = `${spec.file}:${spec.line} › ${[...here, spec.title].filter(Boolean).join(' › ')}`;
        const firstBad = test.results.find((r) => r.status !== 'passed' && r.status !== 'skipped');
        const why = firstLine(firstBad?.errors?.[0]?.message);
        if (test.status === 'unexpected') failed.push({ what, why });
        else if (test.status === 'flaky') flaky.push({ what, why });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  for (const e of report.errors ?? []) failed.push({ what: 'outside any test', why: firstLine(e.message) });
  return { failed, flaky };
}

export function readJson<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : undefined;
}
