/**
 * bench:sync's young-generation figures (tests/support/young-generation.ts): a process that allocates much and keeps
 * little reports about what it allocated, a promotion of about what it kept, and the next interval starts afresh.
 */
import { describe, expect, it } from 'vitest';
import { YoungGenerationMeter } from '../support/young-generation';

describe('young generation meter', () => {
  it('counts what was allocated and what the scavenges promoted, per interval', () => {
    const meter = new YoungGenerationMeter();
    meter.report(); // from here on
    // About 200 MB of short-lived objects (each array dies at once), and 100,000 records of ~100 bytes kept.
    const kept: Array<{ i: number; s: string }> = [];
    // A ring of 64: each array escapes (so the optimizer cannot leave it out) and dies 64 iterations later.
    const ring: number[][] = new Array<number[]>(64);
    let sink = 0;
    for (let i = 0; i < 2_000_000; i++) {
      const short = [i, i + 1, i + 2, i + 3, i + 4, i + 5, i + 6, i + 7, i + 8, i + 9];
      ring[i % 64] = short;
      sink += short.length;
      if (i % 20 === 0) kept.push({ i, s: `record ${i} kept until the end of the test` });
    }
    const r = meter.report();
    expect(sink).toBe(20_000_000);
    expect(r.scavenges).toBeGreaterThan(0);
    expect(r.allocatedBytes).toBeGreaterThan(100e6);
    // The kept records outlive the scavenges: at least half of their ~10 MB is promoted, far from all that was allocated.
    expect(r.promotedBytes).toBeGreaterThan(5e6);
    expect(r.promotedBytes).toBeLessThan(r.allocatedBytes / 4);
    expect(kept.length).toBe(100_000);
    // A fresh interval: nothing of the loop above counts again.
    expect(meter.report().allocatedBytes).toBeLessThan(1e6);
  });
});
