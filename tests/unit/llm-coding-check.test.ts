/** The reference-solution check for model-written coding tasks, run in a real child process. */
import { describe, expect, it } from 'vitest';
import { checkCodingTask } from '../../sync-server/llm/coding-check';
import { jsonEqual } from '../../src/domain/json-equal';
import { CodingTask } from '../../src/domain/questions';

function task(referenceSolution: string, hidden: Array<{ args: unknown[]; expected: unknown }> = [
  { args: [[]], expected: 0 },
  { args: [[-2, 5]], expected: 29 },
]): CodingTask {
  return CodingTask.parse({
    id: 't',
    topic: 'Arrays',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    kind: 'coding',
    title: 'Sum of squares',
    statement: 'Return the sum of the squares of the numbers.',
    functionName: 'sumOfSquares',
    signature: 'function sumOfSquares(values: number[]): number',
    starterCode: 'function sumOfSquares(values: number[]): number {}',
    referenceSolution,
    exampleTests: [{ args: [[1, 2, 3]], expected: 14 }],
    hiddenTests: hidden,
  });
}

const GOOD = 'function sumOfSquares(v) { return v.reduce((s, x) => s + x * x, 0); }';

describe('checkCodingTask', () => {
  it('passes a solution that meets every test', async () => {
    expect(await checkCodingTask(task(GOOD))).toBeNull();
  });

  it('compares structured results regardless of key order', async () => {
    const t = task('function sumOfSquares(v) { return { b: [1, { c: null }], a: v.length }; }', [
      { args: [[]], expected: { a: 0, b: [1, { c: null }] } },
      { args: [[1]], expected: { a: 1, b: [1, { c: null }] } },
    ]);
    t.exampleTests = [{ args: [[1, 2]], expected: { a: 2, b: [1, { c: null }] } }];
    expect(await checkCodingTask(t)).toBeNull();
  });

  it('names the first failing test', async () => {
    expect(await checkCodingTask(task(GOOD, [{ args: [[]], expected: 0 }, { args: [[3]], expected: 10 }]))).toBe(
      'referenceSolution fails hidden test 2: expected 10, got 9',
    );
  });

  it('reports a solution that throws or defines something else', async () => {
    expect(await checkCodingTask(task('function sumOfSquares(v) { throw new Error("nope"); }'))).toBe(
      'referenceSolution throws on example test 1: nope',
    );
    expect(await checkCodingTask(task('const sumOfSquares = 3;'))).toMatch(/is not defined as a function/);
    expect(await checkCodingTask(task('function sumOfSquares( {'))).toMatch(/throws on example test 1/);
  });

  it('stops a solution that never returns', async () => {
    expect(await checkCodingTask(task('function sumOfSquares(v) { for (;;) {} }'))).toMatch(/timed out/i);
  });

  it('runs without the server environment or file system', async () => {
    const escape = 'const p = this.constructor.constructor("return process")();';
    const envSize = task(`function sumOfSquares(v) { ${escape} return Object.keys(p.env).length; }`, [
      { args: [[]], expected: 0 },
      { args: [[1]], expected: 0 },
    ]);
    envSize.exampleTests = [{ args: [[]], expected: 0 }];
    expect(await checkCodingTask(envSize)).toBeNull();
    const readFile = task(`function sumOfSquares(v) { ${escape} return p.getBuiltinModule('fs').readFileSync('/etc/hostname', 'utf8'); }`);
    expect(await checkCodingTask(readFile)).toMatch(/throws on example test 1: Access to this API has been restricted/);
  });
});

describe('jsonEqual', () => {
  it('is deep, ignores key order, and tells arrays from objects', () => {
    expect(jsonEqual({ a: [1, 2], b: null }, { b: null, a: [1, 2] })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ 0: 'x' }, ['x'])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
