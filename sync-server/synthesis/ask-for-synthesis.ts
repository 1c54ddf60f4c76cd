/**
 * One synthesis request to the cloud model through the `openai` client, with the question generator's client and
 * settings (sync-server/llm: base URL, key, model, LLM_TIMEOUT_MS for the whole call retries included,
 * LLM_MAX_RETRIES, LLM_RESPONSE_FORMAT). Streamed, so the host sees the answer arrive; the text is then parsed and
 * validated with the schema. Every way it can go wrong ends in a named reason, never a throw.
 */
import type { FallbackReason } from '../../src/domain/generation/protocol';
import { ModelSynthesis } from '../../src/domain/wrap-up/synthesis-schema';
import type { SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { createClient } from '../llm/ask-model';
import { classifyModelError, scrubSecret } from '../llm/classify-error';
import type { LlmConfig } from '../llm/config';
import type { LlmLog } from '../llm/types';
import { buildSynthesisMessages, synthesisResponseFormat } from './synthesis-prompt';

export type SynthesisFailure = FallbackReason | 'truncated';

export type AskOutcome =
  | { ok: true; synthesis: ModelSynthesis; model: string; tokensPrompt: number; tokensCompletion: number }
  | { ok: false; reason: SynthesisFailure; detail: string; tokensPrompt: number; tokensCompletion: number };

export const FAILURE_SENTENCES: Record<SynthesisFailure, string> = {
  'no-key': 'No cloud model is configured on this server (OPENAI_API_KEY).',
  timeout: 'The cloud model did not answer in time.',
  network: 'The cloud model could not be reached.',
  'rate-limited': 'The cloud model refused for now (rate limit).',
  'server-error': 'The cloud model failed (server error).',
  'invalid-output': 'The cloud model answered with something that is not a valid synthesis.',
  'auth-failed': 'The cloud model refused the server\'s key.',
  refused: 'The cloud model refused the request.',
  offline: 'The cloud model could not be reached.',
  unavailable: 'The cloud model is unavailable.',
  'no-host-link': 'The cloud model is unavailable.',
  truncated: 'The cloud model\'s answer was cut off before it ended.',
};

class DeadlineReached extends Error {}

export async function askForSynthesis(opts: {
  config: LlmConfig;
  input: SynthesisInput;
  log: LlmLog;
  /** Called as the answer arrives (characters so far), at most a few times a second. */
  onReceived?: (chars: number) => void;
}): Promise<AskOutcome> {
  const { config, input, log } = opts;
  const mode = config.responseFormat ?? 'json_schema';
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineReached()), config.timeoutMs);
  let lastStatus: number | null = null;
  let tokensPrompt = 0;
  let tokensCompletion = 0;
  let model = config.model;
  const failed = (reason: SynthesisFailure, detail: string): AskOutcome => ({ ok: false, reason, detail: scrubSecret(detail, config.apiKey), tokensPrompt, tokensCompletion });
  const outOfTime = (): AskOutcome => {
    if (lastStatus === 429) return failed('rate-limited', `still rate-limited after ${config.timeoutMs} ms`);
    if (lastStatus !== null && lastStatus >= 500) return failed('server-error', `still failing (HTTP ${lastStatus}) after ${config.timeoutMs} ms`);
    return failed('timeout', `deadline of ${config.timeoutMs} ms reached`);
  };
  try {
    const client = createClient(config, log, (status) => {
      lastStatus = status;
    });
    const request = client.chat.completions.create(
      {
        model: config.model,
        messages: buildSynthesisMessages(input, mode),
        response_format: synthesisResponseFormat(input, mode),
        stream: true,
        stream_options: { include_usage: true },
      },
      { signal: deadline.signal },
    );
    const stream = await raceDeadline(request, deadline.signal);
    let text = '';
    let refusal = '';
    let finish: string | null = null;
    let reported = 0;
    for await (const chunk of stream) {
      if (chunk.model) model = chunk.model;
      if (chunk.usage) {
        tokensPrompt = chunk.usage.prompt_tokens;
        tokensCompletion = chunk.usage.completion_tokens;
      }
      const choice = chunk.choices[0];
      if (choice?.delta?.content) text += choice.delta.content;
      const deltaRefusal = (choice?.delta as { refusal?: string | null } | undefined)?.refusal;
      if (deltaRefusal) refusal += deltaRefusal;
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (text.length - reported >= 400) {
        reported = text.length;
        opts.onReceived?.(text.length);
      }
      if (deadline.signal.aborted) break;
    }
    if (deadline.signal.aborted) return outOfTime();
    if (refusal) return failed('refused', `the model refused: ${refusal.slice(0, 200)}`);
    if (finish === 'content_filter') return failed('refused', 'the answer was stopped by the provider\'s content filter');
    if (finish === 'length') return failed('truncated', `the answer was cut off after ${text.length} characters (finish_reason length)`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return failed(finish === null ? 'truncated' : 'invalid-output', `not JSON: ${text.slice(0, 120)}`);
    }
    const parsed = ModelSynthesis.safeParse(json);
    if (!parsed.success) {
      return failed('invalid-output', `does not match the schema: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return { ok: true, synthesis: parsed.data, model, tokensPrompt, tokensCompletion };
  } catch (err) {
    if (deadline.signal.aborted) return outOfTime();
    const { reason, detail } = classifyModelError(err, config.apiKey);
    return failed(reason, detail);
  } finally {
    clearTimeout(timer);
  }
}

/** The client's backoff sleep between retries does not watch the signal, so the deadline is raced as well. */
function raceDeadline<T>(promise: PromiseLike<T>, signal: AbortSignal): Promise<T> {
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
