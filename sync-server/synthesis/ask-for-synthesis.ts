/**
 * One synthesis request to the cloud model, through the same streamed call as the question generator
 * (sync-server/llm/stream-chat.ts: base URL, key, model, LLM_TIMEOUT_MS for the whole call retries included,
 * LLM_MAX_RETRIES; LLM_RESPONSE_FORMAT picks the prompt and response format). Streamed, so the host sees the answer
 * arrive; the text is then parsed and validated with the schema. Every way it can go wrong ends in a named reason,
 * never a throw.
 */
import type { FallbackReason } from '../../src/domain/generation/protocol';
import { ModelSynthesis } from '../../src/domain/wrap-up/synthesis-schema';
import type { SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { scrubSecret } from '../llm/classify-error';
import type { LlmConfig } from '../llm/config';
import { streamChat } from '../llm/stream-chat';
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

export async function askForSynthesis(opts: {
  config: LlmConfig;
  input: SynthesisInput;
  log: LlmLog;
  /** Called as the answer arrives (characters so far), at most a few times a second. */
  onReceived?: (chars: number) => void;
}): Promise<AskOutcome> {
  const { config, input } = opts;
  const mode = config.responseFormat ?? 'json_schema';
  let tokensPrompt = 0;
  let tokensCompletion = 0;
  let model = config.model;
  let text = '';
  let refusal = '';
  let reported = 0;
  const failed = (reason: SynthesisFailure, detail: string): AskOutcome => ({ ok: false, reason, detail: scrubSecret(detail, config.apiKey), tokensPrompt, tokensCompletion });
  const end = await streamChat({
    config,
    log: opts.log,
    request: {
      messages: buildSynthesisMessages(input, mode),
      response_format: synthesisResponseFormat(input, mode),
      stream_options: { include_usage: true },
    },
    onChunk: (chunk) => {
      if (chunk.model) model = chunk.model;
      if (chunk.usage) {
        tokensPrompt = chunk.usage.prompt_tokens;
        tokensCompletion = chunk.usage.completion_tokens;
      }
      const delta = chunk.choices[0]?.delta;
      if (delta?.content) text += delta.content;
      const deltaRefusal = (delta as { refusal?: string | null } | undefined)?.refusal;
      if (deltaRefusal) refusal += deltaRefusal;
      if (text.length - reported >= 400) {
        reported = text.length;
        opts.onReceived?.(text.length);
      }
    },
  });
  if (end.kind === 'failed') return failed(end.reason, end.detail);
  // Only a signal of the caller's own cancels, and none is given; kept for the type's sake.
  if (end.kind === 'cancelled') return failed('network', 'the request was cancelled');
  const finish = end.finishReason;
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
}
