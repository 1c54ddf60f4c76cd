/** Answer uploads not yet complete (resumable: a guest offline keeps one open), and the bytes they still wait for. */
import type { Db } from '../db/open';
import type { HealthCheck } from './check';
import type { RecordingStore } from '../uploads/recording-store';

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

/**
 * The same check for uploads kept in PostgreSQL (DATABASE_URL): the health report is built synchronously, so it
 * shows the count read at most `maxAgeMs` earlier (each report asks for a fresh one in the background). The counts
 * cover every node's uploads, as the store does.
 */
export function watchUploads(store: Pick<RecordingStore, 'inProgress'>, maxAgeMs = 1_000): () => HealthCheck {
  let last: HealthCheck = { state: 'ok', message: null, inProgress: null, bytesWaiting: null };
  let readAt = 0;
  let reading = false;
  const refresh = () => {
    if (reading) return;
    reading = true;
    store.inProgress().then(
      (r) => (last = { state: 'ok', message: null, inProgress: r.uploads, bytesWaiting: r.bytesWaiting }),
      (err: unknown) => (last = { state: 'fail', message: `Uploads cannot be read from PostgreSQL: ${(err as Error).message}`, inProgress: null, bytesWaiting: null }),
    ).finally(() => {
      reading = false;
      readAt = Date.now();
    });
  };
  refresh();
  return () => {
    if (Date.now() - readAt > maxAgeMs) refresh();
    return last;
  };
}
