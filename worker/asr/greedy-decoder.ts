/**
 * The per-token loop, written against the two ONNX sessions transformers.js loaded, because in the browser this loop
 * is where transcription time goes. Compared with transformers.js's generic generate() it:
 *  - feeds an empty encoder_hidden_states once the cross-attention cache exists (the cached branch never reads it,
 *    so ~2 MB per token are not copied into the WASM heap);
 *  - fetches only the outputs it uses (no cross-attention copies unless word timestamps were asked for, no encoder
 *    cache placeholders);
 *  - applies Whisper's rules to one Float32Array row in place (no tensor slicing, no BigInt sequences).
 * It stops between tokens when the signal aborts, which is how cancellation reaches a running transcription.
 */
import { applyDecodeRules, argmax, type WhisperVocab } from './decode-rules';

/** The structural part of an ONNX Runtime tensor (web or node) this loop uses. */
export interface OrtTensorLike {
  readonly dims: readonly number[];
  readonly data: unknown;
  readonly type: string;
  readonly location?: string;
  dispose?(): void;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensorLike>, fetches?: readonly string[]): Promise<Record<string, OrtTensorLike>>;
}

export type TensorFactory = (type: 'float32' | 'int64' | 'bool', data: Float32Array | BigInt64Array | boolean[], dims: number[]) => OrtTensorLike;

export interface DecoderShape {
  layers: number;
  heads: number;
  headDim: number;
  dModel: number;
}

export interface DecodeWindowOptions {
  prompt: readonly number[];
  maxNewTokens: number;
  minNewTokens: number;
  timestamps: boolean;
  /** Collect cross-attention weights for word timestamps. */
  crossAttentions: boolean;
  signal?: AbortSignal;
  /** Awaited between tokens so the worker can receive a cancel message (see yield.ts). */
  betweenTokens?: () => Promise<void>;
}

export interface DecodeWindowResult {
  /** Generated tokens, prompt excluded, end-of-text excluded. */
  tokens: number[];
  /** Per step, per layer: cross-attention weights [1, heads, stepLength, frames] (only when asked for). */
  crossAttentions: OrtTensorLike[][] | null;
  encodeMs: number;
  decodeMs: number;
  stoppedBy: 'eot' | 'max-tokens' | 'aborted';
}

export class GreedyWhisperDecoder {
  private emptyEncoderStates: OrtTensorLike | null = null;
  /** Set when a model's cached branch turned out to need the real encoder states after all. */
  private cachedBranchNeedsEncoderStates = false;

  constructor(
    private readonly encoder: OrtSessionLike,
    private readonly decoder: OrtSessionLike,
    private readonly vocab: WhisperVocab,
    private readonly shape: DecoderShape,
    private readonly tensor: TensorFactory,
  ) {
    for (const name of ['input_ids', 'encoder_hidden_states', 'use_cache_branch', 'past_key_values.0.decoder.key']) {
      if (!decoder.inputNames.includes(name)) throw new Error(`decoder_model_merged has no input "${name}"`);
    }
  }

  async encode(inputFeatures: OrtTensorLike): Promise<OrtTensorLike> {
    const out = await this.encoder.run({ input_features: inputFeatures }, ['last_hidden_state']);
    return out.last_hidden_state!;
  }

