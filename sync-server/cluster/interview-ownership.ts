/**
 * One owner node per interview (issue #16 item 2). A node serves an interview's documents only while it holds that
 * interview's lease (lease-store.ts); it renews every lease it holds in the background, in one statement.
 *
 * Time: the database decides when a lease expires. Locally a node counts its lease as valid only until
 * `lease length` after it SENT the statement that took or renewed it, on the monotonic clock: that moment is before
 * the database stamped the expiry, so the node stops trusting a lease no later than the database lets it go, and
 * its wall clock (which may be wrong) is never read. Whatever a stalled node still writes after that is refused by
 * the epoch (storage/postgres checkEpoch), so the local check is a courtesy, the epoch the guarantee.
 *
 * A lease is lost when a renewal finds another epoch (another node took it over), when renewals failed for a
 * whole lease length (database unreachable), or when a write is refused for its epoch (a paused process that
 * wakes up finds out by one of the first and the last). The node
 * then steps down: listeners (the collab server) close the interview's sockets and drop its documents from memory.
 */
import { performance } from 'node:perf_hooks';
import type { LeaseHolder, LeaseStore } from './lease-store';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface OwnershipOptions {
  leases: LeaseStore;
  /**
   * This node's name in the lease table (INTERQ_NODE_ID, unique per running node) and the host:port where the proxy
   * reaches it (INTERQ_NODE_ADDRESS: other nodes send its clients there). Omitted when the port is known only once
   * the server listens: then `identify` is called before the first claim.
   */
  nodeId?: string;
  nodeAddress?: string;
  /** Lease length in milliseconds (INTERQ_LEASE_MS); renewed every third of it. */
  leaseMs: number;
  log: Logger;
  /** Monotonic milliseconds (tests pass their own). */
  now?: () => number;
}

/** The interview is served by another live node (or its lease could not be read): do not serve it here. */
export class NotOwnerError extends Error {
  constructor(
    readonly interviewId: string,
    readonly holder: LeaseHolder | null,
  ) {
    super(
      holder
        ? `Interview ${interviewId} is served by node ${holder.owner} (${holder.ownerAddress}) for another ${Math.max(0, Math.round(holder.remainingMs))} ms`
        : `Interview ${interviewId} has no lease this node could take`,
    );
    this.name = 'NotOwnerError';
  }
}

export type LostReason = 'taken-over' | 'renewal-failed' | 'write-refused';
export type LostListener = (interviewId: string, reason: LostReason) => void;
/** A new lease was taken (a first claim, a takeover, a restart): `epoch` is the one this node now writes under. */
export type TakenListener = (interviewId: string, epoch: number) => void;
/** A lease this node gave up on purpose (nothing of the interview is used here any more, a deletion, a drain). */
export type ReleasedListener = (interviewId: string) => void;

interface Held {
  epoch: number;
  /** Monotonic time until which this node may trust the lease without hearing from the database. */
  validUntil: number;
}

export class InterviewOwnership {
  private id: string | null;
  private address: string | null;
  readonly leaseMs: number;
  private readonly held = new Map<string, Held>();
  /** Claims and releases under way, per interview: each waits for the one before, so they never interleave. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private readonly listeners: LostListener[] = [];
  private readonly takenListeners: TakenListener[] = [];
  private readonly releasedListeners: ReleasedListener[] = [];
  private readonly now: () => number;
  private renewTimer: NodeJS.Timeout | null = null;
  private renewing = false;
  private stopped = false;

  constructor(private readonly opts: OwnershipOptions) {
    this.id = opts.nodeId ?? null;
    this.address = opts.nodeAddress ?? null;
    this.leaseMs = opts.leaseMs;
    this.now = opts.now ?? (() => performance.now());
    this.renewTimer = setInterval(() => void this.renewAll(), Math.max(100, Math.floor(opts.leaseMs / 3)));
    this.renewTimer.unref();
  }

  /** Names the node once its port is known (app-server.ts listens on PORT=0 in tests). */
  identify(nodeId: string, nodeAddress: string): void {
    this.id = nodeId;
    this.address = nodeAddress;
  }

  get nodeId(): string {
    if (this.id === null) throw new Error('InterviewOwnership: the node has no id yet (identify() first)');
    return this.id;
  }

  get nodeAddress(): string {
    if (this.address === null) throw new Error('InterviewOwnership: the node has no address yet (identify() first)');
    return this.address;
  }

  onLost(fn: LostListener): void {
    this.listeners.push(fn);
  }

  /**
   * Told after each lease this node takes (not when it already held it). Work the previous owner left unfinished is
   * picked up from here (app-server.ts: the wrap-up refreshes the interview's status and makes a synthesis that is
   * due). Called once the lease is recorded, so the listener may claim the interview again (it gets the epoch at once).
   */
  onTaken(fn: TakenListener): void {
    this.takenListeners.push(fn);
  }

  /**
   * Told after each lease this node gives up (`release`, `releaseAll`), once the database has it free (or the
   * release failed and the lease runs out by itself): what this node still serves of the interview outside the
   * documents, a synthesis event stream (app-server.ts), ends then, and its reader reconnecting through the proxy
   * finds the lease free for the next node, not held here any more.
   */
  onReleased(fn: ReleasedListener): void {
    this.releasedListeners.push(fn);
  }

