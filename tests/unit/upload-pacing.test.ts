import { describe, expect, it } from 'vitest';
import { createPartPacer, FIRST_PACED_PART_BYTES, MIN_PACED_PART_BYTES } from '../../src/upload/upload-pacing';
import { MAX_PART_BYTES } from '../../src/upload/protocol';

describe('upload pacing', () => {
  it('starts small, then sizes parts to about one second of the measured uplink, without the round trip', () => {
    const pacer = createPartPacer({ maxPartBytes: MAX_PART_BYTES });
    expect(pacer.nextPartBytes()).toBe(FIRST_PACED_PART_BYTES);
    pacer.observeRoundTrip(2000);
    // Slow 3G: 50,000 bytes/s up, 2 s round trip; a 32 KiB part takes 2 s + 0.655 s.
    pacer.observePart(32 * 1024, 2000 + (32 * 1024 * 1000) / 50_000);
    expect(pacer.uplinkBytesPerSec()).toBeCloseTo(50_000, 0);
    expect(pacer.nextPartBytes()).toBe(50_000);
  });

  it('grows to the largest part on a fast link and never goes under the smallest on a crawling one', () => {
    const fast = createPartPacer({ maxPartBytes: 256 * 1024 });
    fast.observeRoundTrip(20);
    fast.observePart(32 * 1024, 25);
    expect(fast.nextPartBytes()).toBe(256 * 1024);

    const crawl = createPartPacer({ maxPartBytes: 256 * 1024 });
    crawl.observeRoundTrip(3000);
    crawl.observePart(32 * 1024, 3000 + 32_000);
    expect(crawl.nextPartBytes()).toBe(MIN_PACED_PART_BYTES);
  });

  it('averages a slow part with the estimate before it, and never takes a part for free when the round trip was measured quieter', () => {
    const pacer = createPartPacer({ maxPartBytes: MAX_PART_BYTES });
    pacer.observeRoundTrip(100);
    pacer.observePart(100_000, 1100); // 100,000 B/s
    pacer.observePart(100_000, 2100); // 50,000 B/s
    expect(pacer.uplinkBytesPerSec()).toBe(75_000);
    const quiet = createPartPacer({ maxPartBytes: MAX_PART_BYTES });
    quiet.observeRoundTrip(2000);
    // Answered faster than the round trip measured before: counted as a tenth of its time on the link, not as infinitely fast.
    quiet.observePart(20_000, 1000);
    expect(quiet.uplinkBytesPerSec()).toBe(200_000);
  });
});
