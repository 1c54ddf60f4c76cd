/**
 * POST /api/generate end to end: a real HTTP server running handleGenerate, the
 * real openai client, and an OpenAI-compatible server on loopback that answers
 * well, partly wrong, slowly, stalling, cut off, malformed, 401, 429 and 500.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleGenerate, llmStatus, type LlmConfig } from '../../sync-server/llm';
import {
  decodeEventLine,
  encodeEvent,
  makeEvent,
  type EventBody,
  type DoneEvent,
  type FallbackEvent,
  type GenerateEvent,
  type RejectedEvent,
} from '../../src/domain/generation/protocol';
import { planMix } from '../../src/domain/planning/mix';
import { generateOfflinePlan } from '../../src/domain/planning/offline-generator';
import { Question, type QuestionKind } from '../../src/domain/questions';
import { generateInterview } from '../../src/api/generate-client';
import { partialRejectCount, startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server';
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';

// The bank is not part of the app: tests install it from its JSON files, as the server does.
installQuestionBank(questionBank());

const KEY = `sk-test-${randomBytes(18).toString('hex')}`;
const REQUEST = { archetype: 'frontend', depth: 'standard', durationMin: 30, seed: 42, sessionTitle: 'Design system frontend' } as const;
const MIX = planMix({ archetype: REQUEST.archetype, depth: REQUEST.depth, durationMin: REQUEST.durationMin, seed: REQUEST.seed });
const TOTAL = MIX.spoken + MIX.mcq + MIX.coding;
const KINDS: readonly QuestionKind[] = ['spoken', 'mcq', 'coding'];

let fake: FakeOpenAiServer;
let app: http.Server;
let appUrl: string;
let config: LlmConfig;
let handlersRunning = 0;
let heartbeatMs: number | undefined;
const logs: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
/** Every byte the app server sent to a browser in this file, checked for the key at the end. */
const everythingSent: string[] = [];

function baseConfig(): LlmConfig {
  return { apiKey: KEY, baseUrl: fake.baseUrl, model: 'test-model-1', timeoutMs: 10_000, maxRetries: 1 };
}

beforeAll(async () => {
  fake = await startFakeOpenAiServer({ apiKey: KEY, slowMs: 20_000 });
  app = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/generate/status') {
      const text = JSON.stringify(llmStatus(config));
      everythingSent.push(text);
      res.writeHead(200, { 'content-type': 'application/json' }).end(text);
      return;
    }
    handlersRunning++;
    const log = (level: string, msg: string, fields?: Record<string, unknown>) => logs.push({ level, msg, ...(fields ? { fields } : {}) });
    handleGenerate(req, res, { config, log, ...(heartbeatMs !== undefined ? { heartbeatMs } : {}) })
      .catch((err: unknown) => {
        logs.push({ level: 'error', msg: `handler threw: ${String(err)}` });
        res.destroy();
      })
      .finally(() => handlersRunning--);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const text of everythingSent) expect(text).not.toContain(KEY);
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
  await fake.close();
});

beforeEach(() => {
  config = baseConfig();
  heartbeatMs = undefined;
  fake.setMode('good');
  fake.requests.length = 0;
  logs.length = 0;
});

interface Answer {
  status: number;
  contentType: string;
  text: string;
  events: GenerateEvent[];
}

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<Answer> {
  const res = await fetch(`${appUrl}/api/generate`, { method: 'POST', headers, body });
  const text = await res.text();
  everythingSent.push(text);
  const contentType = res.headers.get('content-type') ?? '';
  const events = contentType.startsWith('application/x-ndjson')
    ? text.split('\n').filter((l) => l !== '').map((l) => decodeEventLine(l))
    : [];
  return { status: res.status, contentType, text, events };
}

const generate = (req: object = REQUEST) => post(JSON.stringify(req));

function only<T extends GenerateEvent['type']>(events: GenerateEvent[], type: T): Array<Extract<GenerateEvent, { type: T }>> {
  return events.filter((e): e is Extract<GenerateEvent, { type: T }> => e.type === type);
}

function doneOf(events: GenerateEvent[]): DoneEvent {
  const done = only(events, 'done');
  expect(done).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('done');
  return done[0]!;
}

function fallbackOf(events: GenerateEvent[]): FallbackEvent {
  const f = only(events, 'fallback');
  expect(f).toHaveLength(1);
  return f[0]!;
}

function countKinds(questions: readonly Question[]): Record<QuestionKind, number> {
  return { spoken: 0, mcq: 0, coding: 0, ...Object.fromEntries(KINDS.map((k) => [k, questions.filter((q) => q.kind === k).length])) };
}

