import { describe, expect, it } from 'vitest';
import {
  createPartPacer,
  createPartTimer,
  fittedFixedMs,
  FIRST_PACED_PART_BYTES,
  MAX_PART_TARGET_MS,
  MIN_PACED_PART_BYTES,
  PART_TARGET_MS,
  partElapsedMs,
  type PartPacer,
  type PartTimeline,
} from '../../src/upload/upload-pacing';
import { MAX_PART_BYTES, DEFAULT_PART_BYTES } from '../../src/upload/protocol';

/** A link as the uploader sees it: every request costs `fixedMs` (round trip and server), then its bytes at `bytesPerSec`. */
interface Link {
  fixedMs: number;
  bytesPerSec: number;
}
const timeOn = (link: Link, bytes: number) => link.fixedMs + (bytes / link.bytesPerSec) * 1000;

/** Sends `count` parts as the uploader does (ask the size, send, tell the time) and returns what each part did. */
function sendParts(pacer: PartPacer, count: number, link: Link | ((i: number) => Link), extraMs: (i: number) => number = () => 0) {
  const sent: { bytes: number; linkMs: number }[] = [];
  for (let i = 0; i < count; i++) {
    const l = typeof link === 'function' ? link(i) : link;
    const bytes = pacer.nextPartBytes();
    pacer.observePart(bytes, timeOn(l, bytes) + extraMs(i));
    sent.push({ bytes, linkMs: (bytes / l.bytesPerSec) * 1000 });
  }
  return sent;
}

const THIN: Link = { fixedMs: 300, bytesPerSec: 64_000 };
const SLOW_3G: Link = { fixedMs: 2000, bytesPerSec: 50_000 };
const LOOPBACK: Link = { fixedMs: 2, bytesPerSec: 500_000_000 };

