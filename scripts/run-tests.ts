/**
 * `npm test`: type check, unit, integration and end-to-end suites, in that
 * order, then one line totalling every suite: "N passed, N failed, N skipped".
 * Every suite runs even when an earlier one fails, so one run shows everything.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { playwrightOutcomes, readJson, vitestFailures, vitestRetried, type Named } from './run-tests/failures';

const ROOT = process.cwd();
const TMP = path.join(ROOT, '.tmp');
fs.mkdirSync(TMP, { recursive: true });

interface Tally {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
}

const tallies: Tally[] = [];
const failures: { suite: string; named: Named[] }[] = [];
const retried: { suite: string; named: Named }[] = [];
const only = process.argv.slice(2);
const wants = (suite: string) => only.length === 0 || only.includes(suite);

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function bin(name: string, file: string): string {
  return path.join(ROOT, 'node_modules', name, file);
}

function timed(suite: string, fn: () => Omit<Tally, 'suite' | 'seconds'>): void {
  console.log(`\n=== ${suite} ===`);
  const t0 = Date.now();
  const t = fn();
  tallies.push({ suite, ...t, seconds: (Date.now() - t0) / 1000 });
}

if (wants('typecheck')) {
  timed('typecheck', () => {
    // Incremental: tsc keeps what it learnt in .tmp/tsc/ (ignored) and checks again only the files whose text changed
    // and what depends on them; a fresh clone has no such file and checks everything.
    const code = run(process.execPath, [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', path.join(TMP, 'tsc', 'tsconfig.tsbuildinfo')]);
    return code === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 };
  });
}

// The unit and integration suites are two vitest projects each: the files that share worker processes and those that
// need one each (vitest.config.ts).
const projects = { unit: ['unit', 'unit-isolated'], integration: ['integration', 'integration-isolated'] } as const;

for (const suite of ['unit', 'integration'] as const) {
  if (!wants(suite)) continue;
  timed(suite, () => {
    const out = path.join(TMP, `vitest-${suite}.json`);
    fs.rmSync(out, { force: true });
    const selected = projects[suite].flatMap((p) => ['--project', p]);
    const code = run(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...selected, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
    if (!fs.existsSync(out)) {
      failures.push({ suite, named: [{ what: 'the whole suite', why: `vitest wrote no report (exit ${code})` }] });
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const r = JSON.parse(fs.readFileSync(out, 'utf8')) as Parameters<typeof vitestFailures>[0] & {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
    };
    // A file that fails to load has no tests to count; count it as a failure.
    const failed = r.numFailedTests + (r.numFailedTests === 0 && code !== 0 ? Math.max(1, r.numFailedTestSuites) : 0);
    if (failed > 0) failures.push({ suite, named: vitestFailures(r, ROOT) });
    retried.push(...vitestRetried(r, ROOT).map((named) => ({ suite, named })));
    return { passed: r.numPassedTests, failed, skipped: r.numPendingTests + r.numTodoTests };
  });
}

if (wants('e2e')) {
  timed('e2e', () => {
    const out = path.join(TMP, 'playwright.json');
    fs.rmSync(out, { force: true });
    const code = run(process.execPath, [bin('@playwright/test', 'cli.js'), 'test']);
    const r = readJson<Parameters<typeof playwrightOutcomes>[0] & { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(out);
    if (!r) {
      failures.push({ suite: 'e2e', named: [{ what: 'the whole suite', why: `Playwright wrote no report (exit ${code})` }] });
      return { passed: 0, failed: 1, skipped: 0 };
    }
    const loadErrors = code !== 0 && r.stats.unexpected === 0 ? 1 : 0;
    const outcome = playwrightOutcomes(r);
    if (outcome.failed.length > 0 || loadErrors > 0) failures.push({ suite: 'e2e', named: outcome.failed });
    retried.push(...outcome.flaky.map((named) => ({ suite: 'e2e', named })));
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected + loadErrors, skipped: r.stats.skipped };
  });
}

console.log('\nSuite        passed  failed  skipped  seconds');
for (const t of tallies) {
  console.log(`${t.suite.padEnd(12)} ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.skipped).padStart(7)}  ${t.seconds.toFixed(1).padStart(7)}`);
}
const sum = (k: 'passed' | 'failed' | 'skipped') => tallies.reduce((a, t) => a + t[k], 0);
// Last, so a log that keeps only its tail still names them.
for (const f of failures) {
  console.log(`\nFailed in ${f.suite}:`);
  for (const n of f.named) console.log(`  ✗ ${n.what}${n.why ? `\n      ${n.why}` : ''}`);
}
if (retried.length > 0) {
  console.log('\nPassed only on a retry:');
  for (const { suite, named: n } of retried) console.log(`  ~ ${suite}: ${n.what}${n.why ? `\n      ${n.why}` : ''}`);
}
console.log(`${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') > 0 ? 1 : 0);
