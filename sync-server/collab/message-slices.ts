/**
 * Bounds how long one turn of the event loop spends on client messages.
 *
 * A turn reads every socket that has data (libuv's poll phase) and the server handled each message as it was read:
 * validated, applied, and at the turn's end committed and relayed (turn-commits.ts). Usually that is a few messages;
 * but when many sockets have data at once (the server was not scheduled for a while, a load generator's or a
 * network's burst, thousands of clients renewing presence together), one turn handled all of them, and every timer,
 * ping and other socket waited behind it (bench:sync: turns of 20-40 ms with no GC at 3,000 clients, issue #16).
 *
 * Here a message is still handled at once while the turn has time left in `budgetMs` (the common case, as before);
 * after that, messages wait in arrival order and are handled in later slices, each within what is left of its turn's
 * `budgetMs` (what that turn's socket reads already spent on messages counts; at least one message), every slice
 * ending like a turn (`endSlice`: the turn's transaction is committed and its batches relayed), with the event loop
 * free in between for timers and the other sockets.
 *
 * The turn's end counts against the budget too: each message handled leaves commit and relay work for the end (an
 * update's row in the transaction, its frame to every other client of the document), which a budget on the
 * handling alone let run past it (bench:sync at 3,000 clients: slices of 10-12 ms on the CPU, a 5 ms budget of
 * handling and then the end). The end's cost per message handled is estimated from the last turns' ends (a moving
 * average, so one end that a GC pause fell into counts for a few turns only), and
 * a message is handled in this turn only while the time spent plus the estimated end of every message handled so far
 * and this one fits the budget. Once one message waits, every later one waits
 * behind it, so each connection's messages keep their order, and a socket's close is queued the same way, after its
 * messages. Each slice handles at least one message, and past `maxBacklog` waiting messages a slice keeps going until
 * the backlog is back under it, so memory stays bounded when messages come faster than they can be handled (the
 * sockets are then read only as fast as before).
 */

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Default time (ms) one turn spends on client messages before the rest wait for the next slice. */
export const DEFAULT_TURN_BUDGET_MS = 5;
const DEFAULT_MAX_BACKLOG = 20_000;
/** Weight of the latest turn's end in the moving average of the end's cost per message. */
const END_COST_WEIGHT = 0.2;
/** Histograms of a turn's waits (bench:sync reads them): buckets this wide (ms), the last one holding all longer. */
export const WAIT_BUCKET_MS = 0.1;
const WAIT_BUCKETS = 500;
/**
 * `turnStart` outside a turn. A number, not null: a field that has held a non-number keeps every double stored in it
 * boxed, a new heap number per turn (performance.now() is fractional); one that only ever holds numbers is changed in
 * place.
 */
const NO_TURN = -1;

/**
 * Where a relay's time goes on the server (stored before relayed): from a turn's first client message to the start of
 * its end (the other messages the turn reads and handles meanwhile), and the end itself (the SQLite transaction, then
 * the relays). Cumulative histograms in WAIT_BUCKET_MS buckets.
 */
export interface TurnWaits {
  beforeCommit: number[];
  commitAndRelay: number[];
}

function addToHistogram(buckets: number[], ms: number): void {
  buckets[Math.min(buckets.length - 1, Math.floor(ms / WAIT_BUCKET_MS))]!++;
}

export class MessageSlices {
  private queue: Array<(() => void) | undefined> = [];
  private head = 0;
  /** When this turn's first message was handled (performance.now), or NO_TURN outside one. */
  private turnStart = NO_TURN;
  /** Messages handled in this turn so far (their end, commit and relays, is still to come). */
  private handledInTurn = 0;
  /** Estimated ms of a turn's end (commit and relays) per message the turn handled: a moving average of past ends. */
  private endMsPerMessage = 0;
  private scheduled: NodeJS.Immediate | null = null;
  /** A slice is running (its end commits the turn's transaction). */
  private slicing = false;
  /** Messages that waited for a later slice, and the slices that handled them (bench and tests read them). */
  deferred = 0;
  slices = 0;
  readonly waits: TurnWaits = { beforeCommit: new Array<number>(WAIT_BUCKETS).fill(0), commitAndRelay: new Array<number>(WAIT_BUCKETS).fill(0) };

  constructor(
    private readonly budgetMs: number,
    /** Ends a slice as a turn ends: commits the turn's transaction and relays what it stored (turn-commits.ts). */
    private readonly endSlice: () => void,
    private readonly log: Logger,
    private readonly maxBacklog = DEFAULT_MAX_BACKLOG,
  ) {}

