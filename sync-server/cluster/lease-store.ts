/**
 * The SQL of interview leases (table `interview_leases`, storage/postgres/migrations.ts version 2). Each operation
 * is one statement, so two nodes racing for one interview are ordered by PostgreSQL's row lock, and every time is
 * the database's (`clock_timestamp()`): a node's own clock is never compared with another's.
 */
import type { Pool } from 'pg';

/** Who holds an interview now (read when a lease could not be taken). */
export interface LeaseHolder {
  owner: string;
  ownerAddress: string;
  epoch: number;
  /** Milliseconds the holder's lease still runs, by the database's clock (≤ 0: expired). */
  remainingMs: number;
}

export type AcquireResult = { acquired: true; epoch: number } | { acquired: false; holder: LeaseHolder | null };

export class LeaseStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Takes the interview's lease for `owner` when nobody holds it, when it expired, or when `owner` holds it already
   * (a restarted node, or one that stepped down and comes back): each of these is a new epoch, so whatever an
   * earlier holder (an earlier life of this node included) still has in flight is refused. A live lease of
   * another node is left alone and its holder returned.
   */
  async acquire(interview: string, owner: string, ownerAddress: string, ttlMs: number): Promise<AcquireResult> {
    const res = await this.pool.query<{ epoch: string }>(
      `INSERT INTO interview_leases AS l (interview, owner, owner_address, epoch, expires_at)
       VALUES ($1, $2, $3, 1, clock_timestamp() + $4 * interval '1 millisecond')
       ON CONFLICT (interview) DO UPDATE
         SET owner = excluded.owner, owner_address = excluded.owner_address, epoch = l.epoch + 1, expires_at = excluded.expires_at
         WHERE l.expires_at <= clock_timestamp() OR l.owner = excluded.owner
       RETURNING epoch`,
      [interview, owner, ownerAddress, ttlMs],
    );
    const row = res.rows[0];
    if (row) return { acquired: true, epoch: Number(row.epoch) };
    return { acquired: false, holder: await this.holder(interview) };
  }

  async holder(interview: string): Promise<LeaseHolder | null> {
    const res = await this.pool.query<{ owner: string; owner_address: string; epoch: string; remaining_ms: number }>(
      `SELECT owner, owner_address, epoch, (EXTRACT(EPOCH FROM (expires_at - clock_timestamp())) * 1000)::float8 AS remaining_ms
       FROM interview_leases WHERE interview = $1`,
      [interview],
    );
    const r = res.rows[0];
    return r ? { owner: r.owner, ownerAddress: r.owner_address, epoch: Number(r.epoch), remainingMs: r.remaining_ms } : null;
  }

  /**
   * Extends the leases `owner` still holds at the given epochs, all in one statement; returns the interviews it
   * extended. An interview missing from the answer changed owner (or was released): its holder must step down.
   * A lease that expired but nobody took is still extended: its epoch is unchanged, so nobody else has written.
   */
  async renew(owner: string, held: ReadonlyMap<string, number>, ttlMs: number): Promise<Set<string>> {
    if (held.size === 0) return new Set();
    const res = await this.pool.query<{ interview: string }>(
      `UPDATE interview_leases AS l SET expires_at = clock_timestamp() + $4 * interval '1 millisecond'
       FROM unnest($2::text[], $3::bigint[]) AS t(interview, epoch)
       WHERE l.interview = t.interview AND l.epoch = t.epoch AND l.owner = $1
       RETURNING l.interview`,
      [owner, [...held.keys()], [...held.values()], ttlMs],
    );
    return new Set(res.rows.map((r) => r.interview));
  }

  /**
   * Gives a lease up (the node stops serving the interview: idle, draining): it expires now, so the next node the
   * proxy sends a client to takes it at once instead of after the lease's time. Only at the epoch still held.
   */
  async release(interview: string, owner: string, epoch: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE interview_leases SET expires_at = clock_timestamp() WHERE interview = $1 AND owner = $2 AND epoch = $3`,
      [interview, owner, epoch],
    );
    return (res.rowCount ?? 0) > 0;
  }
}