  async decodeWindow(inputFeatures: OrtTensorLike, opts: DecodeWindowOptions): Promise<DecodeWindowResult> {
    const { layers, heads, headDim, dModel } = this.shape;
    const t0 = now();
    const encoderStates = await this.encode(inputFeatures);
    const encodeMs = now() - t0;
    const t1 = now();

    const emptyPast = this.tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
    const feeds: Record<string, OrtTensorLike> = {
      input_ids: this.tensor('int64', BigInt64Array.from(opts.prompt.map(BigInt)), [1, opts.prompt.length]),
      encoder_hidden_states: encoderStates,
      use_cache_branch: this.tensor('bool', [false], [1]),
    };
    for (let i = 0; i < layers; i++) {
      feeds[`past_key_values.${i}.decoder.key`] = emptyPast;
      feeds[`past_key_values.${i}.decoder.value`] = emptyPast;
      feeds[`past_key_values.${i}.encoder.key`] = emptyPast;
      feeds[`past_key_values.${i}.encoder.value`] = emptyPast;
    }
    const firstFetches = ['logits'];
    const stepFetches = ['logits'];
    for (let i = 0; i < layers; i++) {
      firstFetches.push(`present.${i}.decoder.key`, `present.${i}.decoder.value`, `present.${i}.encoder.key`, `present.${i}.encoder.value`);
      stepFetches.push(`present.${i}.decoder.key`, `present.${i}.decoder.value`);
    }
    if (opts.crossAttentions) {
      for (let i = 0; i < layers; i++) {
        firstFetches.push(`cross_attentions.${i}`);
        stepFetches.push(`cross_attentions.${i}`);
      }
    }

    const tokens: number[] = [];
    const cross: OrtTensorLike[][] | null = opts.crossAttentions ? [] : null;
    let stoppedBy: DecodeWindowResult['stoppedBy'] = 'max-tokens';
    let out = await this.decoder.run(feeds, firstFetches);
    const encoderCache: Record<string, OrtTensorLike> = {};
    for (let i = 0; i < layers; i++) {
      for (const part of ['key', 'value']) encoderCache[`past_key_values.${i}.encoder.${part}`] = out[`present.${i}.encoder.${part}`]!;
    }
    this.emptyEncoderStates ??= this.tensor('float32', new Float32Array(0), [1, 0, dModel]);
    const useCache = this.tensor('bool', [true], [1]);

    for (;;) {
      if (cross) cross.push(Array.from({ length: layers }, (_, i) => out[`cross_attentions.${i}`]!));
      const logits = out.logits!;
      const vocabSize = logits.dims[2]!;
      const all = logits.data as Float32Array;
      const row = all.subarray(all.length - vocabSize);
      applyDecodeRules(row, this.vocab, { generated: tokens, timestamps: opts.timestamps, minNewTokens: opts.minNewTokens });
      const next = argmax(row);
      if (next === this.vocab.eot) {
        stoppedBy = 'eot';
        break;
      }
      tokens.push(next);
      if (tokens.length >= opts.maxNewTokens) break;
      if (opts.betweenTokens) await opts.betweenTokens();
      if (opts.signal?.aborted) {
        stoppedBy = 'aborted';
        break;
      }

      const step: Record<string, OrtTensorLike> = {
        input_ids: this.tensor('int64', BigInt64Array.of(BigInt(next)), [1, 1]),
        encoder_hidden_states: this.cachedBranchNeedsEncoderStates ? encoderStates : this.emptyEncoderStates,
        use_cache_branch: useCache,
        ...encoderCache,
      };
      for (let i = 0; i < layers; i++) {
        step[`past_key_values.${i}.decoder.key`] = out[`present.${i}.decoder.key`]!;
        step[`past_key_values.${i}.decoder.value`] = out[`present.${i}.decoder.value`]!;
      }
      const previous = out;
      try {
        out = await this.decoder.run(step, stepFetches);
      } catch (err) {
        if (this.cachedBranchNeedsEncoderStates) throw err;
        // Exports whose cached branch still reads encoder_hidden_states: feed it from now on.
        this.cachedBranchNeedsEncoderStates = true;
        step.encoder_hidden_states = encoderStates;
        out = await this.decoder.run(step, stepFetches);
      }
      releaseGpuOutputs(previous, out, encoderCache);
    }
    return { tokens, crossAttentions: cross, encodeMs, decodeMs: now() - t1, stoppedBy };
  }
}

/** On WebGPU the cache lives in GPU buffers that must be freed explicitly once the next step has its own copy. */
function releaseGpuOutputs(previous: Record<string, OrtTensorLike>, current: Record<string, OrtTensorLike>, keep: Record<string, OrtTensorLike>): void {
  const kept = new Set([...Object.values(current), ...Object.values(keep)]);
  for (const t of Object.values(previous)) {
    if (t.location === 'gpu-buffer' && !kept.has(t)) t.dispose?.();
  }
}

function now(): number {
  return performance.now();
}