  /**
   * The epoch this node writes the interview under while it holds the lease. A lease not renewed for a while is
   * still returned: the next renewal decides (renewAll), and a write under an epoch that moved on is refused anyway.
   */
  epochOf(interviewId: string): number | null {
    return this.held.get(interviewId)?.epoch ?? null;
  }

  /** Interviews held now (for stats and draining). */
  heldInterviews(): string[] {
    return [...this.held.keys()];
  }

  /**
   * The epoch under which this node may load and write the interview: the lease it holds, or a new one when the
   * interview is free, expired, or last held by this node. Rejects with NotOwnerError while another node holds it.
   */
  claim(interviewId: string): Promise<number> {
    const epoch = this.epochOf(interviewId);
    if (epoch !== null) return Promise.resolve(epoch);
    return this.serialize(interviewId, async () => {
      const again = this.epochOf(interviewId);
      if (again !== null) return again;
      if (this.stopped) throw new NotOwnerError(interviewId, null);
      const sentAt = this.now();
      const result = await this.opts.leases.acquire(interviewId, this.nodeId, this.nodeAddress, this.leaseMs);
      if (!result.acquired) throw new NotOwnerError(interviewId, result.holder);
      this.held.set(interviewId, { epoch: result.epoch, validUntil: sentAt + this.leaseMs });
      this.opts.log('info', 'Took the lease of an interview', { interview: interviewId, epoch: result.epoch, node: this.nodeId });
      for (const fn of this.takenListeners) {
        try {
          fn(interviewId, result.epoch);
        } catch (err) {
          this.opts.log('warn', 'A listener of a taken lease failed', { interview: interviewId, error: (err as Error).message });
        }
      }
      return result.epoch;
    });
  }

  /** Gives the lease up (nothing of the interview is loaded here any more), so the next node need not wait for it. */
  release(interviewId: string): Promise<void> {
    return this.serialize(interviewId, async () => {
      const h = this.held.get(interviewId);
      if (!h) return;
      this.held.delete(interviewId);
      await this.opts.leases.release(interviewId, this.nodeId, h.epoch).catch((err: unknown) => {
        // Not fatal: the lease then simply runs out.
        this.opts.log('warn', 'Could not release an interview lease; it expires by itself', { interview: interviewId, error: (err as Error).message });
      });
      for (const fn of this.releasedListeners) {
        try {
          fn(interviewId);
        } catch (err) {
          this.opts.log('warn', 'A listener of a released lease failed', { interview: interviewId, error: (err as Error).message });
        }
      }
    });
  }

  /** Who holds the interview's lease now, by the database (null: nobody ever did); for a redirect after a step-down. */
  holder(interviewId: string): Promise<LeaseHolder | null> {
    return this.opts.leases.holder(interviewId);
  }

  /** A write of the interview was refused for its epoch (storage's StaleEpochError): step down now. */
  writeRefused(interviewId: string, epoch: number): void {
    const h = this.held.get(interviewId);
    if (!h || h.epoch !== epoch) return;
    this.lose(interviewId, 'write-refused');
  }

  /** Renews every held lease in one statement; loses those that changed owner or can no longer be trusted. */
  async renewAll(): Promise<void> {
    if (this.renewing || this.stopped) return;
    this.renewing = true;
    try {
      const snapshot = new Map([...this.held].map(([iid, h]) => [iid, h.epoch]));
      if (snapshot.size === 0) return;
      const sentAt = this.now();
      let renewed: Set<string> | null = null;
      try {
        renewed = await this.opts.leases.renew(this.nodeId, snapshot, this.leaseMs);
      } catch (err) {
        this.opts.log('warn', 'Could not renew interview leases; retrying', { leases: snapshot.size, error: (err as Error).message });
      }
      for (const [iid, epoch] of snapshot) {
        const h = this.held.get(iid);
        if (!h || h.epoch !== epoch) continue; // released or re-taken meanwhile
        if (renewed?.has(iid)) h.validUntil = sentAt + this.leaseMs;
        else if (renewed) this.lose(iid, 'taken-over');
        else if (h.validUntil <= this.now()) this.lose(iid, 'renewal-failed');
      }
    } finally {
      this.renewing = false;
    }
  }

  /** Releases every lease (drain: the next nodes take the interviews at once) and stops renewing. */
  async releaseAll(): Promise<void> {
    await Promise.all(this.heldInterviews().map((iid) => this.release(iid)));
    this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
  }

  private lose(interviewId: string, reason: LostReason): void {
    const h = this.held.get(interviewId);
    if (!h) return;
    this.held.delete(interviewId);
    this.opts.log('warn', 'Lost the lease of an interview; stepping down', { interview: interviewId, epoch: h.epoch, reason, node: this.nodeId });
    for (const fn of this.listeners) fn(interviewId, reason);
  }

  private serialize<T>(interviewId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.busy.get(interviewId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.busy.set(interviewId, tail);
    void tail.then(() => {
      if (this.busy.get(interviewId) === tail) this.busy.delete(interviewId);
    });
    return run;
  }
}