/** The plan is complete, well-formed, and its sources add up. */
function expectCompletePlan(done: DoneEvent) {
  expect(countKinds(done.questions)).toEqual({ spoken: MIX.spoken, mcq: MIX.mcq, coding: MIX.coding });
  for (const q of done.questions) expect(Question.safeParse(q).success).toBe(true);
  expect(new Set(done.questions.map((q) => q.id)).size).toBe(done.questions.length);
  expect(done.counts.llm + done.counts.bank).toBe(done.questions.length);
  expect(done.questions.filter((q) => q.source === 'llm')).toHaveLength(done.counts.llm);
}

describe('POST /api/generate with a working model', () => {
  it('returns only model questions, streamed one by one, and asks the model properly', async () => {
    const { status, contentType, events } = await generate();
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/x-ndjson/);
    expect(events[0]).toMatchObject({ type: 'started', source: 'llm', reason: null, model: 'test-model-1', mix: MIX });

    const done = doneOf(events);
    expectCompletePlan(done);
    expect(done).toMatchObject({ counts: { llm: TOTAL, bank: 0 }, fallback: null, rejected: 0, model: 'test-model-1' });
    expect(done.questions.every((q) => q.source === 'llm' && q.archetypes.includes('frontend') && q.depths.includes('standard'))).toBe(true);
    expect(done.note).toContain(`All ${TOTAL} questions were written by the AI model (test-model-1)`);
    expect(only(events, 'fallback')).toHaveLength(0);

    const questionEvents = only(events, 'question');
    expect(questionEvents).toHaveLength(TOTAL);
    expect(questionEvents.every((e) => e.source === 'llm')).toBe(true);
    const firstProgress = events.findIndex((e) => e.type === 'progress');
    expect(firstProgress).toBeGreaterThan(0);
    expect(firstProgress).toBeLessThan(events.findIndex((e) => e.type === 'done'));
    const fractions = only(events, 'progress').map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toMatchObject({ model: 'test-model-1', stream: true, response_format: { type: 'json_schema' } });
    const rf = sent.body!.response_format as { json_schema: { name: string; schema: { properties: { questions: unknown } } } };
    expect(rf.json_schema.name).toBe('interview_questions');
    expect(rf.json_schema.schema.properties.questions).toBeDefined();
    const messages = sent.body!.messages as Array<{ role: string; content: string }>;
    const spec = JSON.parse(messages.at(-1)!.content) as { counts: unknown; sessionTitle: string; archetype: string };
    expect(spec).toMatchObject({ archetype: 'frontend', sessionTitle: 'Design system frontend', counts: { spoken: MIX.spoken, mcq: MIX.mcq, coding: MIX.coding } });
  });

  it('puts the schema in the prompt when the endpoint only knows json_object', async () => {
    config = { ...baseConfig(), responseFormat: 'json_object' };
    const done = doneOf((await generate()).events);
    expect(done.counts).toEqual({ llm: TOTAL, bank: 0 });
    const body = fake.requests[0]!.body!;
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect((body.messages as Array<{ content: string }>)[0]!.content).toContain('"referenceAnswer"');
  });

  it('drops invalid and repeated items with reasons, keeps the rest and tops up from the bank', async () => {
    fake.setMode('partial');
    const { events } = await generate();
    const expectedRejected = partialRejectCount(MIX);
    const rejected = only(events, 'rejected') as RejectedEvent[];
    const reasons = rejected.flatMap((r) => r.reasons.map((x) => x.reason));
    expect(reasons).toHaveLength(expectedRejected);
    expect(rejected.at(-1)!.total).toBe(expectedRejected);
    expect(reasons.join('\n')).toMatch(/keyConcepts/);
    expect(reasons.join('\n')).toMatch(/options/);
    expect(reasons).toContain('referenceSolution fails hidden test 1: expected "not the answer", got 0');
    expect(reasons).toContain('repeats an earlier question');
    expect(reasons).toContain('not a JSON object');

    const done = doneOf(events);
    expectCompletePlan(done);
    const brokenKinds = KINDS.filter((k) => MIX[k] > 0).length;
    expect(done).toMatchObject({ fallback: null, rejected: expectedRejected, counts: { llm: TOTAL - brokenKinds, bank: brokenKinds } });
    expect(only(events, 'question').filter((e) => e.source === 'bank')).toHaveLength(brokenKinds);
    expect(only(events, 'fallback')).toHaveLength(0);
    expect(done.note).toContain(`${brokenKinds} come from the offline question bank`);
    expect(done.note).toContain('failed the format check');
  });

  it('streams each question while the model is still writing', async () => {
    fake.setMode('stall');
    config = { ...baseConfig(), timeoutMs: 2000 };
    let handlerWasRunning: boolean | null = null;
    const done = await generateInterview(REQUEST, {
      endpoint: `${appUrl}/api/generate`,
      onEvent: (e) => {
        if (e.type === 'question' && e.source === 'llm' && handlerWasRunning === null) handlerWasRunning = handlersRunning > 0;
      },
    });
    // The first question reached the browser while the model's answer was still open.
    expect(handlerWasRunning).toBe(true);
    expect(done.fallback).toBe('timeout');
    expect(done.counts.llm).toBe(2);
    expectCompletePlan(done);
  });
});

