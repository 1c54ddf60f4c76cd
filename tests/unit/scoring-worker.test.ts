import { Worker } from 'node:worker_threads';
import { FITTED_ACCURACY_MODEL } from '../../src/domain/scoring/fitted-model';
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

  it('scores with rated answers sent to it, matched by question content, never with the answer\'s own rating', async () => {
    const rated = [
      { id: 'i1/r1', question: { prompt: question.prompt, referenceAnswer: question.referenceAnswer }, transcript: 'It is a function that calls itself until a base case stops it.', rating: 5, label: 'the first answer' },
      { id: 'i2/r7', question: { prompt: `${question.prompt} `, referenceAnswer: question.referenceAnswer }, transcript: 'A loop that repeats code.', rating: 1, label: 'the second answer' },
      { id: 'i3/r2', question: { prompt: 'What is a database index?', referenceAnswer: 'A sorted structure that avoids a full table scan.' }, transcript: 'calls itself', rating: 5 },
    ];
    expect(await client.setRatedAnswers(rated)).toMatchObject({ type: 'rated-answers-set', count: 3 });
    const alone = await client.scoreSpoken({ question, transcript: 'a function calling itself with a base case', durationSec: 1, ratedAnswers: [] });
    const withRated = await client.scoreSpoken({ question, transcript: 'a function calling itself with a base case', durationSec: 1, answerId: 'i9/r9' });
    expect(alone.rated).toBeNull();
    // The index question's rated answer is another question: only the two recursion answers count.
    expect(withRated.rated?.count).toBe(2);
    expect(withRated.rated?.nearest[0]?.label).toBe('the first answer');
    expect(withRated.accuracy.explanation).toContain('closest to the first answer rated 5/5');
    expect(withRated.ratedKey).not.toBe(alone.ratedKey);
    // Scoring the rated answer itself leaves its own rating out.
    const own = await client.scoreSpoken({ question, transcript: rated[0]!.transcript, durationSec: 1, answerId: 'i1/r1' });
    expect(own.rated?.count).toBe(1);
    expect(own.rated?.nearest.map((n) => n.id)).toEqual(['i2/r7']);
    await expect(client.setRatedAnswers([{ id: '', question: rated[0]!.question, transcript: 'x', rating: 9 }])).rejects.toMatchObject({ code: 'bad-input' });
    await client.setRatedAnswers([]);
  });

  it('takes a model sent to it, and refuses a malformed one with a sentence', async () => {
    const changed = { ...FITTED_ACCURACY_MODEL, version: 77, intercept: FITTED_ACCURACY_MODEL.intercept + 10 };
    expect(await client.setModel(changed)).toMatchObject({ type: 'model-set', modelVersion: 77 });
    const high = await client.scoreSpoken({ question, transcript: 'A loop that repeats code a number of times', durationSec: 1 });
    expect(high.modelVersion).toBe(77);
    const err = await client.setModel({ ...FITTED_ACCURACY_MODEL, weights: [1] }).catch((e: unknown) => e);
    expect((err as ScoringError).code).toBe('bad-input');
    expect((err as ScoringError).message).toMatch(/one finite weight per feature/);
    // A model from before v10 has no credit at which a rule's ceiling is lifted: refused, not scored with NaN ceilings.
    const { fullLiftCredit: _dropped, liftPrior: _alsoDropped, ...olderRated } = FITTED_ACCURACY_MODEL.rated;
    const older = await client.setModel({ ...FITTED_ACCURACY_MODEL, rated: olderRated as typeof FITTED_ACCURACY_MODEL.rated }).catch((e: unknown) => e);
    expect((older as ScoringError).code).toBe('bad-input');
    expect((older as ScoringError).message).toMatch(/a positive credit at which a ceiling is lifted/);
    // A model from before v13 has a row of weights per number of rated answers instead of one shared row: refused.
    const { weights: shared, ...rest } = FITTED_ACCURACY_MODEL.rated;
    const perCount = { ...rest, byCount: [1, 3, 5, 10].map((count) => ({ count, weights: shared.slice(0, -1) })) };
    const v12 = await client.setModel({ ...FITTED_ACCURACY_MODEL, rated: perCount as unknown as typeof FITTED_ACCURACY_MODEL.rated }).catch((e: unknown) => e);
    expect((v12 as ScoringError).code).toBe('bad-input');
    expect((v12 as ScoringError).message).toMatch(/one row of \d+ weights .*models before v13 had a row per number/);
    await client.setModel(FITTED_ACCURACY_MODEL);
    const back = await client.scoreSpoken({ question, transcript: 'A loop that repeats code a number of times', durationSec: 1 });
    expect(back.modelVersion).toBe(FITTED_ACCURACY_MODEL.version);
    expect(back.accuracy.score).toBeLessThan(high.accuracy.score);
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