describe('upload pacing', () => {
  it('starts small, then sizes parts by the measured uplink, without the round trip', () => {
    const pacer = createPartPacer({ maxPartBytes: MAX_PART_BYTES });
    expect(pacer.nextPartBytes()).toBe(FIRST_PACED_PART_BYTES);
    pacer.observeRoundTrip(SLOW_3G.fixedMs);
    const sent = sendParts(pacer, 6, SLOW_3G);
    // Slow 3G: 50,000 bytes/s up and a 2 s round trip. Two parts of different sizes tell the round trip exactly.
    expect(pacer.roundTripMs()).toBeCloseTo(2000, 3);
    expect(pacer.uplinkBytesPerSec()).toBeCloseTo(50_000, 0);
    // The round trip is over a second, so a part is the longest allowed: 1.5 s of the measured 50,000 bytes/s.
    expect(pacer.nextPartBytes()).toBe(75_000);
    for (const part of sent) expect(part.linkMs).toBeLessThanOrEqual(MAX_PART_TARGET_MS);

    // The same measurement on a link whose round trip is under a second: a part is one second of it.
    const thin = createPartPacer({ maxPartBytes: MAX_PART_BYTES });
    thin.observeRoundTrip(THIN.fixedMs);
    sendParts(thin, 6, THIN);
    expect(thin.roundTripMs()).toBeCloseTo(300, 3);
    expect(thin.nextPartBytes()).toBe(64_000);
  });

  it('a 2 s round trip: parts are longer than a second of the link, so 1 MiB goes in fewer round trips, and never longer than 1.5 s', () => {
    // With one part in flight the uplink idles for each part's whole round trip: 1 s parts on Slow 3G used it a
    // third of the time (bench:slow-network: 1 MiB in 75.1 s, 25 parts of 32-50 KiB).
    const upload = (link: Link) => {
      const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
      pacer.observeRoundTrip(link.fixedMs);
      let left = 1024 * 1024;
      let ms = link.fixedMs;
      const sent: { bytes: number; linkMs: number }[] = [];
      while (left > 0) {
        const bytes = Math.min(left, pacer.nextPartBytes());
        pacer.observePart(bytes, timeOn(link, bytes));
        ms += timeOn(link, bytes);
        left -= bytes;
        sent.push({ bytes, linkMs: (bytes / link.bytesPerSec) * 1000 });
      }
      return { ms, sent };
    };
    const slow3g = upload(SLOW_3G);
    // From the third part to the one before the remainder, every part is over a second of the uplink (the smaller
    // probe parts too), and none is over 1.5 s: a sync frame behind a part waits less than the round trip.
    for (const part of slow3g.sent.slice(2, -1)) {
      expect(part.linkMs).toBeGreaterThan(PART_TARGET_MS);
      expect(part.linkMs).toBeLessThanOrEqual(MAX_PART_TARGET_MS);
    }
    // 21 s of uplink: 73 s in 25 parts with 1 s parts; under 60 s now.
    expect(slow3g.sent.length).toBeLessThanOrEqual(18);
    expect(slow3g.ms).toBeLessThan(60_000);

    // A longer round trip (a satellite link, a congested cell) does not make parts longer than 1.5 s of the link.
    const satellite = upload({ fixedMs: 5000, bytesPerSec: 50_000 });
    for (const part of satellite.sent) expect(part.linkMs).toBeLessThanOrEqual(MAX_PART_TARGET_MS);
  });

  it('grows to the largest part on a fast link and never goes under the smallest on a crawling one', () => {
    const fast = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    fast.observeRoundTrip(2);
    const sent = sendParts(fast, 6, LOOPBACK);
    // At most doubling per part: 32, 64, 128, then the largest (no smaller probe parts where the link is not the limit).
    expect(sent.map((p) => p.bytes / 1024)).toEqual([32, 64, 128, 256, 256, 256]);

    const crawl = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    crawl.observeRoundTrip(3000);
    sendParts(crawl, 5, { fixedMs: 3000, bytesPerSec: 1000 });
    expect(crawl.nextPartBytes()).toBe(MIN_PACED_PART_BYTES);
  });

  it('fits the fixed cost per request on parts of different sizes, and not on parts of one size', () => {
    expect(fittedFixedMs([{ bytes: 32_000, ms: 800 }, { bytes: 64_000, ms: 1300 }])).toBeCloseTo(300, 6);
    expect(fittedFixedMs([{ bytes: 64_000, ms: 800 }, { bytes: 64_000, ms: 1300 }])).toBeNull();
    // Larger parts answered faster: the link is not what the time shows.
    expect(fittedFixedMs([{ bytes: 32_000, ms: 1300 }, { bytes: 64_000, ms: 800 }])).toBeNull();
    // One stalled part among five does not move the median slope.
    const parts = [16_000, 32_000, 48_000, 64_000, 80_000].map((bytes) => ({ bytes, ms: timeOn(THIN, bytes) }));
    parts[2]!.ms += 8000;
    expect(fittedFixedMs(parts)).toBeCloseTo(300, 6);
  });

  // Recorded sequences: what the integration test's thin link and a real guest's create meet under load.
  it('a slow first request then a fast link: the parts are sized by the link, not by the slow create', () => {
    const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    // The create met a busy server: 3 s for a bare request on a 300 ms link.
    pacer.observeRoundTrip(3000);
    const sent = sendParts(pacer, 10, THIN);
    expect(sent[0]!.bytes).toBe(FIRST_PACED_PART_BYTES);
    // Never more than twice the part before, so the create's error costs at most one larger part…
    expect(sent[1]!.bytes).toBeLessThanOrEqual(2 * FIRST_PACED_PART_BYTES);
    // …and from the third part on every part is about a second of the uplink (the old pacer sent 256 KiB, 4 s).
    for (const part of sent.slice(2)) {
      expect(part.linkMs).toBeGreaterThan(700);
      expect(part.linkMs).toBeLessThan(1300);
    }
    expect(pacer.roundTripMs()).toBeCloseTo(300, 3);
  });

  it('a fast link then a slow one: the parts shrink after the first slow part', () => {
    const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    pacer.observeRoundTrip(20);
    const link = (i: number): Link => (i < 6 ? { fixedMs: 20, bytesPerSec: 10_000_000 } : { fixedMs: 300, bytesPerSec: 50_000 });
    const sent = sendParts(pacer, 14, link);
    expect(sent[5]!.bytes).toBe(DEFAULT_PART_BYTES);
    // The first part on the slow link was sized for the fast one (unavoidable: nothing had shown the change).
    expect(sent[6]!.linkMs).toBeGreaterThan(5000);
    // The next is under a third of it, and from the third slow part on every part is about a second.
    expect(sent[7]!.bytes).toBeLessThan(DEFAULT_PART_BYTES / 3);
    for (const part of sent.slice(8)) {
      expect(part.linkMs).toBeGreaterThan(600);
      expect(part.linkMs).toBeLessThan(1500);
    }
  });

  it('a stall: the next parts shrink, then grow back to a second of the link once parts are fast again', () => {
    const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    pacer.observeRoundTrip(THIN.fixedMs);
    // Part 5 waits 8 s on top of its time (a retransmission, a radio handover).
    const sent = sendParts(pacer, 20, THIN, (i) => (i === 5 ? 8000 : 0));
    const steady = sent[4]!.bytes;
    expect(steady).toBeGreaterThan(0.9 * THIN.bytesPerSec);
    expect(steady).toBeLessThan(1.1 * THIN.bytesPerSec);
    expect(sent[6]!.bytes).toBeLessThan(steady / 2);
    // Back to a second of the link (every other part three quarters of it) within three parts.
    for (const part of sent.slice(9)) {
      expect(part.linkMs).toBeGreaterThan(700);
      expect(part.linkMs).toBeLessThanOrEqual(1000);
    }
  });

  it('a loaded machine: parts stay near a second of the link when every request waits up to 400 ms more at random', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
    pacer.observeRoundTrip(2500);
    const sent = sendParts(pacer, 30, THIN, () => random() * 400);
    for (const part of sent.slice(2)) {
      expect(part.bytes).toBeGreaterThanOrEqual(MIN_PACED_PART_BYTES);
      // Never twice a second of the uplink: a sync frame waits behind at most one short part.
      expect(part.linkMs).toBeLessThan(2000);
    }
  });

  describe('a part sent while the one before it is on its way', () => {
    it('is timed from when the bytes ahead of it left, not from when it was sent', () => {
      // Slow 3G: 50,000 bytes/s up, 2 s fixed cost per request. A, 100,000 bytes, is sent at 0: its bytes leave from 0
      // to 2 s and it is answered at 4 s. B, 50,000 bytes, is sent at 1 s (the rate estimate had A gone by then): its
      // bytes leave from 2 s to 3 s, behind A's, and it is answered at 5 s.
      const a: PartTimeline = { sentAt: 0, answeredAt: 4000 };
      const b: PartTimeline = { sentAt: 1000, answeredAt: 5000 };
      // Its own second on the uplink plus the fixed cost, not the 4 s since it was sent.
      expect(partElapsedMs(b, a, 2000)).toBe(3000);
      // A fixed cost taken too high (the create met a busy server) only adds to the fixed part of the time, which the
      // pacer's fit takes out again: the time beyond it is still B's second on the uplink.
      expect(partElapsedMs(b, a, 2600)).toBe(3600);
      // Sent after A's bytes had left (the link idle): timed from when it was sent.
      expect(partElapsedMs({ sentAt: 2500, answeredAt: 5500 }, a, 2000)).toBe(3000);
      // Nothing was ahead of it, or nothing is known of the fixed cost yet: from when it was sent.
      expect(partElapsedMs(b, null, 2000)).toBe(4000);
      expect(partElapsedMs(b, a, null)).toBe(4000);
      // The answers came the other way round: nothing to learn from it.
      expect(partElapsedMs(a, b, 2000)).toBeNull();
      // A took over 1.5 times what the estimate said (late): its answer says nothing of when its bytes left, so B is timed
      // from its send (when the uploader reckoned they had left), not from that answer…
      expect(partElapsedMs({ sentAt: 1000, answeredAt: 6500 }, { ...a, late: true }, 2000)).toBe(5500);
      // …and not at all where B's answer came right behind A's (100 ms, under half B's 1.1 s beyond the fixed cost): a
      // stalled server held both answers.
      expect(partElapsedMs({ sentAt: 1000, answeredAt: 4100 }, { ...a, late: true }, 2000)).toBeNull();
    });

    /**
     * An upload as upload-recording.ts sends it, on a FIFO uplink: the first part alone, then the next part once the one
     * before it should have left by the pacer's rate (unless the first part in flight is answered sooner, which is
     * then handled first), at most two on their way. Each part's bytes leave after those ahead of them at the link's
     * rate at the time, and its answer comes the fixed cost after its last byte left, plus `lateMs` for that part (a busy
     * or stalled server). Times are the model's clock.
     */
    function uploadOn(link: (atMs: number) => Link, totalBytes: number, lateMs: (part: number) => number = () => 0) {
      const pacer = createPartPacer({ maxPartBytes: DEFAULT_PART_BYTES });
      const timer = createPartTimer(pacer);
      pacer.observeRoundTrip(link(0).fixedMs);
      let now = 0;
      let uplinkFreeAt = 0;
      let offset = 0;
      let lastAnswerAt = 0;
      const inFlight: Array<PartTimeline & { bytes: number; leftAt: number | null; uplinkMs: number }> = [];
      const parts: Array<{ bytes: number; sentAt: number; uplinkMs: number; rate: number }> = [];
      const send = () => {
        const bytes = Math.min(pacer.nextPartBytes(), totalBytes - offset);
        const rate = pacer.uplinkBytesPerSec();
        const l = link(now);
        const uplinkMs = (bytes / l.bytesPerSec) * 1000;
        uplinkFreeAt = Math.max(now, uplinkFreeAt) + uplinkMs;
        const ahead = inFlight.at(-1);
        const leftAt = rate === null ? null : Math.max(now, ahead?.leftAt ?? now) + (bytes / rate) * 1000;
        // The server stores parts in order: a part behind one whose answer is late is answered no sooner.
        lastAnswerAt = Math.max(uplinkFreeAt + l.fixedMs + lateMs(parts.length + inFlight.length), lastAnswerAt);
        inFlight.push({ bytes, sentAt: now, answeredAt: lastAnswerAt, leftAt, uplinkMs });
        offset += bytes;
      };
      while (offset < totalBytes || inFlight.length > 0) {
        const ahead = inFlight.at(-1);
        if (offset < totalBytes && inFlight.length < 2 && (!ahead || (ahead.leftAt !== null && Math.max(now, ahead.leftAt) < inFlight[0]!.answeredAt))) {
          if (ahead) now = Math.max(now, ahead.leftAt!);
          send();
          continue;
        }
        const part = inFlight.shift()!;
        now = Math.max(now, part.answeredAt);
        // Every answer in line at its first try, as upload-recording.ts tells them.
        timer.answered(part.bytes, { sentAt: part.sentAt, answeredAt: part.answeredAt });
        parts.push({ bytes: part.bytes, sentAt: part.sentAt, uplinkMs: part.uplinkMs, rate: pacer.uplinkBytesPerSec()! });
      }
      return { ms: now, parts };
    }

    it('a link that slows down: the rate follows it and no part holds the uplink much past 1.5 s', () => {
      // Slow 3G, then from 10 s in another app takes a fifth of the uplink. Parts sent at the old rate's estimate go
      // out early and queue behind the part ahead; counted as their own time, that wait made the link look slower than
      // it was, then the parts that left on time made it look faster: the estimate swung from 36 to 64 KB/s over a link
      // of 40, and a part sized at 64 KB/s held the uplink 2.4 s, a sync frame behind it as long.
      const slower = { fixedMs: 2020, bytesPerSec: 40_000 };
      const { parts } = uploadOn((at) => (at < 10_000 ? SLOW_3G : slower), 1024 * 1024);
      const after = parts.filter((p) => p.sentAt >= 10_000);
      expect(after.length).toBeGreaterThan(8);
      // From the third part after the change on, the rate is within a fifth of the link's.
      for (const p of after.slice(2)) {
        expect(p.rate).toBeGreaterThan(0.8 * slower.bytesPerSec);
        expect(p.rate).toBeLessThan(1.2 * slower.bytesPerSec);
      }
      // And no part but the last holds the uplink for more than 1.5 s and a fifth.
      for (const p of after.slice(2, -1)) expect(p.uplinkMs).toBeLessThanOrEqual(1.2 * MAX_PART_TARGET_MS);
    });

    it('a steady link: two parts in flight keep the uplink busy, each about 1 to 1.5 s of it', () => {
      const { ms, parts } = uploadOn(() => SLOW_3G, 1024 * 1024);
      // 21 s of uplink for 1 MiB, then the last part's fixed cost: about 31 s (one part at a time took 58 s).
      expect(ms).toBeLessThan(33_000);
      for (const p of parts.slice(3, -1)) {
        expect(p.uplinkMs).toBeGreaterThan(PART_TARGET_MS);
        expect(p.uplinkMs).toBeLessThanOrEqual(MAX_PART_TARGET_MS + 1);
        expect(p.rate).toBeCloseTo(SLOW_3G.bytesPerSec, -2);
      }
    });

    const MiB = 1024 * 1024;
    /** The most parts in a row at the smallest size, the last part (the remainder) aside. */
    const longestRunAtMinimum = (parts: Array<{ bytes: number }>) => {
      let run = 0;
      let longest = 0;
      for (const p of parts.slice(0, -1)) longest = Math.max(longest, (run = p.bytes <= MIN_PACED_PART_BYTES ? run + 1 : 0));
      return longest;
    };

    it('one answer 1.5 s late, then a steady link: the parts grow back, and 1 MiB takes about what the steady link takes', () => {
      // The late part and the one answered behind it made the fit take a fixed cost of 0 (every part's whole time counted
      // as uplink time, so the link looked 7 KB/s), and parts went to the 16 KiB minimum. The three-quarter probes were cut
      // to the same 16 KiB, so the fit never saw two sizes again: 16 KiB parts for the rest of the upload, 105 s for 1 MiB
      // where the steady link takes 31 s (late answer to the first part: 117 s).
      const steady = uploadOn(() => SLOW_3G, MiB).ms;
      for (let late = 0; late < 10; late++) {
        const { ms, parts } = uploadOn(() => SLOW_3G, MiB, (i) => (i === late ? 1500 : 0));
        expect(ms, `answer to part ${late} late`).toBeLessThan(steady + 1500 + 10_000);
        for (const p of parts) expect(p.uplinkMs, `answer to part ${late} late`).toBeLessThanOrEqual(1.2 * MAX_PART_TARGET_MS);
        expect(longestRunAtMinimum(parts), `answer to part ${late} late`).toBeLessThanOrEqual(4);
        // Back to parts sized by the link: the last four before the remainder each hold it over 0.75 s (16 KiB: 0.33 s).
        for (const p of parts.slice(-5, -1)) expect(p.uplinkMs, `answer to part ${late} late`).toBeGreaterThan(0.75 * PART_TARGET_MS);
      }
    });

    it('a server that stalls 3 or 8 s: no part after it holds the uplink much past 1.5 s, and the parts grow back', () => {
      // The stall held the answer to the part behind the stalled one too, which came just after it: timed from the late
      // answer, that part seemed to take no uplink time at all, the rate looked three times the link's, and the next two
      // parts held the uplink 3 s each (a sync frame behind them as long).
      const steady = uploadOn(() => SLOW_3G, MiB).ms;
      for (const stalled of [0, 2, 5, 8]) {
        // A 3 s stall makes its part take just under twice the estimate: the parts are not started afresh.
        for (const p of uploadOn(() => SLOW_3G, MiB, (i) => (i === stalled ? 3000 : 0)).parts) {
          expect(p.uplinkMs, `3 s stall at part ${stalled}`).toBeLessThanOrEqual(1.2 * MAX_PART_TARGET_MS);
        }
        const { ms, parts } = uploadOn(() => SLOW_3G, MiB, (i) => (i === stalled ? 8000 : 0));
        for (const p of parts) expect(p.uplinkMs, `stall at part ${stalled}`).toBeLessThanOrEqual(MAX_PART_TARGET_MS + 1);
        // The stall itself, and at most 5 s more while the estimate finds the link again.
        expect(ms, `stall at part ${stalled}`).toBeLessThan(steady + 8000 + 5000);
        expect(longestRunAtMinimum(parts), `stall at part ${stalled}`).toBeLessThanOrEqual(4);
        for (const p of parts.slice(-5, -1)) expect(p.uplinkMs, `stall at part ${stalled}`).toBeGreaterThan(0.75 * PART_TARGET_MS);
      }
    });

    it('every answer up to 1.2 s late at random: no upload is held at the smallest parts', () => {
      // A busy server on Slow 3G, 20 random runs. The old fit locked in one of them: 125 s for 1 MiB in 16 KiB parts.
      const steady = uploadOn(() => SLOW_3G, MiB).ms;
      for (let seed = 1; seed <= 20; seed++) {
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const { ms, parts } = uploadOn(() => SLOW_3G, MiB, () => random() * 1200);
        expect(longestRunAtMinimum(parts), `seed ${seed}`).toBeLessThanOrEqual(6);
        expect(ms, `seed ${seed}`).toBeLessThan(2.5 * steady);
        // Nothing in the lateness makes a part hold the uplink much longer than the cap.
        for (const p of parts.slice(0, -1)) expect(p.uplinkMs, `seed ${seed}`).toBeLessThan(2 * MAX_PART_TARGET_MS);
      }
    });

    it('every answer up to 1.5 s late at random on a thin link: the part behind a late answer is timed too', () => {
      // A 300 ms link at 64 KB/s whose server answers each part 0-1.5 s late, 20 random runs. Left untimed behind every
      // late answer, a fifth of the parts went untimed and the late ones, slow by their lateness, set the rate alone:
      // median 31.5 s for 1 MiB (25.1 s when that part was timed from the late answer, which made it look fast).
      const times: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        times.push(uploadOn(() => THIN, MiB, () => random() * 1500).ms);
      }
      times.sort((x, y) => x - y);
      expect((times[9]! + times[10]!) / 2).toBeLessThan(29_500);
    });
  });
});
