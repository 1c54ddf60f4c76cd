/**
 * Minimal demuxers for what browsers record: WebM/Matroska (Chrome, Edge: audio/webm;codecs=opus) and Ogg (Firefox:
 * audio/ogg;codecs=opus). They extract the Opus packets and the codec header for WebCodecs, and nothing else. A
 * recording cut short (tab closed, crash) yields every complete packet before the cut, so a partial answer still
 * decodes. Pure functions over bytes.
 */
import { AsrError } from '../errors';

export interface DemuxedAudio {
  codec: 'opus' | 'vorbis' | string;
  sampleRate: number;
  channels: number;
  /** Codec setup header (OpusHead for Opus), passed to the decoder as its description. */
  description: Uint8Array | null;
  packets: { data: Uint8Array; timestampUs: number }[];
  /** True when the file ended in the middle of an element or page. */
  truncated: boolean;
}

export function sniffContainer(bytes: Uint8Array): 'webm' | 'ogg' | null {
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  if (bytes.length >= 4 && bytes[0] === 0x4f && bytes[1] === 0x67 && bytes[2] === 0x67 && bytes[3] === 0x53) return 'ogg';
  return null;
}

export function demux(bytes: Uint8Array, mimeType = ''): DemuxedAudio {
  const kind = sniffContainer(bytes);
  const result = kind === 'webm' ? demuxWebm(bytes) : kind === 'ogg' ? demuxOgg(bytes) : null;
  if (!result) {
    // Labelled as a format we read, yet without its signature: the file is damaged, not merely unfamiliar.
    if (/webm|ogg|opus/i.test(mimeType)) throw new AsrError('corrupt-audio', 'the recording is damaged (not a readable WebM or Ogg file)', false);
    throw new AsrError('unsupported-audio', `recordings of type ${mimeType || 'unknown'} cannot be decoded in the background`, true);
  }
  if (result.packets.length === 0) throw new AsrError('corrupt-audio', 'the recording is damaged (it holds no audio)', false);
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// WebM / Matroska (EBML)

const ID = {
  Segment: 0x18538067,
  Cluster: 0x1f43b675,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
} as const;

/** Master elements whose children we need; everything else is skipped by size. */
const DESCEND = new Set<number>([ID.Segment, ID.Cluster, ID.Tracks, ID.TrackEntry, ID.Audio, ID.BlockGroup, ID.Info]);

function readVint(b: Uint8Array, pos: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  if (pos >= b.length) return null;
  const first = b[pos]!;
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || pos + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[pos + i]!;
    if (b[pos + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(b: Uint8Array, pos: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + b[pos + i]!;
  return v;
}

function readFloat(b: Uint8Array, pos: number, size: number): number {
  const view = new DataView(b.buffer, b.byteOffset + pos, size);
  return size === 4 ? view.getFloat32(0) : view.getFloat64(0);
}

export function demuxWebm(b: Uint8Array): DemuxedAudio {
  const tracks: { number: number; type: number; codec: string; priv: Uint8Array | null; rate: number; channels: number }[] = [];
  let current: (typeof tracks)[number] | null = null;
  let clusterTimecode = 0;
  let timecodeScale = 1_000_000; // ns per tick
  const blocks: { track: number; data: Uint8Array; time: number }[] = [];
  let truncated = false;
  let pos = 0;
  while (pos < b.length) {
    const id = readVint(b, pos, true);
    const size = id ? readVint(b, pos + id.length, false) : null;
    if (!id || !size) {
      truncated = true;
      break;
    }
    const body = pos + id.length + size.length;
    if (DESCEND.has(id.value)) {
      if (id.value === ID.TrackEntry) {
        current = { number: 0, type: 0, codec: '', priv: null, rate: 48000, channels: 1 };
        tracks.push(current);
      }
      pos = body;
      continue;
    }
    if (size.unknown) throw new AsrError('corrupt-audio', 'the recording is damaged (an element of unknown size)', false);
    const end = body + size.value;
    if (end > b.length) {
      truncated = true;
      break;
    }
    switch (id.value) {
      case ID.TrackNumber:
        if (current) current.number = readUint(b, body, size.value);
        break;
      case ID.TrackType:
        if (current) current.type = readUint(b, body, size.value);
        break;
      case ID.CodecID:
        if (current) current.codec = new TextDecoder().decode(b.subarray(body, end));
        break;
      case ID.CodecPrivate:
        if (current) current.priv = b.slice(body, end);
        break;
      case ID.SamplingFrequency:
        if (current) current.rate = readFloat(b, body, size.value);
        break;
      case ID.Channels:
        if (current) current.channels = readUint(b, body, size.value);
        break;
      case ID.TimecodeScale:
        timecodeScale = readUint(b, body, size.value);
        break;
      case ID.Timecode:
        clusterTimecode = readUint(b, body, size.value);
        break;
      case ID.SimpleBlock:
      case ID.Block: {
        const track = readVint(b, body, false);
        if (!track || body + track.length + 3 > end) throw new AsrError('corrupt-audio', 'the recording is damaged (a broken audio block)', false);
        const view = new DataView(b.buffer, b.byteOffset + body + track.length, 2);
        const relative = view.getInt16(0);
        const flags = b[body + track.length + 2]!;
        const lacing = (flags >> 1) & 3;
        const payload = b.subarray(body + track.length + 3, end);
        const time = ((clusterTimecode + relative) * timecodeScale) / 1000; // microseconds
        if (lacing === 0) blocks.push({ track: track.value, data: payload, time });
        else if (lacing === 2) {
          // fixed-size lacing: count-1 in the first byte, equal sizes
          const count = payload[0]! + 1;
          const each = (payload.length - 1) / count;
          if (!Number.isInteger(each)) throw new AsrError('corrupt-audio', 'the recording is damaged (bad lacing)', false);
          for (let i = 0; i < count; i++) blocks.push({ track: track.value, data: payload.subarray(1 + i * each, 1 + (i + 1) * each), time: time + i });
        } else throw new AsrError('unsupported-audio', 'this WebM lacing is not supported', true);
        break;
      }
      default:
        break;
    }
    pos = end;
  }
  const audio = tracks.find((t) => t.type === 2 || t.codec.startsWith('A_'));
  if (!audio) throw new AsrError('corrupt-audio', 'the recording is damaged (no audio track)', false);
  const codec = audio.codec === 'A_OPUS' ? 'opus' : audio.codec === 'A_VORBIS' ? 'vorbis' : audio.codec;
  const packets = blocks.filter((x) => x.track === audio.number).map((x) => ({ data: x.data, timestampUs: Math.round(x.time) }));
  return { codec, sampleRate: audio.rate, channels: audio.channels, description: audio.priv, packets, truncated };
}

// ---------------------------------------------------------------------------------------------------------------
// Ogg

export function demuxOgg(b: Uint8Array): DemuxedAudio {
  const packets: Uint8Array[] = [];
  let partial: Uint8Array[] = [];
  let serial: number | null = null;
  let truncated = false;
  let pos = 0;
  while (pos + 27 <= b.length) {
    if (b[pos] !== 0x4f || b[pos + 1] !== 0x67 || b[pos + 2] !== 0x67 || b[pos + 3] !== 0x53) {
      throw new AsrError('corrupt-audio', 'the recording is damaged (lost Ogg page sync)', false);
    }
    const view = new DataView(b.buffer, b.byteOffset + pos);
    const pageSerial = view.getUint32(14, true);
    const segments = b[pos + 26]!;
    const tableEnd = pos + 27 + segments;
    if (tableEnd > b.length) {
      truncated = true;
      break;
    }
    let dataLen = 0;
    for (let i = 0; i < segments; i++) dataLen += b[pos + 27 + i]!;
    if (tableEnd + dataLen > b.length) {
      truncated = true;
      break;
    }
    serial ??= pageSerial;
    let at = tableEnd;
    for (let i = 0; i < segments; i++) {
      const len = b[pos + 27 + i]!;
      if (pageSerial === serial) partial.push(b.subarray(at, at + len));
      at += len;
      if (len < 255 && pageSerial === serial) {
        packets.push(concat(partial));
        partial = [];
      }
    }
    pos = tableEnd + dataLen;
  }
  if (pos < b.length) truncated = true;
  const head = packets[0];
  if (!head || head.length < 19 || new TextDecoder().decode(head.subarray(0, 8)) !== 'OpusHead') {
    throw new AsrError('unsupported-audio', 'only Opus is supported in Ogg recordings', true);
  }
  const channels = head[9]!;
  const rate = new DataView(head.buffer, head.byteOffset + 12, 4).getUint32(0, true) || 48000;
  // packets[1] is OpusTags; audio follows. Opus frames are at most 120 ms; timestamps only need to be increasing.
  const audioPackets = packets.slice(2).map((data, i) => ({ data, timestampUs: i * 20_000 }));
  return { codec: 'opus', sampleRate: rate, channels, description: head, packets: audioPackets, truncated };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
