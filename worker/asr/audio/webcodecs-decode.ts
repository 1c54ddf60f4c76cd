/**
 * Decodes a recorded answer in the worker with WebCodecs' AudioDecoder, after demuxing WebM or Ogg. Opus always
 * decodes at 48 kHz; the result goes on to the resampler. Browsers without AudioDecoder in workers get an
 * 'unsupported-audio' error and the client decodes on the main thread instead.
 */
import { AsrError } from '../errors';
import type { DecodedAudio } from '../platform';
import { demux } from './demux';

export function webCodecsAvailable(): boolean {
  return typeof AudioDecoder !== 'undefined' && typeof EncodedAudioChunk !== 'undefined';
}

export async function decodeWithWebCodecs(bytes: ArrayBuffer, mimeType: string): Promise<DecodedAudio> {
  const demuxed = demux(new Uint8Array(bytes), mimeType);
  const opusRate = 48000;
  const config: AudioDecoderConfig = {
    codec: demuxed.codec,
    sampleRate: demuxed.codec === 'opus' ? opusRate : demuxed.sampleRate,
    numberOfChannels: demuxed.channels,
    ...(demuxed.description ? { description: demuxed.description as Uint8Array<ArrayBuffer> } : {}),
  };
  const support = await AudioDecoder.isConfigSupported(config).catch(() => null);
  if (!support?.supported) throw new AsrError('unsupported-audio', `this browser cannot decode ${demuxed.codec} (${mimeType || 'unknown type'}) in the background`, true);

  const chunks: Float32Array[][] = [];
  let sampleRate = config.sampleRate;
  let failure: unknown = null;
  const decoder = new AudioDecoder({
    output: (data) => {
      sampleRate = data.sampleRate;
      const planes: Float32Array[] = [];
      for (let c = 0; c < data.numberOfChannels; c++) {
        const plane = new Float32Array(data.numberOfFrames);
        data.copyTo(plane, { planeIndex: c, format: 'f32-planar' });
        planes.push(plane);
      }
      chunks.push(planes);
      data.close();
    },
    error: (e) => {
      failure = e;
    },
  });
  try {
    decoder.configure(config);
    for (const p of demuxed.packets) {
      decoder.decode(new EncodedAudioChunk({ type: 'key', timestamp: p.timestampUs, data: p.data as Uint8Array<ArrayBuffer> }));
    }
    await decoder.flush();
  } catch (err) {
    failure ??= err;
  } finally {
    if (decoder.state !== 'closed') decoder.close();
  }
  // Keep what decoded before a damaged packet: a partly corrupt answer is better transcribed than lost.
  if (failure && chunks.length === 0) throw new AsrError('corrupt-audio', 'the recording is damaged and could not be decoded', false, String(failure));
  const channels = Math.max(1, ...chunks.map((c) => c.length));
  const frames = chunks.reduce((n, c) => n + (c[0]?.length ?? 0), 0);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let offset = 0;
  for (const c of chunks) {
    for (let ch = 0; ch < channels; ch++) out[ch]!.set(c[Math.min(ch, c.length - 1)]!, offset);
    offset += c[0]?.length ?? 0;
  }
  return { channels: out, sampleRate };
}
