/**
 * The upload parts this node is receiving now, so that a part may arrive while the one before it is still on
 * its way. On a high-latency link the guest's uploader sends the next part once the previous part's body should
 * have left the device, without waiting a whole round trip for its answer (src/upload/upload-recording.ts): two
 * parts of one recording are then in flight, and the second may be read whole before the first is stored (two
 * connections, and the stores serialize a recording's appends anyway). Without this the second would be answered
 * 409 at once and sent again, a round trip and its bytes wasted on every part.
 *
 * A part whose offset is exactly where another part of the same recording, still being received on another
 * request, ends (its `Upload-Offset` plus its declared `Content-Length`) waits for that one to be answered, for at
 * most `maxWaitMs`, and is then appended as usual. Nothing about storing changes: the store still takes a part only
 * at the offset it holds, so a predecessor that failed (cut off, refused, a crash) leaves the waiting part to be
 * answered 409 with the stored offset, which is where the client resumes; the server never stores a gap. The
 * registry is this process's memory: after a crash nothing waits, and on several nodes both parts go to the
 * interview's owner (a part on another node finds no predecessor and is answered as before).
 */

/** How long a part waits for the part before it: a few of the pacer's parts (1.5 s of the uplink at most). */
export const PREDECESSOR_WAIT_MS = 5000;

interface Receiving {
  offset: number;
  /** Where the part ends, from its Content-Length; null when it did not declare one (nothing waits for it). */
  end: number | null;
  answered: Promise<void>;
}

export interface PartReceipt {
  /** The part was answered (stored or not): whoever waits on it goes on. Idempotent. */
  done(): void;
}

export class PartsInFlight {
  private readonly receiving = new Map<string, Set<Receiving>>();

  constructor(private readonly maxWaitMs = PREDECESSOR_WAIT_MS) {}

  /** A part at `offset` of `length` bytes (null: unknown) starts arriving; call `done` once it is answered. */
  begin(interviewId: string, recordingId: string, offset: number, length: number | null): PartReceipt {
    const key = keyOf(interviewId, recordingId);
    let resolve!: () => void;
    const entry: Receiving = { offset, end: length === null ? null : offset + length, answered: new Promise<void>((r) => (resolve = r)) };
    const set = this.receiving.get(key) ?? new Set<Receiving>();
    set.add(entry);
    this.receiving.set(key, set);
    let finished = false;
    return {
      done: () => {
        if (finished) return;
        finished = true;
        set.delete(entry);
        if (set.size === 0 && this.receiving.get(key) === set) this.receiving.delete(key);
        resolve();
      },
    };
  }

  /** Whether a part of this recording that ends exactly at `offset` is being received now. */
  hasPredecessor(interviewId: string, recordingId: string, offset: number): boolean {
    return this.predecessor(interviewId, recordingId, offset) !== null;
  }

  /**
   * Waits until the part being received that ends exactly at `offset` was answered, or `maxWaitMs` passed; at once
   * when there is none. Says whether there was one to wait for.
   */
  async waitForPredecessor(interviewId: string, recordingId: string, offset: number): Promise<boolean> {
    const before = this.predecessor(interviewId, recordingId, offset);
    if (!before) return false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([before.answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.maxWaitMs)))]);
    clearTimeout(timer);
    return true;
  }

  private predecessor(interviewId: string, recordingId: string, offset: number): Receiving | null {
    for (const r of this.receiving.get(keyOf(interviewId, recordingId)) ?? []) {
      if (r.end === offset && r.offset < offset) return r;
    }
    return null;
  }
}

const keyOf = (interviewId: string, recordingId: string) => `${interviewId}\u0000${recordingId}`;
