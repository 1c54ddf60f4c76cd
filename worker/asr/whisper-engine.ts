/**
 * Whisper on transformers.js: loads processor, tokenizer and the two ONNX sessions from the model cache, then
 * transcribes planned windows with the greedy decoder. This is the only module that imports transformers.js (apart
 * from the worker entry points that configure its runtime), which keeps it out of the app's main bundle.
 */
import {
  AutoProcessor,
  AutoTokenizer,
  Tensor,
  WhisperForConditionalGeneration,
  env,
  type PreTrainedTokenizer,
  type Processor,
} from '@huggingface/transformers';
import { AsrError } from './errors';
import { buildVocab, type WhisperVocab } from './decode-rules';
import { GreedyWhisperDecoder, type OrtSessionLike, type OrtTensorLike } from './greedy-decoder';
import type { ModelFileCache } from './model-cache';
import type { AsrBackend, AsrDtype, TimestampMode, WindowTiming } from './protocol';
import { createTransformersCache } from './transformers-cache';
import type { WindowTokens } from './transcript-assembly';
import { windowAudio, type AudioWindow } from './windows';

export interface EngineLoadOptions {
  /** Model folder URL (same key space as the model cache), without trailing slash. */
  modelUrl: string;
  dtype: AsrDtype;
  backend: AsrBackend;
  threads: number;
  cache: ModelFileCache;
  /** Language for multilingual models (the app is English-first). */
  language?: string;
}

export interface WindowRunOptions {
  timestamps: TimestampMode;
  maxNewTokens: number;
  minNewTokens: number;
  signal?: AbortSignal;
  betweenTokens?: () => Promise<void>;
  onWindow?: (index: number, result: WindowTokens, timing: WindowTiming) => void;
}

interface WhisperConfig {
  d_model: number;
  decoder_layers: number;
  decoder_attention_heads: number;
  vocab_size: number;
  max_source_positions: number;
}

interface WhisperGenerationConfig {
  eos_token_id: number | number[];
  decoder_start_token_id: number;
  no_timestamps_token_id: number;
  begin_suppress_tokens?: number[];
  suppress_tokens?: number[];
  max_initial_timestamp_index?: number;
  is_multilingual?: boolean;
  lang_to_id?: Record<string, number>;
  task_to_id?: Record<string, number>;
  alignment_heads?: [number, number][];
}

/** Points transformers.js at our cache only: no hub, no file system, no fetches of its own. */
export function configureTransformersForCache(cache: ModelFileCache): void {
  env.useCustomCache = true;
  env.customCache = createTransformersCache(cache, env.remoteHost) as typeof env.customCache;
  env.useBrowserCache = false;
  env.useFSCache = false;
  // The ONNX Runtime files are app assets (service-worker runtime cache), not model files: let ORT fetch them itself.
  env.useWasmCache = false;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.fetch = (async (input: unknown) => {
    throw new Error(`transformers.js tried to fetch ${String(input)} itself; model files must come from the model store`);
  }) as typeof fetch;
}

export class WhisperEngine {
  private constructor(
    readonly backend: AsrBackend,
    readonly dtype: AsrDtype,
    private readonly model: WhisperForConditionalGeneration,
    private readonly processor: Processor,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly decoder: GreedyWhisperDecoder,
    readonly vocab: WhisperVocab,
    private readonly prompt: { plain: number[]; timestamped: number[] },
    private readonly alignmentHeads: [number, number][] | null,
    readonly timePrecision: number,
  ) {}

  static async load(opts: EngineLoadOptions): Promise<WhisperEngine> {
    configureTransformersForCache(opts.cache);
    const device = opts.backend === 'cpu' ? 'cpu' : opts.backend;
    // Worker threads that spin while waiting for work burn the CPU the other thread (and the rest of the device) needs;
    // on a phone or a busy laptop that costs more than the microseconds spinning saves.
    const noSpin = { extra: { session: { intra_op: { allow_spinning: '0' } } } };
    const session_options = opts.backend === 'cpu' ? { intraOpNumThreads: opts.threads, interOpNumThreads: 1, ...noSpin } : opts.backend === 'wasm' ? noSpin : {};
    const model = (await WhisperForConditionalGeneration.from_pretrained(opts.modelUrl, {
      dtype: opts.dtype,
      device,
      session_options,
    } as never)) as WhisperForConditionalGeneration;
    try {
      const [processor, tokenizer] = await Promise.all([AutoProcessor.from_pretrained(opts.modelUrl), AutoTokenizer.from_pretrained(opts.modelUrl)]);
      const config = model.config as unknown as WhisperConfig;
      const gen = (model as unknown as { generation_config: WhisperGenerationConfig }).generation_config;
      if (!gen || typeof gen.no_timestamps_token_id !== 'number') throw new AsrError('model-integrity', 'the speech model has no usable generation config', false);
      const vocab = buildVocab({
        vocabSize: config.vocab_size,
        eos_token_id: gen.eos_token_id,
        decoder_start_token_id: gen.decoder_start_token_id,
        no_timestamps_token_id: gen.no_timestamps_token_id,
        begin_suppress_tokens: gen.begin_suppress_tokens ?? null,
        suppress_tokens: gen.suppress_tokens ?? null,
        max_initial_timestamp_index: gen.max_initial_timestamp_index ?? null,
      });
      const prefix = [vocab.sot];
      if (gen.is_multilingual) {
        const lang = gen.lang_to_id?.[`<|${opts.language ?? 'en'}|>`];
        const task = gen.task_to_id?.transcribe;
        if (lang === undefined || task === undefined) throw new AsrError('model-integrity', 'the speech model does not list English or the transcribe task', false);
        prefix.push(lang, task);
      }
      const sessions = (model as unknown as { sessions: Record<string, OrtSessionLike> }).sessions;
      const encoder = sessions.model;
      const decoderSession = sessions.decoder_model_merged;
      if (!encoder || !decoderSession) throw new AsrError('model-integrity', 'the speech model lacks its encoder or decoder', false);
      const heads = config.decoder_attention_heads;
      const decoder = new GreedyWhisperDecoder(
        encoder,
        decoderSession,
        vocab,
        { layers: config.decoder_layers, heads, headDim: config.d_model / heads, dModel: config.d_model },
        (type, data, dims) => (new Tensor(type, data as never, dims) as unknown as { ort_tensor: OrtTensorLike }).ort_tensor,
      );
      const chunkLength = (processor as unknown as { feature_extractor: { config: { chunk_length: number } } }).feature_extractor.config.chunk_length;
      return new WhisperEngine(
        opts.backend,
        opts.dtype,
        model,
        processor,
        tokenizer,
        decoder,
        vocab,
        { plain: [...prefix, vocab.noTimestamps], timestamped: prefix },
        gen.alignment_heads ?? null,
        chunkLength / config.max_source_positions,
      );
    } catch (err) {
      await model.dispose();
      throw err;
    }
  }

