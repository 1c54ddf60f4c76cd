import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScoringHandler } from '../../worker/scoring/handler';
import { ScoringError, type ScoringClient } from '../../worker/scoring/client';
import { nodeWorkerPort, startNodeScoringWorker } from '../../worker/scoring/node-port';
import { SCORING_PROTOCOL_VERSION, isScoringResponse } from '../../worker/scoring/protocol';

const question = {
  id: 'q-recursion',
  prompt: 'What is a recursive function?',
  referenceAnswer: 'A function that calls itself, with a base case that stops the recursion.',
  keyConcepts: ['calls itself', 'base case'],
};

describe('scoring worker over node:worker_threads', () => {
  let client: ScoringClient;
  beforeAll(async () => {
    client = startNodeScoringWorker({ timeoutMs: 20_000 });
    await client.warmUp();
  });
  afterAll(() => client.dispose());

  it('scores a spoken answer in the worker with the explanation intact', async () => {
    const score = await client.scoreSpoken({ question, transcript: 'It is a function that calls itself until it hits the base case.', durationSec: 4 });
    expect(score.kind).toBe('spoken');
    expect(score.questionId).toBe('q-recursion');
    expect(score.accuracy.conceptsFound.map((c) => c.concept)).toEqual(['calls itself', 'base case']);
    expect(score.accuracy.band).toBe('strong');
    expect(score.explanation).toMatch(/Covers 2 of 2 key concepts/);
  });

  it('answers concurrent requests each with its own result', async () => {
    const transcripts = ['calls itself', 'base case', '', 'a loop'];
    const scores = await Promise.all(transcripts.map((transcript) => client.scoreSpoken({ question, transcript, durationSec: 2 })));
    expect(scores.map((s) => s.accuracy.conceptsFound.map((c) => c.concept))).toEqual([['calls itself'], ['base case'], [], []]);
    expect(scores[2]!.empty).toBe(true);
  });

  it('scores multiple choice', async () => {
    const mcq = { options: ['a', 'b', 'c', 'd'], correctIndex: 1, explanation: 'b is right because it is.' };
    expect((await client.scoreMcq(mcq, 1)).correct).toBe(true);
    expect((await client.scoreMcq(mcq, 3)).correct).toBe(false);
  });

  it('rejects bad input with a typed error and keeps serving', async () => {
    const err = await client.scoreSpoken({ question: { prompt: 'x', referenceAnswer: '' }, transcript: 'y', durationSec: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringError);
    expect((err as ScoringError).code).toBe('bad-input');
    expect((err as ScoringError).message).toMatch(/no reference answer/);
    const ok = await client.scoreSpoken({ question, transcript: 'calls itself', durationSec: 1 });
    expect(ok.accuracy.conceptsFound).toHaveLength(1);
  });

  it('uses a corpus sent to it for term weighting', async () => {
    const set = await client.setCorpus(['What is a recursive function? A function that calls itself.', 'What is a loop? Code that repeats.']);
    expect(set.documents).toBe(2);
    const score = await client.scoreSpoken({ question, transcript: 'calls itself', durationSec: 1 });
    expect(score.accuracy.conceptsFound.map((c) => c.concept)).toEqual(['calls itself']);
  });
});

describe('scoring protocol', () => {
  it('answers a message from another protocol version with version-mismatch, and junk with bad-request', () => {
    const handle = createScoringHandler();
    expect(handle({ v: 99, id: 3, type: 'warm-up' })).toMatchObject({ type: 'error', code: 'version-mismatch', id: 3 });
    expect(handle('hello')).toMatchObject({ type: 'error', code: 'bad-request', id: null });
    expect(handle({ v: SCORING_PROTOCOL_VERSION, id: 4, type: 'score-everything' })).toMatchObject({ type: 'error', code: 'bad-request', id: 4 });
    const ok = handle({ v: SCORING_PROTOCOL_VERSION, id: 5, type: 'score-mcq', question: { options: ['x', 'y'], correctIndex: 0, explanation: 'x.' }, chosenIndex: 0 });
    expect(isScoringResponse(ok)).toBe(true);
    expect(ok).toMatchObject({ type: 'mcq-scored', id: 5, score: { correct: true } });
  });

  it('rejects pending requests when the worker dies', async () => {
    // A worker that never answers and then exits: the client must not hang.
    const worker = new Worker('setTimeout(() => process.exit(3), 50)', { eval: true });
    const { ScoringClient } = await import('../../worker/scoring/client');
    const c = new ScoringClient(nodeWorkerPort(worker), { timeoutMs: 10_000 });
    const err = await c.scoreMcq({ options: ['a', 'b'], correctIndex: 0, explanation: 'a.' }, 0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScoringError);
    expect((err as ScoringError).code).toBe('worker-failed');
    await expect(c.warmUp()).rejects.toMatchObject({ code: 'worker-failed' });
    c.dispose();
  });
});
