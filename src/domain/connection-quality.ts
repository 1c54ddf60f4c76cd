/**
 * The guest's connection in words (#18 item 4): the technical check measures the round trip and the throughput
 * each way, and this rule turns the figures into what they mean for the candidate's answers. Also decides
 * whether a speech model may be offered at all: only on a good link (a model is tens of megabytes; on a slow
 * link its code is not even fetched).
 *
 * Pure: numbers in, words out.
 */

export type ConnectionQuality = 'good' | 'slow' | 'very-slow' | 'offline';

export interface ConnectionMeasurement {
  /** The shortest round trip of a request with no body, ms. */
  rttMs: number;
  /** Bytes per second, with the round trip taken out; Infinity when too fast to time. */
  downBytesPerSec: number;
  upBytesPerSec: number;
}

/** Good: web pages feel quick and a 2-minute answer (about 360 KB) uploads in a couple of seconds. */
export const GOOD = { maxRttMs: 300, minDownBytesPerSec: 1_500_000 / 8, minUpBytesPerSec: 500_000 / 8 } as const;
/** Very slow: below this a 2-minute answer takes most of a minute to upload, or every exchange takes seconds. */
export const VERY_SLOW = { minRttMs: 3000, maxBytesPerSec: 64_000 / 8 } as const;

export function connectionQuality(m: ConnectionMeasurement | null): ConnectionQuality {
  if (!m) return 'offline';
  if (m.rttMs >= VERY_SLOW.minRttMs || m.downBytesPerSec < VERY_SLOW.maxBytesPerSec || m.upBytesPerSec < VERY_SLOW.maxBytesPerSec) return 'very-slow';
  if (m.rttMs <= GOOD.maxRttMs && m.downBytesPerSec >= GOOD.minDownBytesPerSec && m.upBytesPerSec >= GOOD.minUpBytesPerSec) return 'good';
  return 'slow';
}

export interface ConnectionWords {
  quality: ConnectionQuality;
  /** One sentence: what the connection is and what happens to the answers. */
  summary: string;
  /** The figures, for a person helping the candidate; null when offline. */
  figures: string | null;
  /** A speech model may be offered for download on this device. */
  mayOfferModel: boolean;
}

const SUMMARY: Record<ConnectionQuality, string> = {
  good: 'Good connection: your answers upload while you go on.',
  slow: 'Slow connection: your answers upload after each question. You can go on while they do.',
  'very-slow': 'Very slow connection: your answers are kept on this device and upload later, when the connection allows.',
  offline: 'You are offline: your answers are kept on this device and upload later, when the connection is back.',
};

function rate(bytesPerSec: number): string {
  if (!Number.isFinite(bytesPerSec)) return 'too fast to time';
  const kbit = (bytesPerSec * 8) / 1000;
  return kbit >= 1000 ? `${(kbit / 1000).toFixed(1)} Mbit/s` : `${Math.round(kbit)} kbit/s`;
}

function roundTrip(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function describeConnection(m: ConnectionMeasurement | null): ConnectionWords {
  const quality = connectionQuality(m);
  return {
    quality,
    summary: SUMMARY[quality],
    figures: m ? `Measured: ${roundTrip(m.rttMs)} round trip, ${rate(m.downBytesPerSec)} down, ${rate(m.upBytesPerSec)} up.` : null,
    mayOfferModel: quality === 'good',
  };
}
