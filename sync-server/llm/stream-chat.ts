/**
 * One streamed chat completion through the `openai` client, under a hard deadline for the whole call (LLM_TIMEOUT_MS,
 * the client's retries included), with the server's settings (base URL, key, model, LLM_MAX_RETRIES). The question
 * generator (ask-model.ts) and the interview synthesis (synthesis/ask-for-synthesis.ts) both call the model through
 * it and differ only in what they make of the chunks. Every way the call can go wrong ends in a named reason, never
 * a throw.
 */
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { FallbackReason } from '../../src/domain/generation/protocol';
import { classifyModelError, scrubSecret } from './classify-error';
import { DEFAULT_LLM_MAX_RETRIES, type LlmConfig } from './config';
import type { LlmLog } from './types';

export type StreamEnd =
  /** The stream ended (cleanly or not: the caller judges what it received); finish_reason as last sent. */
  | { kind: 'ended'; finishReason: string | null }
  | { kind: 'failed'; reason: FallbackReason; detail: string }
  /** The caller's signal aborted (the browser went away); nobody is left to tell. */
  | { kind: 'cancelled' };

export interface StreamChatOptions {
  config: LlmConfig;
  log: LlmLog;
  /** Everything but the model and streaming, which come from the config and this function. */
  request: Omit<ChatCompletionCreateParamsStreaming, 'model' | 'stream'>;
  /** The caller's own cancel (the generator's: the browser disconnected). */
  signal?: AbortSignal;
  onChunk: (chunk: ChatCompletionChunk) => void;
}

class DeadlineReached extends Error {
  constructor(ms: number) {
    super(`no complete answer within ${ms} ms`);
    this.name = 'DeadlineReached';
  }
}

/** `onStatus` sees the HTTP status of every attempt, retries included, which the client does not report. */
export function createClient(config: LlmConfig, log: LlmLog, onStatus?: (status: number) => void): OpenAI {
  const scrub = (args: unknown[]) => scrubSecret(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '), config.apiKey);
  return new OpenAI({
    apiKey: config.apiKey ?? '',
    // Explicit, so an OPENAI_BASE_URL left in the environment never overrides the loaded config.
    baseURL: config.baseUrl ?? 'https://api.openai.com/v1',
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries ?? DEFAULT_LLM_MAX_RETRIES,
    fetch: async (input: string | URL | Request, init?: RequestInit) => {
      const response = await globalThis.fetch(input, init);
      onStatus?.(response.status);
      return response;
    },
    logLevel: 'warn',
    logger: {
      error: (...a: unknown[]) => log('error', `openai client: ${scrub(a)}`),
      warn: (...a: unknown[]) => log('warn', `openai client: ${scrub(a)}`),
      info: () => {},
      debug: () => {},
    },
  });
}

export async function streamChat(opts: StreamChatOptions): Promise<StreamEnd> {
  const { config, log } = opts;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineReached(config.timeoutMs)), config.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline.signal, opts.signal]) : deadline.signal;
  let finishReason: string | null = null;
  let lastStatus: number | null = null;

  const stopped = (): StreamEnd | null => {
    if (opts.signal?.aborted) return { kind: 'cancelled' };
    if (!deadline.signal.aborted) return null;
    // Out of time while the client waited to retry (a long Retry-After): the refusal is the news, not the clock.
    if (lastStatus === 429) return { kind: 'failed', reason: 'rate-limited', detail: `still rate-limited after ${config.timeoutMs} ms` };
    if (lastStatus !== null && lastStatus >= 500) {
      return { kind: 'failed', reason: 'server-error', detail: `still failing (HTTP ${lastStatus}) after ${config.timeoutMs} ms` };
    }
    return { kind: 'failed', reason: 'timeout', detail: `deadline of ${config.timeoutMs} ms reached` };
  };

  try {
    const client = createClient(config, log, (status) => {
      lastStatus = status;
    });
    const request = client.chat.completions.create({ ...opts.request, model: config.model, stream: true }, { signal });
    // The client's backoff sleep between retries does not watch the signal, so the deadline is raced as well.
    const stream = await untilAborted(request, signal);
    for await (const chunk of stream) {
      opts.onChunk(chunk);
      const reason = chunk.choices[0]?.finish_reason;
      if (reason) finishReason = reason;
      if (signal.aborted) break;
    }
    // The client ends the iteration quietly when aborted: check why it ended.
    return stopped() ?? { kind: 'ended', finishReason };
  } catch (err) {
    const early = stopped();
    if (early) return early;
    const { reason, detail } = classifyModelError(err, config.apiKey);
    return { kind: 'failed', reason, detail };
  } finally {
    clearTimeout(timer);
  }
}

function untilAborted<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
