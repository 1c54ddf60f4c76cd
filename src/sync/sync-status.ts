import { jitteredBackoffMs } from '../domain/backoff';

/** The connection state shown to every user, derived from provider events. */
export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'denied';

/** The next automatic connection attempt, while the connection is down. */
export interface ReconnectInfo {
  /** Attempts since the last successful sync (1 = the first retry). */
  attempt: number;
  /** Epoch ms of the next attempt. */
  nextAt: number;
}

export interface SyncStatus {
  state: SyncState;
  /** Epoch ms of the last completed sync with the server, or null if never. */
  lastSyncedAt: number | null;
  /** Why the server refused the connection (revoked or expired link, no access), as a sentence for the person (src/domain/link-errors.ts). */
  deniedReason?: string;
  /**
   * Changes were made on this device while it was not in sync with the server,
   * and no sync has completed since. y-websocket has no acknowledgement, so this
   * is an approximation: it clears once a sync completes, which is when the
   * exchange has sent the server everything it was missing.
   */
  pendingChanges?: boolean;
  /** Set while waiting to reconnect (backoff with jitter); null or absent otherwise. */
  reconnect?: ReconnectInfo | null;
  /**
   * Set while changes larger than one message (work done offline) are being sent in parts (src/sync/chunked-sync.ts):
   * how much of them the server has stored.
   */
  sending?: { storedBytes: number; totalBytes: number } | null;
  /** Why some changes on this device could not be sent (they stay on it); cleared by the next completed sync. */
  unsent?: string | null;
}

const MiB = 1024 * 1024;

/** "0.4 of 3.1 MB" */
function formatProgress(done: number, total: number): string {
  return `${(done / MiB).toFixed(1)} of ${(total / MiB).toFixed(1)} MB`;
}

export function describeSync(status: SyncStatus): string {
  switch (status.state) {
    case 'synced':
      return 'Connected';
    case 'syncing':
      if (status.unsent) return 'Some changes could not be sent';
      return status.sending ? 'Sending changes made offline…' : 'Syncing…';
    case 'connecting':
      return 'Reconnecting…';
    case 'denied':
      return status.deniedReason ?? 'This link no longer works: ask the host for a new one.';
    case 'offline':
      return 'Offline — changes are kept on this device';
  }
}

/** The extra line under the state: unsent changes and the next retry, e.g. "unsent changes · retry 3 in 4 s". */
export function describeSyncDetail(status: SyncStatus, now: number): string | null {
  const parts: string[] = [];
  if (status.pendingChanges && status.state !== 'synced' && status.state !== 'denied') parts.push('unsent changes kept on this device');
  if (status.sending && status.state === 'syncing') parts.push(`${formatProgress(status.sending.storedBytes, status.sending.totalBytes)} stored on the server`);
  if (status.unsent && status.state !== 'synced') parts.push(`not sent: ${status.unsent}`);
  if (status.reconnect && status.state !== 'synced' && status.state !== 'denied') {
    const s = Math.max(0, Math.ceil((status.reconnect.nextAt - now) / 1000));
    parts.push(s > 0 ? `retry ${status.reconnect.attempt} in ${s} s` : `retry ${status.reconnect.attempt} now`);
  }
  return parts.length ? parts.join(' · ') : null;
}

export const RECONNECT_BASE_MS = 250;

/** Delay before reconnect attempt `attempt` (1-based): jittered exponential backoff from RECONNECT_BASE_MS. */
export function reconnectDelay(attempt: number, maxMs: number, random: number): number {
  return jitteredBackoffMs(attempt, RECONNECT_BASE_MS, maxMs, random);
}

const SEVERITY: Record<SyncState, number> = { synced: 0, syncing: 1, connecting: 2, offline: 3, denied: 4 };

/**
 * One status for a screen that uses several documents: the worst state, unsent
 * changes if any document has them, the oldest last sync, the soonest retry.
 */
export function combineSyncStatuses(statuses: ReadonlyArray<SyncStatus | null>): SyncStatus | null {
  const known = statuses.filter((s): s is SyncStatus => s !== null);
  if (known.length === 0) return null;
  let worst = known[0]!;
  for (const s of known) if (SEVERITY[s.state] > SEVERITY[worst.state]) worst = s;
  const synced = known.map((s) => s.lastSyncedAt);
  const lastSyncedAt = synced.some((t) => t === null) ? null : Math.min(...(synced as number[]));
  const retries = known.map((s) => s.reconnect).filter((r): r is ReconnectInfo => !!r);
  const reconnect = retries.length ? retries.reduce((a, b) => (b.nextAt < a.nextAt ? b : a)) : null;
  const combined: SyncStatus = {
    state: worst.state,
    lastSyncedAt,
    pendingChanges: known.some((s) => s.pendingChanges === true),
    reconnect,
  };
  if (worst.deniedReason !== undefined) combined.deniedReason = worst.deniedReason;
  const sending = known.map((s) => s.sending).filter((p): p is NonNullable<SyncStatus['sending']> => !!p);
  if (sending.length > 0) {
    combined.sending = sending.reduce((a, b) => ({ storedBytes: a.storedBytes + b.storedBytes, totalBytes: a.totalBytes + b.totalBytes }));
  }
  const unsent = known.find((s) => s.unsent)?.unsent;
  if (unsent) combined.unsent = unsent;
  return combined;
}
