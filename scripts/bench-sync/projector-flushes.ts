/**
 * The projector's live transactions over one window (sync-server/projections/projector.ts FlushStats, taken by
 * tests/support/app-process.ts at the window's start and end): how many, how many documents each held, and how long
 * each held the event loop, so a change to the projector's flushes shows in bench:sync's own report.
 */
import type { FlushStats } from '../../sync-server/projections/projector';

export type { FlushStats };

/** The window's figures: counters as differences; the max fields are already the window's (taken at its start). */
export function flushStatsBetween(start: FlushStats, end: FlushStats): FlushStats {
  return {
    transactions: end.transactions - start.transactions,
    docs: end.docs - start.docs,
    maxDocs: end.maxDocs,
    ms: end.ms - start.ms,
    maxMs: end.maxMs,
  };
}

export function describeFlushStats(f: FlushStats): string {
  const per = (n: number) => (f.transactions > 0 ? n / f.transactions : 0);
  return (
    `${f.transactions} transactions, ${per(f.docs).toFixed(1)} documents each (max ${f.maxDocs}), ` +
    `${per(f.ms).toFixed(2)} ms each (max ${f.maxMs.toFixed(1)} ms, ${f.ms.toFixed(0)} ms in all)`
  );
}
