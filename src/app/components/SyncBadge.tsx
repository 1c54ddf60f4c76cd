import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../sync/sync-status';
import { describeSync, describeSyncDetail } from '../../sync/sync-status';

function timeAgo(ms: number): string {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  return `${Math.round(s / 60)} min ago`;
}

/** Ticks once a second while a retry countdown is shown. */
function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

/**
 * Connection state with the last sync time, unsent changes, the next retry and, while changes made offline are sent
 * in parts, how much of them the server has stored;
 * a polite live region so screen readers hear state changes (the countdown
 * itself is kept out of it, or it would be read out every second).
 */
export function SyncBadge({ status }: { status: SyncStatus | null }) {
  const state = status?.state ?? 'connecting';
  const counting = !!status?.reconnect && state !== 'synced' && state !== 'denied';
  const now = useTick(counting);
  const detail = status ? describeSyncDetail(status, now) : null;
  return (
    <span className="sync-badge-wrap">
      <span
        className={`sync-badge sync-${state}`}
        role="status"
        aria-live="polite"
        data-sync-state={state}
        data-pending={status?.pendingChanges ? 'true' : 'false'}
      >
        <span className="dot" aria-hidden="true" />
        {status ? describeSync(status) : 'Opening…'}
        {status?.lastSyncedAt ? <span className="muted"> · last sync {timeAgo(status.lastSyncedAt)}</span> : null}
      </span>
      {detail ? (
        <span className="sync-detail muted" data-testid="sync-detail">
          {' '}
          ({detail})
        </span>
      ) : null}
      {status?.sending && state === 'syncing' ? (
        <progress
          className="sync-sending"
          data-testid="sync-sending"
          aria-label="Changes made offline stored on the server"
          max={status.sending.totalBytes}
          value={status.sending.storedBytes}
        />
      ) : null}
    </span>
  );
}
