/**
 * The fence of every interview write in PostgreSQL (issue #16 item 2: "every write carries the epoch"): documents
 * (postgres-document-storage.ts commit, deleteInterviewDocs) and answer uploads (postgres-recording-store.ts create,
 * append and its completion, removeFor) run this first in their own transaction.
 *
 * The write goes on only while `epoch` is the interview's current lease epoch (cluster/lease-store.ts). FOR SHARE
 * holds the lease row until the transaction ends, so a node taking the lease over (an UPDATE of that row) waits for
 * this write to commit and then reads it; a write that comes after the takeover finds the new epoch and is refused
 * with StaleEpochError. Either way nothing of the old owner lands after the new owner has read the interview.
 * It checks the lease row itself, not an epoch stored beside the data: a paused owner is refused even for a row the
 * new owner has not written yet (its next upload part, the completion of a recording).
 */
import type { PoolClient } from 'pg';
import { StaleEpochError } from '../document-storage';

export async function checkEpoch(c: Pick<PoolClient, 'query'>, interviewId: string, epoch: number): Promise<void> {
  const res = await c.query<{ epoch: string }>('SELECT epoch FROM interview_leases WHERE interview = $1 FOR SHARE', [interviewId]);
  const current = res.rows[0] ? Number(res.rows[0].epoch) : null;
  if (current !== epoch) throw new StaleEpochError(interviewId, epoch, current);
}
