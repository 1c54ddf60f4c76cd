/**
 * Browser side of POST /api/generate: sends the host's request, reads the NDJSON
 * stream as it arrives and hands each event over. When the sync server cannot
 * be reached (or breaks off), the plan is made here from the offline bank with
 * the same events, so the host always ends with a plan and a note saying where
 * it came from. Questions the model already delivered are kept.
 */
import { LineSplitter } from '../domain/generation/ndjson';
import { fallbackSentence, sourceNote } from '../domain/generation/note';
import {
  decodeEventLine,
  formatIssues,
  GenerateRequest,
  makeEvent,
  NDJSON_CONTENT_TYPE,
  ProtocolError,
  type DoneEvent,
  type EventBody,
  type FallbackReason,
  type GenerateEvent,
  type ParsedGenerateRequest,
} from '../domain/generation/protocol';
import type { Question } from '../domain/questions';

export const GENERATE_ENDPOINT = '/api/generate';

export interface GenerateOptions {
  signal?: AbortSignal;
  onEvent?: (event: GenerateEvent) => void;
  /** The host's link token; the server only lets hosts generate. */
  token?: string;
  /** Defaults to /api/generate on the app's origin. */
  endpoint?: string;
  fetch?: typeof fetch;
}

/** The server refused the request itself (bad input, not a host, too large): planning offline would hide the problem. */
export class GenerateRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GenerateRequestError';
  }
}

interface StreamState {
  events: number;
  /** Model questions received before the stream ended; they stay in the plan. */
  kept: Question[];
  rejected: number;
  model: string | null;
}

export async function generateInterview(input: GenerateRequest, opts: GenerateOptions = {}): Promise<DoneEvent> {
  const parsed = GenerateRequest.safeParse(input);
  if (!parsed.success) throw new GenerateRequestError(0, `The generation request is not valid: ${formatIssues(parsed.error)}.`);
  const req = parsed.data;
  const state: StreamState = { events: 0, kept: [], rejected: 0, model: null };
  const emit = (event: GenerateEvent) => {
    state.events++;
    opts.onEvent?.(event);
  };
  const fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
  throwIfAborted(opts.signal);

  let response: Response;
  try {
    response = await fetchImpl(opts.endpoint ?? GENERATE_ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: NDJSON_CONTENT_TYPE,
        ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      },
      body: JSON.stringify(req),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch {
    throwIfAborted(opts.signal);
    return planLocally(req, 'offline', state, emit, opts.token);
  }

  if (!response.ok) {
    const message = await errorMessage(response);
    // 404: a server without the generator; 5xx: a crash or a proxy's error page. The bank still works.
    if (response.status === 404 || response.status >= 500) return planLocally(req, 'unavailable', state, emit, opts.token);
    throw new GenerateRequestError(response.status, message);
  }
  if (!(response.headers.get('content-type') ?? '').startsWith(NDJSON_CONTENT_TYPE) || !response.body) {
    return planLocally(req, 'unavailable', state, emit, opts.token);
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const lines = new LineSplitter();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      const batch = done ? [...lines.push(decoder.decode()), ...lines.end()] : lines.push(decoder.decode(value, { stream: true }));
      for (const line of batch) {
        const event = decodeEventLine(line);
        if (event.type === 'error') {
          return planLocally(req, 'unavailable', state, emit, opts.token);
        }
        track(state, event);
        emit(event);
        if (event.type === 'done') {
          void reader.cancel().catch(() => {});
          return event;
        }
      }
      if (done) break;
    }
  } catch (err) {
    throwIfAborted(opts.signal);
    if (err instanceof ProtocolError) return planLocally(req, 'unavailable', state, emit, opts.token, err.message);
  }
  // The stream ended (or broke) before `done`: the connection dropped mid-generation.
  throwIfAborted(opts.signal);
  return planLocally(req, 'offline', state, emit, opts.token);
}

/** Plans from the bank on this device without asking any server, with the same events as the server path. */
export async function planOffline(input: GenerateRequest, reason: FallbackReason, opts: Pick<GenerateOptions, 'onEvent'> = {}): Promise<DoneEvent> {
  const parsed = GenerateRequest.safeParse(input);
  if (!parsed.success) throw new GenerateRequestError(0, `The generation request is not valid: ${formatIssues(parsed.error)}.`);
  return planLocally(parsed.data, reason, { events: 0, kept: [], rejected: 0, model: null }, (e) => opts.onEvent?.(e), null);
}

function track(state: StreamState, event: GenerateEvent): void {
  if (event.type === 'started') state.model = event.model;
  if (event.type === 'question' && event.source === 'llm') state.kept.push(event.question);
  if (event.type === 'rejected') state.rejected = event.total;
}

/** The same events the server sends, produced here from the offline bank. */
async function planLocally(
  req: ParsedGenerateRequest,
  reason: FallbackReason,
  state: StreamState,
  emit: (event: GenerateEvent) => void,
  token: string | null | undefined,
  detail?: string,
): Promise<DoneEvent> {
  // Loaded only when needed: most plans come from the server. The bank itself is not in the app (it holds the
  // answer keys): this device's copy, downloaded once with the host link (src/api/bank-client.ts).
  const [{ ensureQuestionBank }, { planMix }, { generateOfflinePlan }, { topUpFromBank }, { orderForDelivery }] = await Promise.all([
    import('./bank-client'),
    import('../domain/planning/mix'),
    import('../domain/planning/offline-generator'),
    import('../domain/planning/top-up'),
    import('../domain/planning/delivery-order'),
  ]);
  await ensureQuestionBank(token ?? null);
  const send = (body: EventBody) => emit(makeEvent(body));
  const planReq = { archetype: req.archetype, depth: req.depth, durationMin: req.durationMin, seed: req.seed };
  const mix = planMix(planReq);
  const message = detail ? `${fallbackSentence(reason)} ${detail}` : fallbackSentence(reason);
  if (state.events === 0) send({ type: 'started', source: 'bank', reason, model: null, mix });
  send({ type: 'fallback', reason, message, keptFromLlm: state.kept.length });
  send({ type: 'progress', stage: 'topping-up', fraction: 0.9, message: 'Picking questions from the offline bank on this device' });

  const plan = state.kept.length > 0 ? orderForDelivery(topUpFromBank(planReq, state.kept)) : generateOfflinePlan(planReq);
  const keptIds = new Set(state.kept.map((q) => q.id));
  for (const q of plan) if (!keptIds.has(q.id)) send({ type: 'question', source: 'bank', question: q });
  const counts = { llm: plan.filter((q) => q.source === 'llm').length, bank: plan.filter((q) => q.source !== 'llm').length };
  const model = counts.llm > 0 ? state.model : null;
  const done = makeEvent({
    type: 'done',
    questions: plan,
    counts,
    fallback: reason,
    rejected: state.rejected,
    model,
    note: sourceNote({ counts, fallback: reason, rejected: state.rejected, model }),
  }) as DoneEvent;
  send({ type: 'progress', stage: 'finishing', fraction: 1, message: 'Plan ready' });
  emit(done);
  return done;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON: fall through
  }
  return `The sync server answered ${response.status} ${response.statusText}`.trim();
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason instanceof Error ? signal.reason : new DOMException('Generation cancelled', 'AbortError');
  }
}
