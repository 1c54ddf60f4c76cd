import type { SyncStatus } from '../../sync/sync-status';
import { describeSync } from '../../sync/sync-status';

function timeAgo(ms: number): string {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  return `${Math.round(s / 60)} min ago`;
}

/** Connection state with the last sync time; a polite live region so screen readers hear changes. */
export function SyncBadge({ status }: { status: SyncStatus | null }) {
  const state = status?.state ?? 'connecting';
  return (
    <span className={`sync-badge sync-${state}`} role="status" aria-live="polite" data-sync-state={state}>
      <span className="dot" aria-hidden="true" />
      {status ? describeSync(status) : 'Opening…'}
      {status?.lastSyncedAt ? <span className="muted"> · last sync {timeAgo(status.lastSyncedAt)}</span> : null}
    </span>
  );
}