  decode(ids: number[]): string {
    if (ids.length === 0) return '';
    return this.tokenizer.decode(ids, { skip_special_tokens: true });
  }

  /** Transcribes each window of `audio` (16 kHz mono) in order; windows are independent model runs. */
  async runWindows(audio: Float32Array, windows: readonly AudioWindow[], opts: WindowRunOptions): Promise<{ results: WindowTokens[]; timings: WindowTiming[] }> {
    const results: WindowTokens[] = [];
    const timings: WindowTiming[] = [];
    const wantWords = opts.timestamps === 'word';
    if (wantWords && !this.alignmentHeads) throw new AsrError('internal', 'this speech model cannot give word timings', false);
    const prompt = opts.timestamps === 'none' ? this.prompt.plain : this.prompt.timestamped;
    for (let index = 0; index < windows.length; index++) {
      opts.signal?.throwIfAborted();
      const window = windows[index]!;
      const samples = windowAudio(audio, window);
      const featuresStart = performance.now();
      const features = (await this.processor(samples)) as { input_features: Tensor };
      const featuresMs = performance.now() - featuresStart;
      const run = await this.decoder.decodeWindow((features.input_features as unknown as { ort_tensor: OrtTensorLike }).ort_tensor, {
        prompt,
        maxNewTokens: opts.maxNewTokens,
        minNewTokens: opts.minNewTokens,
        timestamps: opts.timestamps !== 'none',
        crossAttentions: wantWords,
        signal: opts.signal,
        ...(opts.betweenTokens ? { betweenTokens: opts.betweenTokens } : {}),
      });
      opts.signal?.throwIfAborted();
      let tokenTimes: number[] | null = null;
      if (wantWords && run.crossAttentions && run.tokens.length > 0) {
        tokenTimes = this.tokenTimes(prompt, run.tokens, run.stoppedBy === 'eot', run.crossAttentions, samples.length);
      }
      const result: WindowTokens = { window, tokens: run.tokens, tokenTimes };
      const timing: WindowTiming = {
        start: window.start / 16000,
        end: window.end / 16000,
        tokens: run.tokens.length,
        audioSeconds: samples.length / 16000,
        featuresMs: Math.round(featuresMs),
        encodeMs: Math.round(run.encodeMs),
        decodeMs: Math.round(run.decodeMs),
      };
      results.push(result);
      timings.push(timing);
      opts.onWindow?.(index, result, timing);
    }
    return { results, timings };
  }

  /** Per-token start times (seconds from the window start) by dynamic time warping over the alignment heads. */
  private tokenTimes(prompt: readonly number[], tokens: readonly number[], endedWithEot: boolean, cross: OrtTensorLike[][], samples: number): number[] {
    const sequence = [...prompt, ...tokens, ...(endedWithEot ? [this.vocab.eot] : [])];
    const extractor = (this.model as unknown as { _extract_token_timestamps?: (...args: unknown[]) => Tensor })._extract_token_timestamps;
    if (typeof extractor !== 'function') throw new AsrError('internal', 'word timings are not available with this version of transformers.js', false);
    // Cross-attention runs over encoder positions (two mel frames of 160 samples each); only those holding audio count.
    const numFrames = Math.min(1500, Math.ceil(samples / 320));
    const timestamps = extractor.call(
      this.model,
      {
        cross_attentions: cross.map((layers) => layers.map((t) => new Tensor(t as never))),
        sequences: new Tensor('int64', BigInt64Array.from(sequence.map(BigInt)), [1, sequence.length]),
      },
      this.alignmentHeads,
      numFrames,
      this.timePrecision,
      prompt.length,
    );
    const all = Array.from(timestamps.data as Float32Array);
    return all.slice(prompt.length, prompt.length + tokens.length);
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
