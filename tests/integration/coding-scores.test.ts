/**
 * First-pass scoring of coding answers on a staff device: the submitted code runs in the code sandbox (a real Node
 * worker thread here) against the task's example and hidden tests, and the explained result goes to the assessment
 * document; unchanged code is not run again, changed code is; code that does not compile or loops forever still
 * gets an explained score of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { InterviewPlan } from '../../src/domain/interview';
import { emptyAnswer, type StageState } from '../../src/domain/stage';
import { scoreNewAnswers, type CodeRunner } from '../../src/staff-ai/score-answers';
import { fingerprintCode, fingerprintSimilarity, SIMILAR_THRESHOLD } from '../../src/domain/coding/fingerprint';
import { codingScoreKey, readScore } from '../../src/sync/answer-results';
import { nodeSandboxPort } from '../../worker/sandbox/node-port';
import { runTests } from '../../worker/sandbox/run-code';
import { startNodeScoringWorker } from '../../worker/scoring/node-port';

const scorer = startNodeScoringWorker();
afterAll(() => scorer.dispose());

let runs = 0;
const codeRunner: CodeRunner = async (code, tests) => {
  runs += 1;
  return runTests(nodeSandboxPort, code, tests, { perCaseMs: 500 });
};

const PLAN: InterviewPlan = {
  meta: { id: 'iv-code', title: 'Coding', archetype: 'backend', depth: 'standard', durationMin: 15, version: 1 } as InterviewPlan['meta'],
  questions: [
    {
      id: 'q-sum',
      kind: 'coding',
      title: 'Sum of an array',
      statement: 'Write a function that returns the sum of all numbers in the given array.',
      language: 'typescript',
      functionName: 'sum',
      signature: 'sum(values: number[]): number',
      starterCode: 'function sum(values: number[]): number {\n  return 0;\n}\n',
      referenceSolution: 'function sum(values) { return values.reduce((a, b) => a + b, 0); }',
      exampleTests: [{ args: [[1, 2, 3]], expected: 6 }],
      hiddenTests: [
        { args: [[]], expected: 0 },
        { args: [[-1, 1]], expected: 0 },
        { args: [[10]], expected: 10 },
      ],
      timeLimitSec: 600,
      archetypes: ['backend'],
      depths: ['standard'],
      difficulty: 2,
      source: 'host',
    },
  ] as InterviewPlan['questions'],
};

function stateWith(code: string): StageState {
  return { answers: [{ ...emptyAnswer('q-sum'), status: 'answered', code }] } as unknown as StageState;
}

async function score(assessment: Y.Doc, code: string) {
  return scoreNewAnswers({ plan: PLAN, stageDoc: new Y.Doc(), assessmentDoc: assessment, state: stateWith(code), scorer, codeRunner, scoredBy: 'Ivy', now: () => 42, modelVersion: 1 });
}

describe('scoring coding answers on a staff device', () => {
  it('runs the code against example and hidden tests and explains the result', async () => {
    const assessment = new Y.Doc();
    const report = await score(assessment, 'function sum(values: number[]): number {\n  return values.length ? values.reduce((a, b) => a + b) : -1;\n}\n');
    expect(report).toEqual({ scored: [codingScoreKey('q-sum')], failed: [] });
    const record = readScore(assessment, codingScoreKey('q-sum'));
    expect(record).toMatchObject({ kind: 'coding', passed: 3, total: 4, examplesPassed: 1, examplesTotal: 1, score: 3.8, loadError: null, scoredBy: 'Ivy', processedOn: 'staff-device', at: 42 });
    if (record?.kind !== 'coding') throw new Error('no coding record');
    expect(record.tests.map((t) => [t.hidden, t.state])).toEqual([
      [false, 'passed'],
      [true, 'wrong'],
      [true, 'passed'],
      [true, 'passed'],
    ]);
    expect(record.tests[1]).toMatchObject({ args: '[[]]', expected: '0', got: '-1' });
    expect(record.explanation).toBe('Passed 3 of 4 tests (1 of 1 examples, 2 of 3 hidden). hidden test 1 returned -1 instead of 0.');
  });

  it('runs unchanged code once, and changed code again', async () => {
    const assessment = new Y.Doc();
    const right = 'function sum(values: number[]): number { return values.reduce((a, b) => a + b, 0); }';
    runs = 0;
    await score(assessment, right);
    expect((await score(assessment, right)).scored).toEqual([]);
    expect(runs).toBe(1);
    const changed = await score(assessment, `${right}\n// tidied`);
    expect(changed.scored).toEqual([codingScoreKey('q-sum')]);
    expect(runs).toBe(2);
    expect(readScore(assessment, codingScoreKey('q-sum'))).toMatchObject({ passed: 4, total: 4, score: 5 });
  });

  it('keeps the token fingerprint of the code with its score, and scores again a record that has none', async () => {
    const assessment = new Y.Doc();
    const right = 'function sum(values: number[]): number { return values.reduce((a, b) => a + b, 0); }';
    await score(assessment, right);
    const record = readScore(assessment, codingScoreKey('q-sum'));
    if (record?.kind !== 'coding' || !record.fingerprint) throw new Error('no fingerprint kept');
    expect(record.fingerprint).toEqual(fingerprintCode(right));
    // Another candidate's renamed copy is flagged against it; an independent solution is not.
    const renamed = fingerprintCode('function sum(xs: number[]): number {\n  return xs.reduce((p, q) => p + q, 0)\n}');
    const independent = fingerprintCode('function sum(values: number[]): number { let t = 0; for (let i = 0; i < values.length; i++) t += values[i]; return t; }');
    expect(fingerprintSimilarity(record.fingerprint, renamed)).toBe(1);
    expect(fingerprintSimilarity(record.fingerprint, independent)).toBeLessThan(SIMILAR_THRESHOLD);

    // A score written before fingerprints existed is scored again once, then kept.
    const { fingerprint: _, ...old } = record;
    assessment.getMap('scores').set(codingScoreKey('q-sum'), old);
    runs = 0;
    expect((await score(assessment, right)).scored).toEqual([codingScoreKey('q-sum')]);
    expect((await score(assessment, right)).scored).toEqual([]);
    expect(runs).toBe(1);
  });

  it('scores code that does not compile, or loops forever, with the reason', async () => {
    const broken = new Y.Doc();
    await score(broken, 'function sum(values: number[] { return 0 }');
    expect(readScore(broken, codingScoreKey('q-sum'))).toMatchObject({ score: 0, passed: 0, loadError: expect.stringContaining('the code does not compile') });
    expect(readScore(broken, codingScoreKey('q-sum'))?.explanation).toMatch(/^The code could not run, so no test passed: the code does not compile/);

    const looping = new Y.Doc();
    await score(looping, 'function sum(values: number[]): number { if (values.length === 0) { for (;;) {} } return values.reduce((a, b) => a + b, 0); }');
    const record = readScore(looping, codingScoreKey('q-sum'));
    if (record?.kind !== 'coding') throw new Error('no coding record');
    expect(record.tests.map((t) => t.state)).toEqual(['passed', 'timeout', 'not-run', 'not-run']);
    expect(record.score).toBe(1.3);
    expect(record.explanation).toContain('hidden test 1: still running after 0.5 s, so it was stopped (an endless loop?)');
    expect(record.explanation).toContain('Tests after a stopped one did not run.');
  });

  it('leaves coding answers alone on a device that cannot run code', async () => {
    const assessment = new Y.Doc();
    const report = await scoreNewAnswers({ plan: PLAN, stageDoc: new Y.Doc(), assessmentDoc: assessment, state: stateWith('function sum() { return 0 }'), scorer, scoredBy: 'Ivy', modelVersion: 1 });
    expect(report).toEqual({ scored: [], failed: [] });
    expect(readScore(assessment, codingScoreKey('q-sum'))).toBeNull();
  });
});
