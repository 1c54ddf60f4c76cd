import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exactBytes, filesForDtype, findModel, hubFileUrl, modelBaseUrl, parseManifest } from '../../worker/asr/model-manifest';
import { describeAsrFailure, toAsrErrorInfo, AsrError } from '../../worker/asr/errors';

const manifest = parseManifest(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../models/manifest.json'), 'utf8')));

describe('model manifest', () => {
  it('lists whisper-tiny.en (q8 by default), whisper-base.en and the test fixture', () => {
    expect(manifest.defaultModel).toBe('whisper-tiny.en');
    const tiny = findModel(manifest, 'whisper-tiny.en');
    expect(tiny.defaultDtype).toBe('q8');
    expect(tiny.hub?.repo).toBe('Xenova/whisper-tiny.en');
    expect(filesForDtype(tiny, 'q8').map((f) => f.path)).toEqual([
      'config.json',
      'generation_config.json',
      'preprocessor_config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/encoder_model_quantized.onnx',
      'onnx/decoder_model_merged_quantized.onnx',
    ]);
    expect(findModel(manifest, 'whisper-base.en').dtypes).toContain('q8');
    expect(exactBytes(findModel(manifest, 'whisper-test-tiny'), 'q8')).toBeLessThan(1024 * 1024);
    expect(exactBytes(tiny, 'q8')).toBeNull(); // real weights: sizes pinned by `npm run models:fetch -- --pin`
  });

  it('resolves same-origin and hub URLs', () => {
    const tiny = findModel(manifest, 'whisper-tiny.en');
    expect(modelBaseUrl('https://interq.example/models/manifest.json', tiny)).toBe('https://interq.example/models/whisper-tiny.en/');
    expect(hubFileUrl(tiny, 'onnx/encoder_model_quantized.onnx')).toBe('https://huggingface.co/Xenova/whisper-tiny.en/resolve/main/onnx/encoder_model_quantized.onnx');
    expect(hubFileUrl(findModel(manifest, 'whisper-test-tiny'), 'config.json')).toBeNull();
  });

  it('rejects manifests with missing weights, duplicate ids, bad hashes or escaping paths', () => {
    const good = JSON.parse(JSON.stringify(manifest));
    const dup = { ...good, models: [good.models[0], good.models[0]] };
    expect(() => parseManifest(dup)).toThrow(/twice/);
    const noWeights = JSON.parse(JSON.stringify(good));
    noWeights.models[0].files = noWeights.models[0].files.filter((f: { path: string }) => !f.path.includes('decoder_model_merged_quantized'));
    expect(() => parseManifest(noWeights)).toThrow(/lacks onnx\/decoder_model_merged_quantized.onnx/);
    const badHash = JSON.parse(JSON.stringify(good));
    badHash.models[0].files[0].sha256 = 'abc';
    expect(() => parseManifest(badHash)).toThrow(/invalid/);
    const escape = JSON.parse(JSON.stringify(good));
    escape.models[0].files[0].path = '../secrets.json';
    expect(() => parseManifest(escape)).toThrow(/invalid/);
    expect(() => findModel(manifest, 'nope')).toThrow(/No model "nope"/);
  });
});

describe('ASR errors', () => {
  it('maps out-of-memory failures and unknown errors to coded, retryable infos', () => {
    expect(toAsrErrorInfo(new RangeError('Array buffer allocation failed')).code).toBe('out-of-memory');
    expect(toAsrErrorInfo(new Error('Aborted(OOM)')).code).toBe('out-of-memory');
    expect(toAsrErrorInfo(new Error('boom'))).toMatchObject({ code: 'internal', retryable: true });
    expect(toAsrErrorInfo(new AsrError('empty-audio', 'the recording is empty', false))).toEqual({ code: 'empty-audio', message: 'the recording is empty', retryable: false });
    expect(describeAsrFailure({ code: 'no-speech', message: 'no speech was heard in this answer', retryable: true })).toEqual({
      title: 'could not transcribe: no speech was heard in this answer',
      retryable: true,
    });
  });
});
