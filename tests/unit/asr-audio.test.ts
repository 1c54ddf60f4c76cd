import { describe, expect, it } from 'vitest';
import { downmix, hasNonFinite, resample, toWhisperInput } from '../../worker/asr/audio/resample';
import { decodeWav, encodeWav16, isWav } from '../../worker/asr/audio/wav';
import { AsrError } from '../../worker/asr/errors';

function sine(hz: number, rate: number, seconds: number, amp = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
}
const rms = (x: Float32Array, from = 0, to = x.length) => Math.sqrt(x.subarray(from, to).reduce((a, b) => a + b * b, 0) / (to - from));

/** Amplitude of one frequency in a signal (single-bin DFT). */
function amplitudeAt(x: Float32Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * hz * i) / rate);
    im -= x[i]! * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

describe('resampling to 16 kHz', () => {
  it('keeps length, a speech-band tone and DC for 48 kHz and 44.1 kHz input', () => {
    for (const rate of [48000, 44100, 22050, 8000]) {
      const out = resample(sine(440, rate, 2), rate, 16000);
      expect(out.length).toBe(32000);
      expect(amplitudeAt(out.subarray(1000, 31000), 440, 16000)).toBeCloseTo(0.5, 1);
      const dc = resample(new Float32Array(rate).fill(0.25), rate, 16000);
      expect(dc[8000]).toBeCloseTo(0.25, 4);
    }
  });

  it('removes content above 8 kHz instead of folding it into the speech band', () => {
    // 12 kHz at 48 kHz would alias to 4 kHz after naive decimation.
    const out = resample(sine(12000, 48000, 1), 48000, 16000);
    expect(rms(out, 500, 15500)).toBeLessThan(0.005);
    expect(amplitudeAt(out.subarray(500, 15500), 4000, 16000)).toBeLessThan(0.005);
  });

  it('is an identity copy at the same rate and rejects nonsense rates', () => {
    const x = sine(100, 16000, 0.1);
    const y = resample(x, 16000, 16000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 16000)).toThrow(RangeError);
    expect(() => resample(x, 44100.5, 16000)).toThrow(RangeError);
  });

  it('down-mixes channels by averaging', () => {
    expect(Array.from(downmix([Float32Array.of(1, 0, 1), Float32Array.of(0, 0, -1)]))).toEqual([0.5, 0, 0]);
    expect(toWhisperInput([sine(300, 48000, 1), sine(300, 48000, 1)], 48000).length).toBe(16000);
  });

  it('detects non-finite samples', () => {
    expect(hasNonFinite(Float32Array.of(0, 1, -1))).toBe(false);
    expect(hasNonFinite(Float32Array.of(0, Number.NaN))).toBe(true);
    expect(hasNonFinite(Float32Array.of(Number.POSITIVE_INFINITY))).toBe(true);
  });
});

describe('WAV', () => {
  it('round-trips 16-bit PCM', () => {
    const x = sine(200, 16000, 0.5);
    const bytes = encodeWav16(x, 16000);
    expect(isWav(bytes)).toBe(true);
    const { channels, sampleRate } = decodeWav(bytes);
    expect(sampleRate).toBe(16000);
    expect(channels).toHaveLength(1);
    expect(channels[0]!.length).toBe(x.length);
    for (let i = 0; i < x.length; i += 97) expect(channels[0]![i]).toBeCloseTo(x[i]!, 3);
  });

  it('rejects truncated or foreign bytes with a corrupt-audio error', () => {
    const bytes = encodeWav16(sine(200, 16000, 0.1), 16000);
    for (const bad of [bytes.slice(0, 30), bytes.slice(0, 40), new TextEncoder().encode('OggS and so on, not a wav').buffer]) {
      let err: unknown;
      try {
        decodeWav(bad as ArrayBuffer);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AsrError);
      expect((err as AsrError).code).toBe('corrupt-audio');
    }
  });
});
