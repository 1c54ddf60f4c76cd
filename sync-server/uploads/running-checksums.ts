/**
 * SHA-256 of each unfinished upload, kept up to date as its parts are stored, so completing an upload of up to
 * 1 GiB hashes only its last part: the whole recording was hashed synchronously when the last part arrived, and
 * every other client (sync messages included) waited. After a restart the running hash is gone; it is rebuilt
 * from the stored parts one part per event-loop turn, so other requests are served in between.
 */
import { createHash, type Hash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';

type PartReader = (interviewId: string, recordingId: string, offset: number) => Promise<{ offset: number; data: Buffer } | null>;

/**
 * Which stored state a running hash belongs to. SQLite has one writer (this process), so the offset says it all
 * (`null`). With PostgreSQL another node may have reset the upload and stored other bytes up to the same offset, so
 * the row's version (changed by every write, never reused) must also be the one this process produced.
 */
export type PartsVersion = string | null;

interface Running {
  hash: Hash;
  /** Bytes hashed so far: the stored parts [0, offset). */
  offset: number;
  version: PartsVersion;
}

export class RunningChecksums {
  private readonly running = new Map<string, Running>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly partFrom: PartReader) {}

  /**
   * Runs `work` for one recording after any earlier work for it has finished: the running hash follows the
   * stored parts only if two PATCHes of the same recording never interleave.
   */
  serialize<T>(interviewId: string, recordingId: string, work: () => Promise<T>): Promise<T> {
    const key = keyOf(interviewId, recordingId);
    const run = (this.queues.get(key) ?? Promise.resolve()).then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  /** The hash of the stored bytes [0, offset), rebuilt from the parts (yielding between parts) when not held. */
  async upTo(interviewId: string, recordingId: string, offset: number, version: PartsVersion = null): Promise<Hash> {
    const key = keyOf(interviewId, recordingId);
    const held = this.running.get(key);
    if (held && held.offset === offset && held.version === version) return held.hash;
    const hash = createHash('sha256');
    let at = 0;
    while (at < offset) {
      const part = await this.partFrom(interviewId, recordingId, at);
      if (!part || part.offset !== at) throw new Error(`recording ${interviewId}/${recordingId} has no stored part at byte ${at}`);
      hash.update(part.data);
      at += part.data.length;
      await nextTurn();
    }
    if (at !== offset) throw new Error(`recording ${interviewId}/${recordingId}: stored parts end at byte ${at}, not ${offset}`);
    this.running.set(key, { hash, offset, version });
    return hash;
  }

  /** The part at `offset` was stored (making the row's version `version`): the running hash moves past it. */
  advance(interviewId: string, recordingId: string, hash: Hash, offset: number, data: Buffer, version: PartsVersion = null): void {
    hash.update(data);
    this.running.set(keyOf(interviewId, recordingId), { hash, offset: offset + data.length, version });
  }

  /** The upload completed, was reset or deleted. */
  forget(interviewId: string, recordingId: string): void {
    this.running.delete(keyOf(interviewId, recordingId));
  }

  /** Drops every running hash (recordings were deleted in bulk); they are rebuilt on demand. */
  clear(): void {
    this.running.clear();
  }
}

const keyOf = (interviewId: string, recordingId: string) => `${interviewId}\u0000${recordingId}`;
