/**
 * One SQLite transaction per turn of the event loop, not one per client update.
 *
 * Every commit of a small update costs SQLite a transaction: its WAL frames (the table's last page and a page of the
 * (doc, seq) index, 4 KiB each; a third, AUTOINCREMENT's counter page, until migration 8) and their write calls. With one transaction per
 * update that was the largest thing our server did per update beyond what y-websocket's reference server does
 * (bench:sync: about 56 µs of CPU and up to several hundred µs of blocked event loop per commit on a busy machine;
 * 13-16 µs per update when 8 or more share a transaction). Here the commit queues of every document (live-doc.ts)
 * hand their batch over, and all of them are written in one transaction once the turn's socket reads are done
 * (setImmediate runs after the poll phase that read them), then each document relays and announces its batch.
 *
 * "Stored before relayed" is unchanged: nothing is relayed, acknowledged or announced before the transaction that
 * holds it committed; a failed transaction fails every batch in it, and each document retries its own as before.
 * The cost is at most one pass over the turn's other sockets before a relay, which the relay waited for anyway.
 * Server-side edits (openDoc users) still commit before the edit returns: the document calls `flush` for them.
 */
export interface TurnBatch {
  name: string;
  updates: readonly Uint8Array[];
  claims: readonly { client: number; owner: string }[];
}

export interface TurnJob extends TurnBatch {
  /** The transaction committed: the batch's sequence numbers, in order. */
  done(seqs: number[]): void;
  failed(err: Error): void;
}

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export class TurnCommits {
  private jobs: TurnJob[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private flushing = false;
  private owner: { readonly turnEndDue: boolean } | null = null;
  /** Transactions written and batches they carried (bench and tests read how much was shared). */
  transactions = 0;
  batches = 0;

  constructor(
    /** Commits every batch in one transaction (all or none) and returns each one's sequence numbers. */
    private readonly commitAll: (batches: readonly TurnBatch[]) => number[][],
    private readonly log: Logger,
  ) {}

  /**
   * Who else ends the turn with `flush` (message-slices.ts: a turn that read client messages ends with their slice,
   * which commits): while its end is due, no second immediate is scheduled here. Batches queued outside a message (a
   * retry timer, a hook) still get this class's own.
   */
  endsWith(owner: { readonly turnEndDue: boolean }): void {
    this.owner = owner;
  }

  /** Queues a document's batch for the transaction at the end of this turn. */
  add(job: TurnJob): void {
    this.jobs.push(job);
    if (this.scheduled === null && !this.flushing && !this.owner?.turnEndDue) this.scheduled = setImmediate(this.runFlush);
  }

  private readonly runFlush = (): void => this.flush();

  /**
   * Commits what is queued now, in this call (a server-side edit, a flush before shutdown, the size cap's
   * compaction). Batches queued while the committed ones are relayed (a hook's own edit) go in the next
   * transaction of the same call. Called while already flushing (from such a hook), it returns at once: the
   * outer call commits them.
   */
  flush(): void {
    if (this.flushing) return;
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.flushing = true;
    try {
      while (this.jobs.length > 0) {
        const jobs = this.jobs;
        this.jobs = [];
        let results: number[][];
        try {
          results = this.commitAll(jobs);
        } catch (err) {
          for (const job of jobs) this.settle(() => job.failed(err as Error), job);
          continue;
        }
        this.transactions++;
        this.batches += jobs.length;
        jobs.forEach((job, i) => this.settle(() => job.done(results[i]!), job));
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One document's relay or retry must not keep the others' batches from theirs. */
  private settle(fn: () => void, job: TurnJob): void {
    try {
      fn();
    } catch (err) {
      this.log('error', 'Failed to relay a stored batch of updates', { doc: job.name, error: (err as Error).message });
    }
  }
}
