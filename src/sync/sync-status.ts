/** The connection state shown to every user, derived from provider events. */
export type SyncState = 'offline' | 'connecting' | 'syncing' | 'synced' | 'denied';

export interface SyncStatus {
  state: SyncState;
  /** Epoch ms of the last completed sync with the server, or null if never. */
  lastSyncedAt: number | null;
  /** Why the server refused the connection (revoked or expired link, no access). */
  deniedReason?: string;
}

export function describeSync(status: SyncStatus): string {
  switch (status.state) {
    case 'synced':
      return 'Connected';
    case 'syncing':
      return 'Syncing…';
    case 'connecting':
      return 'Reconnecting…';
    case 'denied':
      return `Not allowed: ${status.deniedReason ?? 'this link no longer works'}`;
    case 'offline':
      return 'Offline — changes are kept on this device';
  }
}
