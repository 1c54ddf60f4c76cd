/**
 * An OpenAI-compatible chat completions server on loopback, for tests that run
 * the real `openai` client. It checks requests the way the real API does (auth
 * header, body shape, response_format), records them, and answers according to
 * its mode: well, partly invalid, slowly, stalling mid-answer, cut off, with
 * malformed content, or with 401 / 429 / 500 errors.
 *
 * Good answers are built from the spec in the user message (role and counts per
 * kind), from questions written for the tests.
 *
 * Interview synthesis requests (recognised by their schema name) are answered
 * by `setSynthesisMode`'s mode instead (tests/support/fake-synthesis-answers.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSynthesis, isSynthesisRequest, type BuiltSynthesis, type SynthesisFakeMode } from './fake-synthesis-answers';

export type { SynthesisFakeMode } from './fake-synthesis-answers';

export type FakeMode =
  | 'good'
  /** Valid questions with deliberately invalid items mixed in (see `invalidItemsFor`). */
  | 'partial'
  /** Headers only after `slowMs`. */
  | 'slow'
  /** Streams the first `stallAfterItems` items, then goes silent with the connection open. */
  | 'stall'
  /** The answer stops in the middle of an item with finish_reason "length". */
  | 'truncated'
  /** 200 with content that is not JSON. */
  | 'malformed'
  | 'rate-limited'
  | 'server-error';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (null when it was not JSON). */
  body: Record<string, unknown> | null;
  mode: FakeMode;
  /** For synthesis requests: the synthesis mode it was answered in. */
  synthesisMode?: SynthesisFakeMode;
  /** Resolves when the connection of this request closes (answered, or dropped by the client). */
  closed: Promise<void>;
}

export interface FakeOptions {
  /** The key the server accepts; any other bearer token gets a 401. */
  apiKey: string;
  slowMs?: number;
  stallAfterItems?: number;
}

export interface FakeOpenAiServer {
  /** Base URL to give the client, ending in /v1. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** `retryAfterMs` is what a 429 asks the client to wait (default 20 ms, so retries stay quick). */
  setMode(mode: FakeMode, opts?: { retryAfterMs?: number }): void;
  /** How synthesis requests are answered (default good, 1 claim per answer). */
  setSynthesisMode(mode: SynthesisFakeMode, opts?: { inventedShare?: number; claimsPerAnswer?: number; retryAfterMs?: number }): void;
  /** Every synthesis answered with content, in order, with which claims were invented. */
  syntheses: BuiltSynthesis[];
  /**
   * Answers every request the 'slow' modes are holding now, as it would have after `slowMs`: with a long `slowMs`, a
   * test decides when the model answers (after something it waited for) instead of racing a timer.
   */
  answerSlowNow(): void;
  /** Resolves once every connection is closed. */
  close(): Promise<void>;
}

interface Spec {
  role: string;
  counts: { spoken: number; mcq: number; coding: number };
  difficultyRange: [number, number];
}

type Item = Record<string, unknown>;