describe('POST /api/generate falls back to the offline bank', () => {
  async function expectBankPlan(reason: FallbackEvent['reason'], kept = 0) {
    const { status, events } = await generate();
    expect(status).toBe(200);
    const fallback = fallbackOf(events);
    expect(fallback.reason).toBe(reason);
    expect(fallback.keptFromLlm).toBe(kept);
    const done = doneOf(events);
    expectCompletePlan(done);
    expect(done.fallback).toBe(reason);
    expect(done.counts).toEqual({ llm: kept, bank: TOTAL - kept });
    expect(done.questions.filter((q) => q.source === 'bank')).toHaveLength(TOTAL - kept);
    expect(done.note).toContain('offline question bank because');
    // Bank-only plans are the very plan the browser makes offline from the same seed.
    if (kept === 0) expect(done.questions).toEqual(generateOfflinePlan(REQUEST));
    expect(events.findIndex((e) => e.type === 'progress')).toBeLessThan(events.length - 1);
    return { events, done, fallback };
  }

  it('without a key, without calling the model', async () => {
    config = { ...baseConfig(), apiKey: null };
    const { events, done } = await expectBankPlan('no-key');
    expect(events[0]).toMatchObject({ type: 'started', source: 'bank', reason: 'no-key', model: null });
    expect(done.note).toBe(`All ${TOTAL} questions come from the offline question bank because no AI service is configured on the sync server. Each question is marked with its source.`);
    expect(fake.requests).toHaveLength(0);
  });

  it('when the model does not answer in time', async () => {
    fake.setMode('slow');
    config = { ...baseConfig(), timeoutMs: 500 };
    const { fallback, done } = await expectBankPlan('timeout');
    expect(fallback.message).toBe('The AI service did not finish within 0.5 seconds.');
    expect(done.note).toContain('did not finish within 0.5 seconds');
    // The deadline covers retries too: the slow request was abandoned, not repeated past it.
    await Promise.all(fake.requests.map((r) => r.closed));
    expect(fake.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('telling the host it is still waiting while the model is silent', async () => {
    fake.setMode('slow');
    config = { ...baseConfig(), timeoutMs: 1000 };
    heartbeatMs = 100;
    const { events } = await expectBankPlan('timeout');
    const waiting = only(events, 'progress').filter((p) => /^Waiting for test-model-1 \(\d+ s\)$/.test(p.message));
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((p) => p.stage === 'asking-model')).toBe(true);
    expect(events.indexOf(waiting.at(-1)!)).toBeLessThan(events.findIndex((e) => e.type === 'fallback'));
  });

  it('keeping the questions that arrived before a timeout', async () => {
    fake.setMode('stall');
    config = { ...baseConfig(), timeoutMs: 1000 };
    const { events } = await expectBankPlan('timeout', 2);
    expect(only(events, 'question').filter((e) => e.source === 'llm')).toHaveLength(2);
  });

  it('when the answer is not JSON', async () => {
    fake.setMode('malformed');
    const { fallback } = await expectBankPlan('invalid-output');
    expect(fallback.message).toMatch(/not valid JSON/);
  });

  it('when the answer is cut off, keeping the complete items', async () => {
    fake.setMode('truncated');
    await expectBankPlan('invalid-output', TOTAL - 1);
  });

  it('when rate-limited, after one retry', async () => {
    fake.setMode('rate-limited');
    await expectBankPlan('rate-limited');
    expect(fake.requests).toHaveLength(2);
  });

  it('when rate-limited for longer than the time budget, without waiting it out', async () => {
    fake.setMode('rate-limited', { retryAfterMs: 8000 });
    config = { ...baseConfig(), timeoutMs: 600 };
    await expectBankPlan('rate-limited');
    // The plan came back while the client's retry was still scheduled 8 s out.
    expect(fake.requests).toHaveLength(1);
  });

  it('when the model server fails, after one retry', async () => {
    fake.setMode('server-error');
    await expectBankPlan('server-error');
    expect(fake.requests).toHaveLength(2);
  });

  it('with retries off, after exactly one request', async () => {
    fake.setMode('server-error');
    config = { ...baseConfig(), maxRetries: 0 };
    await expectBankPlan('server-error');
    expect(fake.requests).toHaveLength(1);
  });

  it('when the key is refused, without retrying and without echoing it', async () => {
    const wrongKey = `sk-wrong-${randomBytes(12).toString('hex')}`;
    config = { ...baseConfig(), apiKey: wrongKey };
    const { events } = await expectBankPlan('auth-failed');
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(wrongKey);
    const logged = JSON.stringify(logs);
    expect(logged).toContain('Incorrect API key provided: [redacted]');
    expect(logged).not.toContain(wrongKey);
  });

  it('when the model server cannot be reached', async () => {
    const closedPort = await freePort();
    config = { ...baseConfig(), baseUrl: `http://127.0.0.1:${closedPort}/v1` };
    await expectBankPlan('network');
  });
});

describe('POST /api/generate refuses bad requests before streaming', () => {
  it.each([
    ['not JSON', '{"archetype": "backend",', /not valid JSON/],
    ['empty', '', /has no body/],
    ['a missing field', JSON.stringify({ ...REQUEST, archetype: undefined }), /archetype/],
    ['an unknown archetype', JSON.stringify({ ...REQUEST, archetype: 'astronaut' }), /archetype/],
    ['a duration out of range', JSON.stringify({ ...REQUEST, durationMin: 500 }), /durationMin/],
    ['a fractional seed', JSON.stringify({ ...REQUEST, seed: 1.5 }), /seed/],
    ['an unexpected field', JSON.stringify({ ...REQUEST, apiKey: 'x' }), /apiKey/],
  ])('400 for %s', async (_label, body, message) => {
    const answer = await post(body);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^application\/json/);
    const error = (JSON.parse(answer.text) as { error: string }).error;
    expect(error).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it('413 for an oversized body', async () => {
    const answer = await post(JSON.stringify({ ...REQUEST, sessionTitle: 'x'.repeat(10_000) }));
    expect(answer.status).toBe(413);
    expect((JSON.parse(answer.text) as { error: string }).error).toMatch(/over 4096 bytes/);
    expect(fake.requests).toHaveLength(0);
  });

  it('413 for an oversized body sent without a length', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${appUrl}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      // Chunked: the limit is enforced while reading, not from a declared length.
      for (let i = 0; i < 8; i++) req.write('x'.repeat(1024));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('415 for a body that is not declared as JSON', async () => {
    const answer = await post(JSON.stringify(REQUEST), { 'content-type': 'text/plain' });
    expect(answer.status).toBe(415);
    expect(answer.text).toMatch(/application\/json/);
  });

  it('405 for GET', async () => {
    const res = await fetch(`${appUrl}/api/generate`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    await res.text();
  });
});

describe('the browser client against the server', () => {
  it('delivers the same plan the server streams', async () => {
    const seen: GenerateEvent[] = [];
    const done = await generateInterview(REQUEST, { endpoint: `${appUrl}/api/generate`, onEvent: (e) => seen.push(e) });
    expectCompletePlan(done);
    expect(done.counts).toEqual({ llm: TOTAL, bank: 0 });
    expect(seen[0]?.type).toBe('started');
    expect(seen.at(-1)).toEqual(done);
  });

  it('stops the model request when the host cancels', async () => {
    fake.setMode('stall');
    config = { ...baseConfig(), timeoutMs: 30_000 };
    const controller = new AbortController();
    const run = generateInterview(REQUEST, {
      endpoint: `${appUrl}/api/generate`,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'question') controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    // The sync server notices the browser left and drops the upstream request long before its 30 s deadline.
    await fake.requests[0]!.closed;
    await until(() => logs.some((l) => l.msg.startsWith('generation cancelled')));
    expect(logs.some((l) => l.msg === 'questions generated')).toBe(false);
  });
});

describe('the browser client when the sync server misbehaves', () => {
  let scripted: http.Server;
  let scriptedUrl: string;
  let answer: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => res.end();

  beforeAll(async () => {
    scripted = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(req, res));
    });
    await new Promise<void>((resolve) => scripted.listen(0, '127.0.0.1', resolve));
    scriptedUrl = `http://127.0.0.1:${(scripted.address() as AddressInfo).port}/api/generate`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      scripted.close(() => resolve());
      scripted.closeAllConnections();
    });
  });

  const ndjson = (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  const line = (body: EventBody) => encodeEvent(makeEvent(body));

  async function run() {
    const events: GenerateEvent[] = [];
    const done = await generateInterview(REQUEST, { endpoint: scriptedUrl, onEvent: (e) => events.push(e) });
    return { events, done };
  }

  it.each([
    ['a proxy error page', (res: http.ServerResponse) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')],
    ['a server without the generator', (res: http.ServerResponse) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"No API route"}')],
    ['a captive portal page', (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Log in to Wi-Fi</html>')],
    ['a server error event', (res: http.ServerResponse) => ndjson(res).end(line({ type: 'error', message: 'boom' }))],
  ])('plans offline after %s', async (_label, script) => {
    answer = (_req, res) => script(res);
    const { events, done } = await run();
    expect(done).toMatchObject({ fallback: 'unavailable', counts: { llm: 0 } });
    expect(done.questions).toEqual(generateOfflinePlan(REQUEST));
    expect(events.filter((e) => e.type === 'fallback')).toEqual([expect.objectContaining({ reason: 'unavailable' })]);
  });

  it('keeps the model questions that arrived before the stream broke', async () => {
    const llm = generateOfflinePlan({ ...REQUEST, seed: 7 })
      .filter((q) => q.kind === 'spoken')
      .slice(0, 2)
      .map((q, i) => ({ ...q, id: `llm-cafe-${i + 1}`, source: 'llm' as const }));
    answer = (_req, res) => {
      ndjson(res);
      res.write(line({ type: 'started', source: 'llm', reason: null, model: 'test-model-1', mix: MIX }));
      for (const q of llm) res.write(line({ type: 'question', source: 'llm', question: q }));
      res.write('{"v":1,"type":"progr'); // half an event, then the connection drops
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const { events, done } = await run();
    expect(events.filter((e) => e.type === 'started')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'fallback')).toEqual([expect.objectContaining({ reason: 'offline', keptFromLlm: 2 })]);
    expect(done).toMatchObject({ fallback: 'offline', model: 'test-model-1', counts: { llm: 2 } });
    expect(done.questions.filter((q) => q.source === 'llm').map((q) => q.id)).toEqual(['llm-cafe-1', 'llm-cafe-2']);
    expectCompletePlan(done);
    expect(done.note).toMatch(/^2 questions were written by the AI model \(test-model-1\); \d+ come from the offline question bank because this device could not reach the sync server/);
  });

  it('tells the host to reload when the server speaks another protocol version', async () => {
    answer = (_req, res) => ndjson(res).end(`${JSON.stringify({ v: 99, type: 'started' })}\n`);
    const { events, done } = await run();
    expect(done.fallback).toBe('unavailable');
    const fallback = events.find((e) => e.type === 'fallback');
    expect(fallback).toMatchObject({ message: expect.stringMatching(/protocol v99.*Reload the page/) });
  });

  it.each([
    [401, 'This link is not valid any more.'],
    [403, 'Only the host can generate questions.'],
    [413, 'The generation request is over 4096 bytes.'],
  ])('reports a %i from the server instead of hiding it', async (status, message) => {
    answer = (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: message }));
    const events: GenerateEvent[] = [];
    const run = generateInterview(REQUEST, { endpoint: scriptedUrl, token: 'host-token', onEvent: (e) => events.push(e) });
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toMatchObject({ status });
    expect(events).toEqual([]);
  });

  it('sends the host token', async () => {
    let auth: string | undefined;
    answer = (req, res) => {
      auth = req.headers.authorization;
      res.writeHead(502).end();
    };
    await generateInterview(REQUEST, { endpoint: scriptedUrl, token: 'host-token-123' });
    expect(auth).toBe('Bearer host-token-123');
  });
});

describe('GET /api/generate/status', () => {
  it('says whether the generator is configured, never the key', async () => {
    const res = await fetch(`${appUrl}/api/generate/status`);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ configured: true, model: 'test-model-1', baseUrl: fake.baseUrl });
    expect(text).not.toContain(KEY);
    expect(llmStatus({ ...baseConfig(), apiKey: null })).toEqual({ configured: false, model: null, baseUrl: null });
    expect(llmStatus({ ...baseConfig(), baseUrl: 'https://user:secret@gw.example/v1?key=abc' }).baseUrl).toBe('https://gw.example/v1');
  });
});

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Polls a condition a bounded number of times (the test timeout is the real bound). */
async function until(check: () => boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}
