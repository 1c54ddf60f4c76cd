/** Answer uploads not yet complete (resumable: a guest offline keeps one open), and the bytes they still wait for. */
import type { Db } from '../db/open';
import type { HealthCheck } from './check';

export function uploadsCheck(db: Db): HealthCheck {
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(total_bytes - received_bytes), 0) AS waiting FROM recordings WHERE completed_at IS NULL')
      .get() as { n: number; waiting: number };
    return { state: 'ok', message: null, inProgress: row.n, bytesWaiting: row.waiting };
  } catch (err) {
    return { state: 'fail', message: `Uploads cannot be read from the database: ${(err as Error).message}`, inProgress: null, bytesWaiting: null };
  }
}