export async function startFakeOpenAiServer(options: FakeOptions): Promise<FakeOpenAiServer> {
  let mode: FakeMode = 'good';
  let retryAfterMs = 20;
  let synthesisMode: SynthesisFakeMode = 'good';
  let synthesisOpts: { inventedShare?: number; claimsPerAnswer?: number; retryAfterMs?: number } = {};
  let synthesisCount = 0;
  const syntheses: BuiltSynthesis[] = [];
  const requests: RecordedRequest[] = [];
  /** Answers the 'slow' modes hold, each with what sends it. */
  const timers = new Map<NodeJS.Timeout, () => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = null;
      }
      const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
      const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, mode, closed };
      requests.push(recorded);
      answer(req, res, recorded);
    });
  });

  /** GET /v1/models, which the server's health probe calls: a refused key gets the same 401 as a completion. */
  function listModels(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      const got = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      return apiError(res, 401, 'invalid_request_error', `Incorrect API key provided: ${got}.`, 'invalid_api_key');
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'fake-model', object: 'model', created: 0, owned_by: 'tests' }] }));
  }

  function later(ms: number, res: http.ServerResponse, fn: () => void) {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.set(t, fn);
    res.on('close', () => {
      clearTimeout(t);
      timers.delete(t);
    });
  }

  function answer(req: http.IncomingMessage, res: http.ServerResponse, recorded: RecordedRequest) {
    if (req.method === 'GET' && recorded.path === '/v1/models') return listModels(req, res);
    if (req.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
      return apiError(res, 404, 'invalid_request_error', `Unknown route ${req.method} ${recorded.path}`);
    }
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
      // Echoes the key it got, as careless gateways do: the server must keep it out of what the browser sees.
      const got = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      return apiError(res, 401, 'invalid_request_error', `Incorrect API key provided: ${got}.`, 'invalid_api_key');
    }
    const problem = requestProblem(recorded.body);
    if (problem) return apiError(res, 400, 'invalid_request_error', problem);
    const body = recorded.body as Record<string, unknown>;
    if (isSynthesisRequest(body)) {
      recorded.synthesisMode = synthesisMode;
      return answerSynthesis(res, body);
    }
    const spec = specFrom(body);
    if (!spec) return apiError(res, 400, 'invalid_request_error', 'The last user message is not a JSON generation spec.');
    const stream = body.stream === true;
    const model = String(body.model);

    switch (recorded.mode) {
      case 'rate-limited':
        // The client honours retry-after-ms like Retry-After.
        return apiError(res, 429, 'requests', 'Rate limit reached for requests.', 'rate_limit_exceeded', {
          'retry-after-ms': String(retryAfterMs),
        });
      case 'server-error':
        return apiError(res, 500, 'server_error', 'The server had an error while processing your request.');
      case 'slow':
        return later(options.slowMs ?? 10_000, res, () => complete(res, model, stream, JSON.stringify({ questions: goodItems(spec) })));
      case 'malformed':
        return complete(res, model, stream, 'Sure! Here are some great interview questions:\n1. What is a closure?\n2. Explain REST.');
      case 'partial':
        return complete(res, model, stream, JSON.stringify({ questions: partialItems(spec) }));
      case 'truncated': {
        const full = JSON.stringify({ questions: goodItems(spec) });
        const cut = full.slice(0, full.lastIndexOf('{"kind"') + 40);
        return complete(res, model, stream, cut, 'length');
      }
      case 'stall': {
        const items = goodItems(spec);
        const first = items.slice(0, options.stallAfterItems ?? 2);
        const head = `{"questions":[${first.map((i) => JSON.stringify(i)).join(',')},`;
        if (!stream) return; // never answers: the client times out
        startStream(res, model);
        sendDelta(res, model, head);
        return; // silence until the client gives up
      }
      case 'good':
        return complete(res, model, stream, JSON.stringify({ questions: goodItems(spec) }));
    }
  }

  function answerSynthesis(res: http.ServerResponse, body: Record<string, unknown>) {
    const stream = body.stream === true;
    const model = String(body.model);
    const usage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const n = ++synthesisCount;
    const content = (m: SynthesisFakeMode) => {
      const built = buildSynthesis(body, m, synthesisOpts);
      syntheses.push(built);
      return JSON.stringify(built.content);
    };
    switch (synthesisMode) {
      case 'rate-limited':
        return apiError(res, 429, 'requests', 'Rate limit reached for requests.', 'rate_limit_exceeded', {
          'retry-after-ms': String(synthesisOpts.retryAfterMs ?? 20),
        });
      case 'server-error':
        return apiError(res, 500, 'server_error', 'The server had an error while processing your request.');
      case 'slow':
        return later(options.slowMs ?? 10_000, res, () => complete(res, model, stream, content('good'), 'stop', usage));
      case 'refusal':
        return complete(res, model, stream, '', 'stop', usage, "I'm sorry, but I can't help with evaluating this candidate.");
      case 'malformed':
        return complete(res, model, stream, 'The candidate did well overall. I would hire them.', 'stop', usage);
      case 'schema-invalid':
        return complete(res, model, stream, JSON.stringify({ recommendation: 'definitely', summary: 42 }), 'stop', usage);
      case 'truncated': {
        const full = content('good');
        return complete(res, model, stream, full.slice(0, Math.floor(full.length / 2)), 'length', usage);
      }
      case 'invented-once':
        return complete(res, model, stream, content(n === 1 ? 'invented' : 'good'), 'stop', usage);
      default:
        return complete(res, model, stream, content(synthesisMode), 'stop', usage);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setMode(next, opts = {}) {
      mode = next;
      retryAfterMs = opts.retryAfterMs ?? 20;
    },
    setSynthesisMode(next, opts = {}) {
      synthesisMode = next;
      synthesisOpts = opts;
      synthesisCount = 0;
    },
    syntheses,
    answerSlowNow() {
      for (const [t, send] of [...timers]) {
        clearTimeout(t);
        timers.delete(t);
        send();
      }
    },
    close() {
      for (const t of timers.keys()) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** What the real API would refuse with a 400. */
function requestProblem(body: Record<string, unknown> | null): string | null {
  if (!body) return 'We could not parse the JSON body of your request.';
  if (typeof body.model !== 'string' || body.model === '') return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  for (const m of body.messages as unknown[]) {
    const msg = m as { role?: unknown; content?: unknown };
    if (!['system', 'user', 'assistant', 'developer'].includes(String(msg.role)) || typeof msg.content !== 'string') {
      return 'each message needs a role and string content';
    }
  }
  const rf = body.response_format as { type?: unknown; json_schema?: { name?: unknown; schema?: unknown } } | undefined;
  if (rf !== undefined) {
    if (rf.type === 'json_schema') {
      if (typeof rf.json_schema?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(rf.json_schema.name)) {
        return "response_format.json_schema.name must match ^[a-zA-Z0-9_-]{1,64}$";
      }
      if (typeof rf.json_schema.schema !== 'object' || rf.json_schema.schema === null) {
        return 'response_format.json_schema.schema must be an object';
      }
    } else if (rf.type === 'json_object') {
      const text = (body.messages as Array<{ content: string }>).map((m) => m.content).join(' ');
      if (!/json/i.test(text)) return "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.";
    } else if (rf.type !== 'text') {
      return `Invalid value for response_format.type: ${String(rf.type)}`;
    }
  }
  return null;
}

function specFrom(body: Record<string, unknown>): Spec | null {
  const messages = body.messages as Array<{ role: string; content: string }>;
  const user = [...messages].reverse().find((m) => m.role === 'user');
  if (!user) return null;
  try {
    const spec = JSON.parse(user.content) as Spec;
    const c = spec.counts;
    if (typeof spec.role !== 'string' || ![c?.spoken, c?.mcq, c?.coding].every((n) => Number.isInteger(n) && n >= 0)) return null;
    return spec;
  } catch {
    return null;
  }
}

function apiError(
  res: http.ServerResponse,
  status: number,
  type: string,
  message: string,
  code: string | null = null,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify({ error: { message, type, param: null, code } });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

let completionCounter = 0;

function complete(
  res: http.ServerResponse,
  model: string,
  stream: boolean,
  content: string,
  finish: 'stop' | 'length' = 'stop',
  includeUsage = false,
  refusal: string | null = null,
) {
  const id = `chatcmpl-fake${++completionCounter}`;
  const promptTokens = 100;
  const completionTokens = Math.ceil(content.length / 4);
  if (!stream) {
    const text = JSON.stringify({
      id,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: refusal ? null : content, refusal }, finish_reason: finish, logprobs: null }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  startStream(res, model, id);
  if (refusal) sendChunk(res, { id, model, delta: { refusal }, finish_reason: null });
  // Small pieces, like tokens arriving, so items complete across chunk boundaries.
  for (let i = 0; i < content.length; i += 37) sendDelta(res, model, content.slice(i, i + 37), id);
  sendChunk(res, { id, model, delta: {}, finish_reason: finish });
  if (includeUsage) {
    // As the API does with stream_options.include_usage: a last chunk with no choices and the usage.
    const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [], usage })}\n\n`);
  }
  res.write('data: [DONE]\n\n');
  res.end();
}

function startStream(res: http.ServerResponse, model: string, id = `chatcmpl-fake${++completionCounter}`) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  sendChunk(res, { id, model, delta: { role: 'assistant', content: '' }, finish_reason: null });
}

function sendDelta(res: http.ServerResponse, model: string, content: string, id = 'chatcmpl-fake') {
  sendChunk(res, { id, model, delta: { content }, finish_reason: null });
}

function sendChunk(
  res: http.ServerResponse,
  c: { id: string; model: string; delta: Record<string, unknown>; finish_reason: string | null },
) {
  const chunk = {
    id: c.id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: c.model,
    choices: [{ index: 0, delta: c.delta, finish_reason: c.finish_reason, logprobs: null }],
  };
  res.write(`data: ${JSON.stringify(chunk)}\n\n`);
}

// ---------------------------------------------------------------------------
// Questions written for the tests.

const SPOKEN_SUBJECTS: ReadonlyArray<[topic: string, angle: string, concepts: [string, string, string]]> = [
  ['Caching', 'deciding what to cache and invalidating it safely after writes', ['cache invalidation', 'ttl', 'stale reads']],
  ['Observability', 'tracing one slow request across several services', ['distributed tracing', 'span', 'correlation id']],
  ['Incident response', 'running the first thirty minutes of a production outage', ['triage', 'rollback', 'communication']],
  ['Code review', 'giving feedback on a risky pull request from a senior colleague', ['tests', 'readability', 'risk']],
  ['Testing strategy', 'balancing unit, integration and end-to-end tests in a growing codebase', ['test pyramid', 'flakiness', 'coverage']],
  ['Performance', 'finding why a page or endpoint became three times slower last week', ['profiling', 'baseline', 'regression']],
  ['Security', 'storing user passwords and session secrets responsibly', ['hashing', 'salt', 'rotation']],
  ['Data modelling', 'choosing between normalised tables and a denormalised document', ['normalisation', 'joins', 'consistency']],
  ['API design', 'versioning a public interface without breaking existing clients', ['backward compatibility', 'deprecation', 'versioning']],
  ['Concurrency', 'preventing two workers from processing the same job twice', ['idempotency', 'locking', 'at-least-once']],
  ['Deployment', 'shipping a risky change gradually to real users', ['feature flag', 'canary', 'rollback']],
  ['Accessibility', 'making a custom dropdown usable with a keyboard and screen reader', ['aria', 'focus management', 'keyboard']],
  ['Reliability', 'setting service level objectives a team can actually keep', ['slo', 'error budget', 'alerting']],
  ['Migration', 'moving a busy table to a new schema without downtime', ['backfill', 'dual writes', 'cutover']],
];

function spokenItem(spec: Spec, i: number): Item {
  const [topic, angle, concepts] = SPOKEN_SUBJECTS[i % SPOKEN_SUBJECTS.length]!;
  return {
    kind: 'spoken',
    topic,
    difficulty: clampDifficulty(spec, 2 + (i % 2)),
    prompt: `As a ${spec.role.toLowerCase()}, talk us through ${angle}.`,
    referenceAnswer: `A strong answer covers ${concepts.join(', ')}, explains the trade-offs involved and gives a concrete example from real work.`,
    keyConcepts: [...concepts],
  };
}

function mcqItem(spec: Spec, i: number): Item {
  // Arithmetic keeps every option provably right or wrong and every prompt distinct.
  const a = 3 + i;
  const b = 7 + 2 * i;
  const c = 11 + 3 * i;
  const right = a * b + c;
  const options = [right, right + a, right - b, right + c + 1].map(String);
  const correctIndex = i % 4;
  [options[0], options[correctIndex]] = [options[correctIndex]!, options[0]!];
  return {
    kind: 'mcq',
    topic: 'JavaScript expressions',
    difficulty: clampDifficulty(spec, 1 + (i % 3)),
    prompt: `What does the JavaScript expression ${a} * ${b} + ${c} evaluate to?`,
    options,
    correctIndex,
    explanation: `Multiplication binds tighter than addition: ${a} * ${b} is ${a * b}, plus ${c} gives ${right}.`,
  };
}

const CODING_TASKS: ReadonlyArray<Item> = [
  {
    topic: 'Arrays',
    title: 'Sum of squares',
    statement: 'Return the sum of the squares of the numbers in the given array; an empty array sums to 0.',
    functionName: 'sumOfSquares',
    signature: 'function sumOfSquares(values: number[]): number',
    starterCode: 'function sumOfSquares(values: number[]): number {\n  // your code\n}',
    referenceSolution: 'function sumOfSquares(values) { return values.reduce((s, v) => s + v * v, 0); }',
    exampleTests: [{ args: [[1, 2, 3]], expected: 14 }],
    hiddenTests: [
      { args: [[]], expected: 0 },
      { args: [[-2, 5]], expected: 29 },
    ],
  },
  {
    topic: 'Strings',
    title: 'Reverse the words',
    statement: 'Return the words of the sentence in reverse order, separated by single spaces; ignore extra spaces.',
    functionName: 'reverseWords',
    signature: 'function reverseWords(sentence: string): string',
    starterCode: 'function reverseWords(sentence: string): string {\n  // your code\n}',
    referenceSolution: "function reverseWords(sentence) { return sentence.split(' ').filter(Boolean).reverse().join(' '); }",
    exampleTests: [{ args: ['hello big world'], expected: 'world big hello' }],
    hiddenTests: [
      { args: ['  one   two '], expected: 'two one' },
      { args: [''], expected: '' },
    ],
  },
  {
    topic: 'Maps',
    title: 'Most frequent item',
    statement: 'Return the value that occurs most often in the array; on a tie, the one that appears first. Return null for an empty array.',
    functionName: 'mostFrequent',
    signature: 'function mostFrequent(values: string[]): string | null',
    starterCode: 'function mostFrequent(values: string[]): string | null {\n  // your code\n}',
    referenceSolution:
      'function mostFrequent(values) { const n = new Map(); for (const v of values) n.set(v, (n.get(v) || 0) + 1); let best = null; for (const v of values) if (best === null || n.get(v) > n.get(best)) best = v; return best; }',
    exampleTests: [{ args: [['a', 'b', 'a']], expected: 'a' }],
    hiddenTests: [
      { args: [[]], expected: null },
      { args: [['x', 'y', 'y', 'x']], expected: 'x' },
    ],
  },
];

function codingItem(spec: Spec, i: number): Item {
  const task = CODING_TASKS[i % CODING_TASKS.length]!;
  return { kind: 'coding', language: 'typescript', difficulty: clampDifficulty(spec, 3), ...structuredClone(task) };
}

function clampDifficulty(spec: Spec, d: number): number {
  const [lo, hi] = spec.difficultyRange ?? [1, 5];
  return Math.max(lo, Math.min(hi, d));
}

export function goodItems(spec: Spec): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < spec.counts.spoken; i++) items.push(spokenItem(spec, i));
  for (let i = 0; i < spec.counts.mcq; i++) items.push(mcqItem(spec, i));
  for (let i = 0; i < spec.counts.coding; i++) items.push(codingItem(spec, i));
  return items;
}

/**
 * Partial mode: the first item of each kind present is broken in a way only
 * validation catches (for coding: a hidden test its own solution fails), plus a non-object element and an exact repeat of the
 * second spoken question. Rejected: one per kind with a count, plus two.
 */
export function partialItems(spec: Spec): unknown[] {
  const good = goodItems(spec);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (const item of good) {
    const kind = item.kind as string;
    if (!seen.has(kind)) {
      seen.add(kind);
      out.push(broken(item));
      continue;
    }
    out.push(item);
  }
  const secondSpoken = good.filter((i) => i.kind === 'spoken')[1];
  const at = out.indexOf(secondSpoken);
  if (secondSpoken && at >= 0) out.splice(at + 1, 0, structuredClone(secondSpoken));
  out.push('I could not think of another question.');
  return out;
}

/** Items `partialItems` sends that must be rejected, for a spec's counts. */
export function partialRejectCount(counts: Spec['counts']): number {
  const kinds = [counts.spoken, counts.mcq, counts.coding].filter((n) => n > 0).length;
  return kinds + 1 + (counts.spoken >= 2 ? 1 : 0);
}

function broken(item: Item): Item {
  switch (item.kind) {
    case 'spoken':
      return { ...item, keyConcepts: ['only one'] };
    case 'mcq':
      return { ...item, options: (item.options as string[]).slice(0, 3) };
    default: {
      // Well-formed, but its own solution fails its first hidden test: only running it shows that.
      const [first, ...rest] = item.hiddenTests as Array<{ args: unknown[]; expected: unknown }>;
      return { ...item, hiddenTests: [{ ...first!, expected: 'not the answer' }, ...rest] };
    }
  }
}
