/**
 * How large the next part of an answer upload is, so that an upload never holds the guest's uplink for long
 * (#18 item 3). On a thin link every byte the uploader hands to the network queues in front of the sync
 * frames that share the link (a host's override answered, a stage change), so parts are sized to about one
 * second of the uplink as measured on this upload's own parts, and a part is sent only once the one before it should
 * have left the device (upload-recording.ts, at most two in flight): a sync frame waits behind about one part. On a
 * good link the parts grow to the protocol's largest, as before.
 *
 * A part's time from request to answer is taken as a fixed cost (the round trip and the server's time to
 * answer) plus its time on the uplink, bytes / rate. Neither is measured on its own, so both are estimated
 * again from every answered part, and follow the link and the server as they change:
 * - the fixed cost from the last parts' sizes and times: two parts of different sizes tell the cost per byte
 *   from the fixed cost (a robust line fit, the median of the pairs' slopes, so one stalled part does not
 *   bend it). A bare request (the upload's create) only seeds it until such a pair exists. It used to be the
 *   round trip for the whole upload: a create that met a busy server (or a loaded test machine) made every
 *   later part look nearly free, and the parts came out several times too big.
 * - the fixed cost never counts for more than three quarters of the fastest recent part's time, so no part
 *   is taken as more than four times faster than its bytes over its whole time;
 * - the rate from the last three parts' bytes over their time beyond the fixed cost, the newest counting
 *   most: a stalled part shrinks the next ones, fast parts grow them again;
 * - while the link limits the size, every other part is three quarters of it, so the recent parts always hold
 *   two sizes and the fit follows the fixed cost as the server's load changes (parts of one size cannot tell
 *   the fixed cost from the rate). Where three quarters would be cut to the minimum (the size of the part before
 *   it), that part is a third larger instead, if the link could carry more than the minimum: one late answer once
 *   made the fit take a fixed cost of 0, so every part's whole time counted as uplink time, parts fell to the
 *   minimum, the probes were cut to the same minimum and the fit never saw two sizes again (in the model, 105 s for
 *   1 MiB on Slow 3G instead of 31 s);
 * - the fixed cost is never taken below half the bare request's time (the round trip is in it whole), unless a
 *   part with bytes was answered faster than that request, which then met a busy server;
 * - a part that took under half or over twice what the estimate said (a stall, another network) means the link
 *   or the server changed: the parts before it are forgotten; if it was late and the next part takes about what they
 *   said, it was a stall: they are taken back and the late part is dropped;
 * - the part behind one that took over 1.5 times the estimate is not timed from that one's answer but from its own
 *   send, or not at all where its answer came right after that one's (the same stall held it; partElapsedMs);
 * - a part is at most twice the largest recent part, so a mismeasured part cannot jump to the largest size;
 * - a part sent while the one before it was still on its way is timed from when its bytes could start leaving
 *   (partElapsedMs): its bytes queue on the uplink behind the rest of that part, and counting the wait as its own
 *   made the uplink look slower than it is, then the parts that left on time faster: the estimate swung, and a part
 *   sized on a high swing held the uplink well past 1.5 s (likely also why one bench run took 40.8 s in 21 parts for
 *   1 MiB instead of about 34 s: a part took over twice the estimate, which started afresh with 16 KiB parts);
 * - where the fixed cost is over a second (Slow 3G's 2 s round trip), a part aims at as much uplink time as the
 *   fixed cost, up to 1.5 s: with one part in flight the uplink idled for the whole fixed cost of every part, so
 *   1 s parts on a 2 s round trip used the link a third of the time (1 MiB took 75 s in 25 parts), 1.5 s parts 3/7
 *   of it. With two in flight a part's uplink time covers the round trip of the one before it, so the link idles
 *   only where the fixed cost is longer than a part (0.5 s of every 3.5 s on a 2 s round trip with 1.5 s parts);
 *   the cap keeps what a sync frame may wait behind the upload under the round trip.
 *
 * Pure: it only sees the sizes and times it is told.
 */

/** The uplink time one part should take where the round trip is short. */
export const PART_TARGET_MS = 1000;
/**
 * The most uplink time one part may take, however long the round trip: a sync frame queued behind a part waits
 * for the rest of it, and this keeps the host's wait for a guest's answer within about a round trip more.
 */
export const MAX_PART_TARGET_MS = 1500;
/** Smallest part: below this the round trip per part costs more than the part. */
export const MIN_PACED_PART_BYTES = 16 * 1024;
/** The first part, before anything is measured: about 0.65 s on Slow 3G's 400 kbit/s. */
export const FIRST_PACED_PART_BYTES = 32 * 1024;

