import { describe, expect, it } from 'vitest';
import { applyDecodeRules, argmax, buildVocab } from '../../worker/asr/decode-rules';

// A miniature vocabulary with Whisper's layout: text 0..9, <|endoftext|> 10, <|startoftranscript|> 11,
// one language 12, translate 13, transcribe 14, startoflm 15, startofprev 16, nocaptions 17, notimestamps 18,
// timestamps 19..29 (<|0.00|> .. <|0.20|>).
const vocab = buildVocab({
  vocabSize: 30,
  eos_token_id: 10,
  decoder_start_token_id: 11,
  no_timestamps_token_id: 18,
  begin_suppress_tokens: [3, 10],
  suppress_tokens: [7],
  max_initial_timestamp_index: 2,
});
const row = (fill: (i: number) => number) => Float32Array.from({ length: 30 }, (_, i) => fill(i));
const allowed = (r: Float32Array) => [...r.keys()].filter((i) => r[i] !== -Infinity);

describe('Whisper decoding rules', () => {
  it('derives the vocabulary layout from the generation config', () => {
    expect(vocab).toMatchObject({ eot: 10, sot: 11, noTimestamps: 18, timestampBegin: 19 });
    expect([...vocab.suppress].sort((a, b) => a - b)).toEqual([7, 11, 12, 13, 14, 15, 16, 17, 18]);
  });

  it('without timestamps: only text and end-of-text, begin suppression at the first position only', () => {
    const first = row(() => 0);
    applyDecodeRules(first, vocab, { generated: [], timestamps: false, minNewTokens: 0 });
    expect(allowed(first)).toEqual([0, 1, 2, 4, 5, 6, 8, 9]);
    const later = row(() => 0);
    applyDecodeRules(later, vocab, { generated: [4], timestamps: false, minNewTokens: 0 });
    expect(allowed(later)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 9, 10]);
  });

  it('holds end-of-text back until the minimum number of tokens', () => {
    const r = row((i) => (i === 10 ? 5 : 0));
    applyDecodeRules(r, vocab, { generated: [1, 2], timestamps: false, minNewTokens: 3 });
    expect(r[10]).toBe(-Infinity);
    expect(argmax(r)).not.toBe(10);
    const r2 = row((i) => (i === 10 ? 5 : 0));
    applyDecodeRules(r2, vocab, { generated: [1, 2, 3], timestamps: false, minNewTokens: 3 });
    expect(argmax(r2)).toBe(10);
  });

  it('with timestamps: starts with an early timestamp', () => {
    const r = row(() => 0);
    applyDecodeRules(r, vocab, { generated: [], timestamps: true, minNewTokens: 0 });
    expect(allowed(r)).toEqual([19, 20, 21]);
  });

  it('timestamps come in pairs and never go backwards', () => {
    // After <|0.04|> "text": the segment is open; the next timestamp must be >= 0.04 or text continues.
    const open = row(() => 0);
    applyDecodeRules(open, vocab, { generated: [21, 4], timestamps: true, minNewTokens: 0 });
    expect(allowed(open).filter((i) => i >= 19)).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
    // After "text" <|0.10|>: an end timestamp; only another timestamp (start of next segment, not before) or eot.
    const closing = row((i) => (i === 10 ? 3 : 0));
    applyDecodeRules(closing, vocab, { generated: [21, 4, 24], timestamps: true, minNewTokens: 0 });
    expect(allowed(closing)).toEqual([10, 24, 25, 26, 27, 28, 29]);
    // After a pair <|0.10|><|0.10|>: text must follow.
    const pair = row(() => 0);
    applyDecodeRules(pair, vocab, { generated: [21, 4, 24, 24], timestamps: true, minNewTokens: 0 });
    expect(allowed(pair).every((i) => i < 19)).toBe(true);
  });

  it('forces a timestamp when timestamps together outweigh the best text token', () => {
    const r = row((i) => (i >= 19 ? 1 : i === 4 ? 2 : -10));
    applyDecodeRules(r, vocab, { generated: [20, 4], timestamps: true, minNewTokens: 0 });
    expect(argmax(r)).toBeGreaterThanOrEqual(19);
    const r2 = row((i) => (i === 4 ? 8 : 0));
    applyDecodeRules(r2, vocab, { generated: [20, 4], timestamps: true, minNewTokens: 0 });
    expect(argmax(r2)).toBe(4);
  });

  it('argmax returns the first maximum', () => {
    expect(argmax(Float32Array.of(1, 3, 3, 2))).toBe(1);
    expect(argmax(Float32Array.of(-Infinity, -1))).toBe(1);
  });
});
