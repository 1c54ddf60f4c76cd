/**
 * The greedy decoder (our per-token loop on the transformers.js sessions) against transformers.js's own generate():
 * same model, same audio, same tokens. Guards the fast path against drifting from the reference.
 */
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { AutoProcessor, WhisperForConditionalGeneration, env, type Tensor } from '@huggingface/transformers';
import { buildVocab } from '../../worker/asr/decode-rules';
import { GreedyWhisperDecoder, type OrtSessionLike } from '../../worker/asr/greedy-decoder';

const MODELS = path.resolve(__dirname, '../../models/fixtures');

function tone(seconds: number, hz: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * 16000) }, (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000) + 0.1 * Math.sin(i / 7));
}

describe('greedy decoder', () => {
  for (const dtype of ['fp32', 'q8'] as const) {
    it(`matches transformers.js generate() token for token (${dtype})`, async () => {
      env.localModelPath = MODELS + path.sep;
      env.allowRemoteModels = false;
      const model = await WhisperForConditionalGeneration.from_pretrained('whisper-test-tiny', { dtype });
      const processor = await AutoProcessor.from_pretrained('whisper-test-tiny');
      try {
        const config = model.config as unknown as { d_model: number; decoder_layers: number; decoder_attention_heads: number; vocab_size: number };
        const gen = (model as unknown as { generation_config: { eos_token_id: number; decoder_start_token_id: number; no_timestamps_token_id: number; begin_suppress_tokens: number[] } }).generation_config;
        // transformers.js applies no suppression in plain mode, so compare with suppression limited to what both do.
        const vocab = buildVocab({ ...gen, vocabSize: config.vocab_size, suppress_tokens: [] });
        vocab.suppress = new Int32Array(0);
        const sessions = (model as unknown as { sessions: Record<string, OrtSessionLike> }).sessions;
        const decoder = new GreedyWhisperDecoder(
          sessions.model!,
          sessions.decoder_model_merged!,
          vocab,
          { layers: config.decoder_layers, heads: config.decoder_attention_heads, headDim: config.d_model / config.decoder_attention_heads, dModel: config.d_model },
          (type, data, dims) => new ort.Tensor(type, data as never, dims) as never,
        );
        let compared = 0;
        for (const hz of [220, 440, 900, 1700]) {
          const { input_features } = (await processor(tone(6, hz))) as { input_features: Tensor };
          const reference = (((await model.generate({ inputs: input_features, max_new_tokens: 20 } as never)) as Tensor).tolist() as bigint[][])[0]!.map(Number);
          const prompt = reference.slice(0, 2);
          const generated = reference.slice(2).filter((t) => t !== vocab.eot);
          // Our loop suppresses timestamps in plain mode; compare only where the reference emitted none.
          const upTo = generated.findIndex((t) => t >= vocab.timestampBegin);
          const comparable = upTo === -1 ? generated : generated.slice(0, upTo);
          const ours = await decoder.decodeWindow((input_features as unknown as { ort_tensor: never }).ort_tensor, {
            prompt,
            maxNewTokens: 20,
            minNewTokens: 0,
            timestamps: false,
            crossAttentions: false,
          });
          expect(ours.tokens.slice(0, comparable.length)).toEqual(comparable);
          compared += comparable.length;
        }
        expect(compared).toBeGreaterThan(20);
      } finally {
        await model.dispose();
      }
    });
  }
});