  /** Messages waiting for a slice. */
  get backlog(): number {
    return this.queue.length - this.head;
  }

  /**
   * Whether this turn's end (`endSlice`) is already due: a slice is scheduled or running. TurnCommits then leaves the
   * turn's transaction to it instead of scheduling one of its own (one owner of the turn's end).
   */
  get turnEndDue(): boolean {
    return this.scheduled !== null || this.slicing;
  }

  /** Handles a message (or a socket's close) now if this turn still has time and nothing waits, else in order later. */
  push(handle: () => void): void {
    const now = performance.now();
    if (this.turnStart === NO_TURN) this.turnStart = now;
    // The turn ends (its clock resets) in the check phase, right after the poll phase that read these sockets;
    // scheduled before the message runs, so what the message queues for the transaction finds its end already due.
    this.scheduled ??= setImmediate(this.runSlice);
    if (this.backlog === 0 && this.fits(now - this.turnStart)) this.run(handle);
    else {
      this.queue.push(handle);
      this.deferred++;
    }
  }

  private readonly runSlice = (): void => this.slice();

  /** Whether one more message fits this turn: `spentMs` so far plus the estimated end of every message handled and it. */
  private fits(spentMs: number): boolean {
    return spentMs + (this.handledInTurn + 1) * this.endMsPerMessage < this.budgetMs;
  }

  private run(handle: () => void): void {
    this.handledInTurn++;
    try {
      handle();
    } catch (err) {
      // Connection.onMessage catches its own errors; this guards the loop of the others.
      this.log('error', 'Failed to handle a sync message', { error: (err as Error).message });
    }
  }

  /** One slice: waiting messages for up to the budget, then the turn's end (commit and relay). */
  private slice(): void {
    this.scheduled = null;
    this.slicing = true;
    try {
      this.sliceBody();
    } finally {
      this.slicing = false;
    }
    if (this.backlog > 0) this.scheduled = setImmediate(this.runSlice);
  }

  private sliceBody(): void {
    if (this.backlog > 0) {
      this.slices++;
      // The turn's budget, not a fresh one: what this turn's socket reads already spent on messages counts, so a turn
      // that read a burst runs one waiting message here rather than another full budget before its commit and relays.
      const start = this.turnStart === NO_TURN ? performance.now() : this.turnStart;
      do {
        const handle = this.queue[this.head]!;
        this.queue[this.head++] = undefined;
        this.run(handle);
      } while (this.backlog > 0 && (this.fits(performance.now() - start) || this.backlog > this.maxBacklog));
      if (this.backlog === 0) {
        this.queue = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }
    this.endTurn();
  }

  /** The turn's end (commit and relays), timed: how long its first message waited for it, and how long it took. */
  private endTurn(): void {
    const start = this.turnStart;
    const ending = performance.now();
    // A slice of waiting messages with no socket read before it in its turn has no first message to time.
    if (start !== NO_TURN) addToHistogram(this.waits.beforeCommit, ending - start);
    this.endSlice();
    const endMs = performance.now() - ending;
    if (start !== NO_TURN) addToHistogram(this.waits.commitAndRelay, endMs);
    this.learnEndCost(endMs);
    this.turnStart = NO_TURN;
  }

  /**
   * Folds one turn's end into the per-message estimate: a moving average, so one end that a GC pause fell into raises
   * it for a few turns only (turns come hundreds of times a second under load; meanwhile each slice still handles
   * one message).
   */
  private learnEndCost(endMs: number): void {
    const handled = this.handledInTurn;
    this.handledInTurn = 0;
    if (handled === 0) return;
    const perMessage = endMs / handled;
    this.endMsPerMessage = this.endMsPerMessage === 0 ? perMessage : this.endMsPerMessage * (1 - END_COST_WEIGHT) + perMessage * END_COST_WEIGHT;
  }

  /** The current estimate of a turn's end per message handled, ms (tests and the bench read it). */
  get estimatedEndMsPerMessage(): number {
    return this.endMsPerMessage;
  }

  /** Handles everything waiting now (shutdown: before the final flush). */
  drainNow(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.backlog > 0) {
      const handle = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.run(handle);
    }
    this.queue = [];
    this.head = 0;
    this.endSlice();
    this.turnStart = NO_TURN;
    this.handledInTurn = 0;
  }
}
