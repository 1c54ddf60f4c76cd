/**
 * The question generator's model call: one streamed chat completion (stream-chat.ts) whose items are handed over
 * as they complete; the outcome says whether the answer ended cleanly, and if not, why. Items already handed over
 * stay valid whatever the outcome.
 */
import type { FallbackReason } from '../../src/domain/generation/protocol';
import { scrubSecret } from './classify-error';
import type { LlmConfig } from './config';
import { QuestionListScanner, type ScannedItem } from './item-scanner';
import { buildMessages, buildResponseFormat, type GenerationSpec } from './prompt';
import { streamChat } from './stream-chat';
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

export async function askModel(opts: AskModelOptions): Promise<ModelOutcome> {
  const { config, spec } = opts;
  const mode = config.responseFormat ?? 'json_schema';
  const scanner = new QuestionListScanner();
  const end = await streamChat({
    config,
    log: opts.log,
    signal: opts.signal,
    request: { messages: buildMessages(spec, mode), response_format: buildResponseFormat(mode) },
    onChunk: (chunk) => {
      const content = chunk.choices[0]?.delta?.content;
      if (content) for (const item of scanner.push(content)) opts.onItem(item);
    },
  });
  if (end.kind !== 'ended') return end;
  if (!scanner.listFound) {
    return {
      kind: 'incomplete',
      detail: `no "questions" list in the answer (finish_reason ${end.finishReason ?? 'none'}): ${scrubSecret(scanner.received.slice(0, 120), config.apiKey)}`,
    };
  }
  if (!scanner.listClosed) {
    return { kind: 'incomplete', detail: `the answer stopped inside the list (finish_reason ${end.finishReason ?? 'none'})` };
  }
  return { kind: 'complete' };
}