/** Parts the fixed cost is fitted on. */
const FIT_PARTS = 6;
/** Parts the rate is taken from, newest first, and their weights. */
const RATE_WEIGHTS = [4, 2, 1];
/** Two parts whose sizes differ by less than this share of the larger say nothing about the cost per byte. */
const MIN_SIZE_SPREAD = 0.2;
/** The most of a part's time the fixed cost may account for. */
const MAX_FIXED_SHARE = 0.75;
/** The least share of the bare request's time the fixed cost is taken as (while no part is faster than it). */
const MIN_FIXED_SHARE_OF_BARE = 0.5;
/** How much larger than the largest recent part the next may be. */
const MAX_GROWTH = 2;
/** A part answered this many times later than expected: the part behind it is not timed from its answer. */
const LATE_FACTOR = 1.5;
/** A part this many times slower or faster than expected starts the estimate afresh from it. */
const CHANGE_FACTOR = 2;
/** Every other part is this share of the paced size while the link limits it. */
const PROBE_SHARE = 0.75;

/** A part's time this far from the estimate (under half, over twice): the link or the server changed. */
function outsideEstimate(elapsedMs: number, expectedMs: number): boolean {
  return elapsedMs > expectedMs * CHANGE_FACTOR || elapsedMs < expectedMs / CHANGE_FACTOR;
}

export interface PartPacer {
  /** A request whose body is negligible took this long: the round trip, which is not uplink time. */
  observeRoundTrip(elapsedMs: number): void;
  /**
   * A part of `bytes` took `elapsedMs` from when its bytes could start leaving to its answer (partElapsedMs). True when
   * it took over 1.5 times what the estimate said (a stall, a slower link): the part behind it cannot be timed from its
   * answer (PartTimeline's `late`).
   */
  observePart(bytes: number, elapsedMs: number): boolean;
  /** Bytes per second the uplink carried for the last parts, or null before any part. */
  uplinkBytesPerSec(): number | null;
  /** The fixed cost per request now assumed (round trip and server), or null before anything was measured. */
  roundTripMs(): number | null;
  /**
   * The most the fixed cost per request can be: the shortest time a recent part or a bare request took, each of which
   * holds it whole (null before any). What partElapsedMs needs: an estimate of the fixed cost that is too low could
   * only make parts look faster than they are.
   */
  fixedCostCeilingMs(): number | null;
  nextPartBytes(): number;
}

/** When a part was sent and when its answer came, ms on one monotonic clock. */
export interface PartTimeline {
  sentAt: number;
  answeredAt: number;
  /** It took over 1.5 times what the estimate said (observePart's verdict): its answer may have been held. */
  late?: boolean;
}

/**
 * The time to tell the pacer for a part (`observePart`): from when its bytes could start leaving the device to its
 * answer. That is when it was sent, unless the part before it was still on its way then: its bytes queue behind the
 * rest of that part on the uplink, whose last byte left about the fixed cost (`fixedMs`, round trip and server) before
 * that part's answer came. The fixed cost then cancels out: what is told is the fixed cost plus the time between the
 * two answers, which on a busy uplink is this part's own time on it, however far the estimate is off, so the rate
 * stays true (and the fixed cost, told back to the pacer, stays what it was until a part goes alone).
 *
 * `before` is the part answered just before this one, in line (null: none, or it was not answered in line). Null
 * when the answers came the other way round: nothing to learn from this part. Behind a late answer (`before.late`) it is
 * timed from when it was sent, which is when the uploader reckoned the bytes ahead of it had left (a late answer says
 * nothing of when they did): timed from the late answer it seemed to take no uplink time at all (after an 8 s stall in
 * the model the next parts were sized at three times the link's rate and held the uplink 3 s). Null where its answer
 * came less than half its own time on the uplink after the late one: a stalled server held both answers, and from
 * its send it holds the stall. It used to be null behind every late answer, and on a thin link (300 ms, 64 KB/s) with
 * answers 0-1.5 s late a fifth of the parts went untimed; the late ones, slow by their lateness, were left to drive
 * the rate, and 1 MiB took 31.5 s in the model (median of 20 seeds) where it took 25.1 s while that part was timed
 * from the late answer (fast, which offset them); 27.8 s now.
 */
