/**
 * RIFF/WAVE reading (PCM 8/16/24/32-bit and IEEE float) and 16-bit writing. Used for uploaded or generated WAV answers
 * and by tests and benchmarks (espeak-ng writes WAV). Pure functions.
 */
import { AsrError } from '../errors';

export interface PcmAudio {
  channels: Float32Array[];
  sampleRate: number;
}

export function isWav(bytes: ArrayBuffer): boolean {
  if (bytes.byteLength < 12) return false;
  const v = new DataView(bytes);
  return v.getUint32(0, false) === 0x52494646 && v.getUint32(8, false) === 0x57415645; // "RIFF" ... "WAVE"
}

export function decodeWav(bytes: ArrayBuffer): PcmAudio {
  if (!isWav(bytes)) throw new AsrError('corrupt-audio', 'the recording is damaged (not a WAV file)', false);
  const v = new DataView(bytes);
  let offset = 12;
  let format: { audioFormat: number; channels: number; sampleRate: number; bits: number } | null = null;
  while (offset + 8 <= bytes.byteLength) {
    const id = v.getUint32(offset, false);
    let size = v.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 0x666d7420) {
      // "fmt "
      if (size < 16 || body + Math.min(size, 40) > bytes.byteLength) break;
      let audioFormat = v.getUint16(body, true);
      if (audioFormat === 0xfffe && size >= 40 && body + 26 <= bytes.byteLength) audioFormat = v.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE
      format = { audioFormat, channels: v.getUint16(body + 2, true), sampleRate: v.getUint32(body + 4, true), bits: v.getUint16(body + 14, true) };
    } else if (id === 0x64617461) {
      // "data"; streaming writers leave the size at 0 or 0xffffffff: take the rest of the file
      if (!format) break;
      if (size === 0 || size === 0xffffffff || body + size > bytes.byteLength) size = bytes.byteLength - body;
      return readSamples(v, body, size, format);
    }
    offset = body + size + (size & 1);
  }
  throw new AsrError('corrupt-audio', 'the recording is damaged (WAV file without audio data)', false);
}

function readSamples(v: DataView, start: number, size: number, f: { audioFormat: number; channels: number; sampleRate: number; bits: number }): PcmAudio {
  const bytesPer = f.bits / 8;
  if (f.channels < 1 || f.sampleRate < 1 || !Number.isInteger(bytesPer) || bytesPer < 1) {
    throw new AsrError('corrupt-audio', 'the recording is damaged (invalid WAV header)', false);
  }
  const isFloat = f.audioFormat === 3;
  if (!isFloat && f.audioFormat !== 1) throw new AsrError('unsupported-audio', `this WAV encoding (${f.audioFormat}) is not supported`, false);
  const frames = Math.floor(size / (bytesPer * f.channels));
  const channels = Array.from({ length: f.channels }, () => new Float32Array(frames));
  let p = start;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < f.channels; c++) {
      let x: number;
      if (isFloat) x = bytesPer === 8 ? v.getFloat64(p, true) : v.getFloat32(p, true);
      else if (bytesPer === 1) x = (v.getUint8(p) - 128) / 128;
      else if (bytesPer === 2) x = v.getInt16(p, true) / 32768;
      else if (bytesPer === 3) x = ((v.getUint8(p) | (v.getUint8(p + 1) << 8) | (v.getInt8(p + 2) << 16)) / 8388608);
      else x = v.getInt32(p, true) / 2147483648;
      channels[c]![i] = x;
      p += bytesPer;
    }
  }
  return { channels, sampleRate: f.sampleRate };
}

/** 16-bit PCM WAV of mono samples (clipped to [-1, 1]). */
export function encodeWav16(samples: Float32Array, sampleRate: number): ArrayBuffer {
  const buf = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(buf);
  const ascii = (o: number, s: string) => [...s].forEach((ch, i) => v.setUint8(o + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) v.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32767), true);
  return buf;
}
