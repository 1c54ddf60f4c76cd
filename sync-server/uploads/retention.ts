/**
 * Deletes answer recordings older than the configured retention (INTERQ_RECORDING_RETENTION_DAYS): candidates'
 * voices are personal data, kept no longer than the hiring process needs them. Runs at start and then at a
 * quarter of the retention period (between a second and an hour), so nothing outlives the period by much.
 */
import type { Logger } from '../log';
import type { RecordingStore } from './recording-store';

const MIN_SWEEP_MS = 1000;
const MAX_SWEEP_MS = 60 * 60_000;

/** Starts the sweeps; returns the function that stops them. */
export function startRecordingRetention(store: Pick<RecordingStore, 'deleteCreatedBefore'>, retentionMs: number, log: Logger, now = () => Date.now()): () => void {
  // The store may answer over the network (PostgreSQL): a sweep still running when the next is due is not doubled.
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const gone = await store.deleteCreatedBefore(now() - retentionMs);
      if (gone.recordings > 0) {
        log('info', 'Deleted answer recordings past their retention', { recordings: gone.recordings, bytes: gone.bytes, retentionDays: retentionMs / 86_400_000 });
      }
    } catch (err) {
      log('error', 'Could not delete expired answer recordings; will try again', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      sweeping = false;
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), Math.min(MAX_SWEEP_MS, Math.max(MIN_SWEEP_MS, Math.round(retentionMs / 4))));
  timer.unref();
  return () => clearInterval(timer);
}