export function partElapsedMs(part: PartTimeline, before: PartTimeline | null, fixedMs: number | null): number | null {
  if (before?.late) {
    const sinceSent = part.answeredAt - part.sentAt;
    // Answered within half its own time on the uplink (from its send, beyond the fixed cost) after the late answer:
    // the stall that held that answer held this one too.
    if (part.answeredAt - before.answeredAt < (sinceSent - (fixedMs ?? 0)) / 2) return null;
    return sinceSent;
  }
  if (before === null || fixedMs === null) return part.answeredAt - part.sentAt;
  if (before.answeredAt > part.answeredAt) return null;
  return part.answeredAt - Math.max(part.sentAt, before.answeredAt - fixedMs);
}

/**
 * Tells the pacer each part's time as the uploader handles the answers, in order: a part answered in line at its first
 * try is timed against the part answered just before it (partElapsedMs); any other answer (out of date, refused, sent
 * again) leaves nothing to time the part behind it against.
 */
export interface PartTimer {
  /** A part of `bytes` answered in line at its first try. */
  answered(bytes: number, part: PartTimeline): void;
  /** A part answered out of line, refused, or after a retry: the part behind it is timed from its own send. */
  skipped(): void;
}

export function createPartTimer(pacer: PartPacer): PartTimer {
  /** The part answered just before, if it was answered in line: the part behind it queued behind its bytes. */
  let before: PartTimeline | null = null;
  return {
    answered(bytes, part) {
      const elapsedMs = partElapsedMs(part, before, pacer.fixedCostCeilingMs());
      const late = elapsedMs !== null && pacer.observePart(bytes, elapsedMs);
      // Behind a late answer this one's was likely held by the same stall: the part behind it is timed from its send.
      before = before?.late ? null : { sentAt: part.sentAt, answeredAt: part.answeredAt, late };
    },
    skipped() {
      before = null;
    },
  };
}

/** One answered part: its size and the time from request to answer. */
export interface PartTime {
  bytes: number;
  ms: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The fixed cost per request the parts show, or null where they cannot tell it (all of about one size, or a
 * line that does not rise with size): the median slope over pairs of different sizes (Theil–Sen), then the
 * median of what each part took beyond its bytes at that slope.
 */
export function fittedFixedMs(parts: readonly PartTime[]): number | null {
  const slopes: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i]!;
      const b = parts[j]!;
      if (Math.abs(a.bytes - b.bytes) < MIN_SIZE_SPREAD * Math.max(a.bytes, b.bytes)) continue;
      slopes.push((b.ms - a.ms) / (b.bytes - a.bytes));
    }
  }
  if (slopes.length === 0) return null;
  const msPerByte = median(slopes);
  if (!(msPerByte > 0)) return null;
  return Math.max(0, median(parts.map((p) => p.ms - p.bytes * msPerByte)));
}

