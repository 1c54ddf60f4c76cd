/**
 * How large the next part of an answer upload is, so that an upload never holds the guest's uplink for long
 * (#18 item 3). On a thin link every byte the uploader hands to the network queues in front of the sync
 * frames that share the link (a host's override answered, a stage change), so parts are sized to about one
 * second of the uplink as measured on this upload's own parts, and sent one at a time: a sync frame waits
 * behind at most one part. On a good link the parts grow to the protocol's largest, as before.
 *
 * Pure: it only sees the sizes and times it is told.
 */

/** The uplink time one part should take. */
export const PART_TARGET_MS = 1000;
/** Smallest part: below this the round trip per part costs more than the part. */
export const MIN_PACED_PART_BYTES = 16 * 1024;
/** The first part, before anything is measured: about 0.65 s on Slow 3G's 400 kbit/s. */
export const FIRST_PACED_PART_BYTES = 32 * 1024;

export interface PartPacer {
  /** A request whose body is negligible took this long: the round trip, which is not uplink time. */
  observeRoundTrip(elapsedMs: number): void;
  /** A part of `bytes` was sent and answered in `elapsedMs`. */
  observePart(bytes: number, elapsedMs: number): void;
  /** Bytes per second the uplink carried for the last parts, or null before any part. */
  uplinkBytesPerSec(): number | null;
  nextPartBytes(): number;
}

export function createPartPacer(options: { maxPartBytes: number; targetMs?: number; firstPartBytes?: number }): PartPacer {
  const targetMs = options.targetMs ?? PART_TARGET_MS;
  const max = options.maxPartBytes;
  const min = Math.min(MIN_PACED_PART_BYTES, max);
  let roundTripMs: number | null = null;
  let rate: number | null = null;
  return {
    observeRoundTrip(elapsedMs) {
      if (elapsedMs >= 0) roundTripMs = roundTripMs === null ? elapsedMs : Math.min(roundTripMs, elapsedMs);
    },
    observePart(bytes, elapsedMs) {
      if (bytes <= 0 || elapsedMs < 0) return;
      // The part's own time on the uplink: what it took beyond a bare round trip (never less than a tenth of the
      // whole, so a round trip measured on a quieter moment cannot make a part look free).
      const onLink = Math.max(elapsedMs - (roundTripMs ?? 0), elapsedMs / 10, 1);
      const sample = (bytes / onLink) * 1000;
      // Half the last estimate, half the new part: one slow part (a retransmission) does not halve the next.
      rate = rate === null ? sample : (rate + sample) / 2;
    },
    uplinkBytesPerSec: () => rate,
    nextPartBytes() {
      if (rate === null) return Math.max(min, Math.min(options.firstPartBytes ?? FIRST_PACED_PART_BYTES, max));
      return Math.max(min, Math.min(Math.round((rate * targetMs) / 1000), max));
    },
  };
}
