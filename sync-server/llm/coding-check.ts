/**
 * Runs a model-written coding task's reference solution against its own example
 * and hidden tests, the check every curated bank task passes. A task whose tests
 * its own solution fails would mark a correct candidate wrong, so it is dropped.
 *
 * The code runs in a separate Node process under the permission model (no file
 * system, no child processes, no workers), with an empty environment (the API
 * key is never in reach), a small heap, and a wall-clock limit; each case also
 * runs in a fresh vm context with its own timeout.
 */
import { spawn } from 'node:child_process';
import { jsonEqual } from '../../src/domain/json-equal';
import type { CodingTask } from '../../src/domain/questions';

const PER_CASE_MS = 500;
const WHOLE_RUN_MS = 4000;
const MAX_OUTPUT_BYTES = 512 * 1024;

/** The child's program; functionName is a checked identifier, the source and args travel on stdin. */
const RUNNER = String.raw`
const vm = require('node:vm');
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const { source, functionName, cases, perCaseMs } = JSON.parse(input);
  const call = ';(() => { if (typeof ' + functionName + " !== 'function') throw new Error('" + functionName +
    " is not defined as a function'); const r = " + functionName +
    '(...JSON.parse(__args)); return JSON.stringify(r === undefined ? null : r); })()';
  const results = [];
  for (const args of cases) {
    try {
      const context = vm.createContext({ __args: JSON.stringify(args) });
      results.push({ ok: true, json: vm.runInContext(source + '\n' + call, context, { timeout: perCaseMs }) });
    } catch (e) {
      results.push({ ok: false, error: String((e && e.message) || e) });
      break; // only the first problem is reported; a hang would cost every remaining case its timeout
    }
  }
  process.stdout.write(JSON.stringify(results));
});
`;

type CaseResult = { ok: true; json: string } | { ok: false; error: string };

/** Null when every example and hidden test passes; otherwise the first problem, in words. */
export async function checkCodingTask(task: CodingTask): Promise<string | null> {
  const cases = [
    ...task.exampleTests.map((t, i) => ({ label: `example test ${i + 1}`, test: t })),
    ...task.hiddenTests.map((t, i) => ({ label: `hidden test ${i + 1}`, test: t })),
  ];
  let results: CaseResult[];
  try {
    results = await runInChild({
      source: task.referenceSolution,
      functionName: task.functionName,
      cases: cases.map((c) => c.test.args),
      perCaseMs: PER_CASE_MS,
    });
  } catch (err) {
    return `referenceSolution could not be run: ${(err as Error).message}`;
  }
  for (const [i, c] of cases.entries()) {
    const r = results[i];
    if (!r) return `referenceSolution gave no result for ${c.label}`;
    if (!r.ok) return `referenceSolution throws on ${c.label}: ${r.error.slice(0, 120)}`;
    let got: unknown;
    try {
      got = JSON.parse(r.json);
    } catch {
      return `referenceSolution returns a value that is not JSON on ${c.label}`;
    }
    if (!jsonEqual(got, c.test.expected)) {
      return `referenceSolution fails ${c.label}: expected ${short(c.test.expected)}, got ${short(got)}`;
    }
  }
  return null;
}

function runInChild(payload: object): Promise<CaseResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--experimental-permission', '--no-warnings', '--max-old-space-size=64', '-e', RUNNER],
      { env: {}, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    let out = '';
    let settled = false;
    const finish = (err: Error | null, value?: CaseResult[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(value ?? []);
    };
    const timer = setTimeout(() => finish(new Error(`it ran longer than ${WHOLE_RUN_MS / 1000} s`)), WHOLE_RUN_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      if (out.length > MAX_OUTPUT_BYTES) finish(new Error('it printed too much'));
    });
    child.on('error', (err) => finish(err));
    child.on('close', (code) => {
      if (code !== 0) return finish(new Error(`the check process exited with code ${String(code)} (out of memory?)`));
      try {
        finish(null, JSON.parse(out) as CaseResult[]);
      } catch {
        finish(new Error('the check process gave no readable result'));
      }
    });
    child.stdin.on('error', () => {}); // the child may die before reading everything
    child.stdin.end(JSON.stringify(payload));
  });
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
