/**
 * One streamed chat completion with a hard deadline. Items are handed over as
 * they complete; the outcome says whether the answer ended cleanly, and if not,
 * why. Items already handed over stay valid whatever the outcome.
 */
import OpenAI from 'openai';
import type { FallbackReason } from '../../src/domain/generation/protocol';
import { classifyModelError, scrubSecret } from './classify-error';
import { DEFAULT_LLM_MAX_RETRIES, type LlmConfig } from './config';
import { QuestionListScanner, type ScannedItem } from './item-scanner';
import { buildMessages, buildResponseFormat, type GenerationSpec } from './prompt';
import type { LlmLog } from './types';

export type ModelOutcome =
  | { kind: 'complete' }
  /** The answer ended but the list did not: cut off, no list, or not JSON. */
  | { kind: 'incomplete'; detail: string }
  | { kind: 'failed'; reason: FallbackReason; detail: string }
  /** The browser went away; nobody is left to tell. */
  | { kind: 'cancelled' };

export interface AskModelOptions {
  config: LlmConfig;
  spec: GenerationSpec;
  /** Aborted when the browser disconnects. */
  signal: AbortSignal;
  log: LlmLog;
  onItem: (item: ScannedItem) => void;
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

export async function askModel(opts: AskModelOptions): Promise<ModelOutcome> {
  const { config, spec, log } = opts;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineReached(config.timeoutMs)), config.timeoutMs);
  const signal = AbortSignal.any([deadline.signal, opts.signal]);
  const mode = config.responseFormat ?? 'json_schema';
  const scanner = new QuestionListScanner();
  let finishReason: string | null = null;
  let lastStatus: number | null = null;

  const stopped = (): ModelOutcome | null => {
    if (opts.signal.aborted) return { kind: 'cancelled' };
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
    const request = client.chat.completions.create(
      {
        model: config.model,
        messages: buildMessages(spec, mode),
        response_format: buildResponseFormat(mode),
        stream: true,
      },
      { signal },
    );
    // The client's backoff sleep between retries does not watch the signal, so the deadline is raced as well.
    const stream = await untilAborted(request, signal);
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const content = choice?.delta?.content;
      if (content) for (const item of scanner.push(content)) opts.onItem(item);
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      if (signal.aborted) break;
    }
    // The client ends the iteration quietly when aborted: check why it ended.
    const early = stopped();
    if (early) return early;
    if (!scanner.listFound) {
      return {
        kind: 'incomplete',
        detail: `no "questions" list in the answer (finish_reason ${finishReason ?? 'none'}): ${scrubSecret(scanner.received.slice(0, 120), config.apiKey)}`,
      };
    }
    if (!scanner.listClosed) {
      return { kind: 'incomplete', detail: `the answer stopped inside the list (finish_reason ${finishReason ?? 'none'})` };
    }
    return { kind: 'complete' };
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