export function createPartPacer(options: {
  maxPartBytes: number;
  targetMs?: number;
  maxTargetMs?: number;
  firstPartBytes?: number;
}): PartPacer {
  const targetMs = options.targetMs ?? PART_TARGET_MS;
  const maxTargetMs = Math.max(targetMs, options.maxTargetMs ?? MAX_PART_TARGET_MS);
  const max = options.maxPartBytes;
  const min = Math.min(MIN_PACED_PART_BYTES, max);
  /** The fastest bare request seen: the fixed cost until the parts can tell it. */
  let bareMs: number | null = null;
  /** The last fitted fixed cost: kept while the recent parts are all of one size. */
  let fixedMs: number | null = null;
  const parts: PartTime[] = [];
  /** Parts answered so far (every other one is a probe). */
  let answered = 0;
  /**
   * The parts and fit from before a part that took over twice what they said, kept until the next part tells whether
   * that was a stall (the next part takes about what they said: the late part is dropped and they are taken back) or
   * the link changed (the estimate goes on from the late part). Started afresh from a stalled part, the parts stayed
   * near the minimum for eight parts while the stall's time aged out of the rate.
   */
  let beforeLate: { parts: PartTime[]; fixedMs: number | null } | null = null;

  const fastestRecentMs = () => Math.min(...parts.slice(-RATE_WEIGHTS.length).map((p) => p.ms));

  /** The fixed cost to take out of the recent parts' times, bounded by the fastest of them. */
  function fixedCostMs(): number | null {
    let base = fixedMs ?? bareMs;
    if (base === null || parts.length === 0) return base;
    const fastest = fastestRecentMs();
    // A bare request holds the round trip whole, so a fit far below it is the parts' noise (one late answer made it 0,
    // and parts then looked as slow as their whole time). Not where a part with bytes was answered faster than the bare
    // request: that one met a busy server and says nothing of the fixed cost.
    if (bareMs !== null && bareMs <= fastest) base = Math.max(base, bareMs * MIN_FIXED_SHARE_OF_BARE);
    return Math.min(base, fastest * MAX_FIXED_SHARE);
  }

  /** Bytes per second the recent parts show if each request's fixed cost is `fixed`. */
  function rate(fixed = fixedCostMs() ?? 0): number | null {
    if (parts.length === 0) return null;
    let bytes = 0;
    let linkMs = 0;
    parts
      .slice(-RATE_WEIGHTS.length)
      .reverse()
      .forEach((p, i) => {
        const w = RATE_WEIGHTS[i]!;
        bytes += w * p.bytes;
        linkMs += w * Math.max(p.ms - fixed, 1);
      });
    return (bytes / linkMs) * 1000;
  }

  function fixedCostCeilingMs(): number | null {
    const times = parts.map((p) => p.ms);
    if (bareMs !== null) times.push(bareMs);
    return times.length === 0 ? null : Math.min(...times);
  }

  /** How long a part of `bytes` should take by the estimate (null before any part). */
  function expectedMs(bytes: number): number | null {
    const r = rate();
    return r === null ? null : (fixedCostMs() ?? 0) + (bytes / r) * 1000;
  }

  /** The part size the recent parts call for if each request's fixed cost is `fixed` (before the bounds). */
  function pacedBytes(fixed: number): number {
    // A long fixed cost per part (a high-latency link) earns a longer part, so the uplink is not idle most of the time.
    const partMs = Math.min(Math.max(targetMs, fixed), maxTargetMs);
    return (rate(fixed)! * partMs) / 1000;
  }

  return {
    observeRoundTrip(elapsedMs) {
      if (elapsedMs >= 0) bareMs = bareMs === null ? elapsedMs : Math.min(bareMs, elapsedMs);
    },
    observePart(bytes, elapsedMs) {
      if (bytes <= 0 || elapsedMs < 0) return false;
      answered += 1;
      if (beforeLate !== null) {
        const after = { parts: parts.splice(0, parts.length, ...beforeLate.parts), fixedMs };
        fixedMs = beforeLate.fixedMs;
        beforeLate = null;
        const expected = expectedMs(bytes)!;
        // Not what the parts before the late one said either: the link changed.
        if (outsideEstimate(elapsedMs, expected)) {
          parts.splice(0, parts.length, ...after.parts);
          fixedMs = after.fixedMs;
        }
      }
      // A part that took less than half or more than twice what the estimate said: the link or the server changed
      // (a stall, another network), and the parts before it describe what is gone.
      const expected = expectedMs(bytes);
      const changed = expected !== null && outsideEstimate(elapsedMs, expected);
      if (changed && elapsedMs > expected) beforeLate = { parts: [...parts], fixedMs };
      if (changed) parts.length = 0;
      parts.push({ bytes, ms: elapsedMs });
      if (parts.length > FIT_PARTS) parts.shift();
      fixedMs = fittedFixedMs(parts) ?? fixedMs;
      return expected !== null && elapsedMs > expected * LATE_FACTOR;
    },
    uplinkBytesPerSec: () => rate(),
    roundTripMs: fixedCostMs,
    fixedCostCeilingMs,
    nextPartBytes() {
      if (parts.length === 0) return Math.max(min, Math.min(options.firstPartBytes ?? FIRST_PACED_PART_BYTES, max));
      const largestRecent = Math.max(...parts.slice(-RATE_WEIGHTS.length).map((p) => p.bytes));
      const fixed = fixedCostMs() ?? 0;
      const paced = pacedBytes(fixed);
      let size = paced;
      if (paced < max && answered % 2 === 1) {
        if (paced * PROBE_SHARE >= min) size = paced * PROBE_SHARE;
        // The smaller probe would be cut to the minimum, the size of the part before it: a larger one keeps two sizes in
        // the fit, or a fixed cost fitted too low (parts made to look slow) would hold every part at the minimum for the
        // rest of the upload. Only where the link could carry more than the minimum with the most fixed cost the times
        // allow: on a link that crawls a larger part only holds the uplink longer, and no fit would change the size.
        else if (pacedBytes(Math.max(fixed, Math.min(fixedCostCeilingMs() ?? 0, fastestRecentMs() * MAX_FIXED_SHARE))) > min) {
          size = Math.max(paced, min) / PROBE_SHARE;
        }
      }
      return Math.max(min, Math.min(Math.round(size), largestRecent * MAX_GROWTH, max));
    },
  };
}
