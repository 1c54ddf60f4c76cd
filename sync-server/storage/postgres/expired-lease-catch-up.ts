/**
 * The crash window of shared read models (issue #16): an interview's owner publishes what it projected at most once
 * a second (postgres-projected-docs.ts), so a change it stored in the second before it was SIGKILLed is never
 * published. Its next owner projects and publishes the document when it loads it, but an interview nobody opens
 * again would stay stale in every other node's dashboard until that node restarts.
 *
 * So every node looks, every `intervalMs`, for interview leases that ran out since its last look (by the database's
 * clock, as every lease time is) and compares those interviews' stored documents with its own watermarks; a document
 * stored past its watermark is read from storage and applied (projector.ts `follow.ownerGone`). A lease counts only
 * `graceMs` after it ran out: a lease released on purpose (an idle interview, a drain) ran out when its owner had
 * just handed its last projections to the publisher, and those arrive within a second (INTERQ_PUBLISH_MS); the grace
 * lets them, so a clean release costs a comparison of sequence numbers and no document read (with a publication
 * interval longer than the grace, the documents are read instead: correct, only dearer).
 *
 * Bound: a change a dead owner never published reaches every other node's read model within the lease length plus
 * `graceMs` plus `intervalMs` (6 + 2 + 2 s by default), without anyone opening the interview.
 *
 * The first look covers leases that ran out since `since`, which the caller reads from the database before its
 * start-up catch-up compared storage with its watermarks: a write that catch-up did not see was made under a lease
 * that ran out after it.
 */
import type pg from 'pg';
import type { StoredDocSeq } from '../document-storage';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface ExpiredLeaseListener {
  /** Document kinds the read models read: only these documents of an expired interview are compared. */
  readonly kinds: readonly string[];
  /** Documents of interviews whose owner's lease ran out, with their last stored seq: apply those past the watermark. */
  ownerGone(docs: readonly StoredDocSeq[]): Promise<void>;
}

export interface ExpiredLeaseCatchUp {
  /** Looks now (tests); resolves when the look and what it applied are done. */
  sweep(): Promise<void>;
  stop(): void;
}

/**
 * The look: the leases that ran out in ($1, now - $2 ms], and that bound (one row with a null interview when none
 * did). It reads the index on expires_at (PostgreSQL migration 9), not the whole table, which keeps one row per
 * interview ever served (tests/integration/expired-lease-index.test.ts checks the plan on 100,000 rows).
 */
export const EXPIRED_LEASES_SQL = `SELECT b.upto, l.interview
       FROM (SELECT clock_timestamp() - $2::float8 * interval '1 millisecond' AS upto) b
       LEFT JOIN interview_leases l ON l.expires_at > $1 AND l.expires_at <= b.upto`;

/** The database's clock now: the start of the first look (read before the start-up catch-up). */
export async function databaseNow(pool: pg.Pool): Promise<Date> {
  const res = await pool.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  return res.rows[0]!.now;
}

export function startExpiredLeaseCatchUp(opts: {
  pool: pg.Pool;
  listener: ExpiredLeaseListener;
  since: Date;
  log: Logger;
  intervalMs?: number;
  graceMs?: number;
}): ExpiredLeaseCatchUp {
  const intervalMs = opts.intervalMs ?? 2_000;
  const graceMs = opts.graceMs ?? 2_000;
  let since = opts.since;
  let stopped = false;
  let running: Promise<void> | null = null;

  const look = async (): Promise<void> => {
    // Leases that ran out in (since, now - grace]. The bound is the database's time, kept for the next look (a
    // millisecond rounded down at most: a lease on the edge is looked at twice, never missed).
    const gone = await opts.pool.query<{ upto: Date; interview: string | null }>(EXPIRED_LEASES_SQL, [since, graceMs]);
    const upto = gone.rows[0]!.upto;
    const interviews = gone.rows.flatMap((r) => (r.interview === null ? [] : [r.interview]));
    if (interviews.length > 0 && !stopped) {
      const names = interviews.flatMap((id) => opts.listener.kinds.map((kind) => `${id}.${kind}`));
      const stored = await opts.pool.query<{ doc: string; last_seq: string }>(
        `SELECT doc, MAX(seq) AS last_seq FROM (
           SELECT doc, upto_seq AS seq FROM yjs_snapshots WHERE doc = ANY($1::text[])
           UNION ALL SELECT doc, MAX(seq) AS seq FROM yjs_updates WHERE doc = ANY($1::text[]) GROUP BY doc
         ) s GROUP BY doc`,
        [names],
      );
      if (!stopped) await opts.listener.ownerGone(stored.rows.map((r) => ({ doc: r.doc, lastSeq: Number(r.last_seq) })));
    }
    // Moved on only once the look succeeded: a failed one is repeated over the same leases.
    if (upto > since) since = upto;
  };

  const sweep = (): Promise<void> => {
    running ??= look()
      .catch((err: unknown) =>
        opts.log('warn', 'Could not look for interviews whose owner stopped; trying again', { error: (err as Error).message }),
      )
      .finally(() => {
        running = null;
      });
    return running;
  };

  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    sweep,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
