import { describe, expect, it } from 'vitest';
import { connectionQuality, describeConnection } from '../../src/domain/connection-quality';

const kbit = (n: number) => (n * 1000) / 8;

describe('connection quality', () => {
  it("calls Chrome's presets what they are for a candidate's answers", () => {
    expect(connectionQuality({ rttMs: 2000, downBytesPerSec: kbit(400), upBytesPerSec: kbit(400) })).toBe('slow'); // Slow 3G
    expect(connectionQuality({ rttMs: 562.5, downBytesPerSec: kbit(1440), upBytesPerSec: kbit(675) })).toBe('slow'); // Fast 3G
    expect(connectionQuality({ rttMs: 40, downBytesPerSec: kbit(20_000), upBytesPerSec: kbit(5000) })).toBe('good');
    expect(connectionQuality({ rttMs: 1, downBytesPerSec: Infinity, upBytesPerSec: Infinity })).toBe('good'); // loopback
    expect(connectionQuality(null)).toBe('offline');
  });

  it('is very slow when every exchange takes seconds or either direction crawls, and good only when all three are', () => {
    expect(connectionQuality({ rttMs: 3000, downBytesPerSec: kbit(5000), upBytesPerSec: kbit(5000) })).toBe('very-slow');
    expect(connectionQuality({ rttMs: 100, downBytesPerSec: kbit(5000), upBytesPerSec: kbit(63) })).toBe('very-slow');
    expect(connectionQuality({ rttMs: 100, downBytesPerSec: kbit(63), upBytesPerSec: kbit(5000) })).toBe('very-slow');
    expect(connectionQuality({ rttMs: 100, downBytesPerSec: kbit(64), upBytesPerSec: kbit(64) })).toBe('slow');
    expect(connectionQuality({ rttMs: 301, downBytesPerSec: kbit(50_000), upBytesPerSec: kbit(50_000) })).toBe('slow');
    expect(connectionQuality({ rttMs: 300, downBytesPerSec: kbit(1500), upBytesPerSec: kbit(500) })).toBe('good');
    expect(connectionQuality({ rttMs: 300, downBytesPerSec: kbit(1499), upBytesPerSec: kbit(500) })).toBe('slow');
    expect(connectionQuality({ rttMs: 300, downBytesPerSec: kbit(1500), upBytesPerSec: kbit(499) })).toBe('slow');
  });

  it('says what happens to the answers, with the figures, and offers a model only on a good link', () => {
    expect(describeConnection({ rttMs: 2000, downBytesPerSec: kbit(400), upBytesPerSec: kbit(400) })).toEqual({
      quality: 'slow',
      summary: 'Slow connection: your answers upload after each question. You can go on while they do.',
      figures: 'Measured: 2.0 s round trip, 400 kbit/s down, 400 kbit/s up.',
      mayOfferModel: false,
    });
    expect(describeConnection({ rttMs: 12.4, downBytesPerSec: Infinity, upBytesPerSec: kbit(2500) })).toEqual({
      quality: 'good',
      summary: 'Good connection: your answers upload while you go on.',
      figures: 'Measured: 12 ms round trip, too fast to time down, 2.5 Mbit/s up.',
      mayOfferModel: true,
    });
    expect(describeConnection({ rttMs: 4000, downBytesPerSec: kbit(30), upBytesPerSec: kbit(20) })).toMatchObject({
      quality: 'very-slow',
      summary: 'Very slow connection: your answers are kept on this device and upload later, when the connection allows.',
      mayOfferModel: false,
    });
    expect(describeConnection(null)).toEqual({
      quality: 'offline',
      summary: 'You are offline: your answers are kept on this device and upload later, when the connection is back.',
      figures: null,
      mayOfferModel: false,
    });
  });
});
