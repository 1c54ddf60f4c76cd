/** Connection status for the live session: jittered backoff, combined status of several documents, wording. */
import { describe, expect, it } from 'vitest';
import { combineSyncStatuses, describeSync, describeSyncDetail, reconnectDelay, RECONNECT_BASE_MS, type SyncStatus } from '../../src/sync/sync-status';

describe('reconnectDelay', () => {
  it('doubles per attempt up to the cap, with a random half of each step', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const step = Math.min(10_000, RECONNECT_BASE_MS * 2 ** (attempt - 1));
      expect(reconnectDelay(attempt, 10_000, 0)).toBe(Math.round(step / 2));
      expect(reconnectDelay(attempt, 10_000, 0.999999)).toBe(Math.round(step - (step / 2) * 0.000001));
      const mid = reconnectDelay(attempt, 10_000, 0.5);
      expect(mid).toBeGreaterThanOrEqual(step / 2);
      expect(mid).toBeLessThanOrEqual(step);
    }
    expect(reconnectDelay(1000, 10_000, 1)).toBe(10_000);
  });

  it('spreads clients that retry at the same attempt', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => reconnectDelay(6, 10_000, i / 50)));
    expect(delays.size).toBe(50);
  });
});

describe('combineSyncStatuses', () => {
  const synced: SyncStatus = { state: 'synced', lastSyncedAt: 2_000 };
  it('reports the worst state, unsent changes anywhere, the oldest sync and the soonest retry', () => {
    const combined = combineSyncStatuses([
      synced,
      { state: 'offline', lastSyncedAt: 1_000, pendingChanges: true, reconnect: { attempt: 3, nextAt: 9_000 } },
      { state: 'connecting', lastSyncedAt: 1_500, reconnect: { attempt: 2, nextAt: 5_000 } },
      null,
    ]);
    expect(combined).toEqual({ state: 'offline', lastSyncedAt: 1_000, pendingChanges: true, reconnect: { attempt: 2, nextAt: 5_000 } });
    expect(combineSyncStatuses([synced, { state: 'denied', lastSyncedAt: null, deniedReason: 'token revoked' }])).toMatchObject({
      state: 'denied',
      deniedReason: 'token revoked',
      lastSyncedAt: null,
    });
    expect(combineSyncStatuses([null])).toBeNull();
  });
});

describe('wording', () => {
  it('names unsent changes and the next retry while disconnected, nothing once synced', () => {
    const offline: SyncStatus = { state: 'offline', lastSyncedAt: 0, pendingChanges: true, reconnect: { attempt: 4, nextAt: 10_400 } };
    expect(describeSync(offline)).toBe('Offline — changes are kept on this device');
    expect(describeSyncDetail(offline, 6_000)).toBe('unsent changes kept on this device · retry 4 in 5 s');
    expect(describeSyncDetail({ ...offline, reconnect: null }, 6_000)).toBe('unsent changes kept on this device');
    expect(describeSyncDetail({ state: 'synced', lastSyncedAt: 1, pendingChanges: false, reconnect: null }, 6_000)).toBeNull();
  });
});

describe('changes made offline sent in parts', () => {
  it('says they are being sent and how much the server has stored, and names what could not be sent', () => {
    const MiB = 1024 * 1024;
    const sending: SyncStatus = { state: 'syncing', lastSyncedAt: 0, pendingChanges: true, sending: { storedBytes: 1.5 * MiB, totalBytes: 4.25 * MiB } };
    expect(describeSync(sending)).toBe('Sending changes made offline…');
    expect(describeSyncDetail(sending, 0)).toBe('unsent changes kept on this device · 1.5 of 4.3 MB stored on the server');
    const unsent: SyncStatus = { state: 'syncing', lastSyncedAt: 0, pendingChanges: true, unsent: 'a record of 3.0 MB is larger than the 2.0 MB the server takes at once' };
    expect(describeSync(unsent)).toBe('Some changes could not be sent');
    expect(describeSyncDetail(unsent, 0)).toBe('unsent changes kept on this device · not sent: a record of 3.0 MB is larger than the 2.0 MB the server takes at once');
    expect(describeSyncDetail({ state: 'synced', lastSyncedAt: 1, sending: null, unsent: null }, 0)).toBeNull();
    // Several documents: the bytes add up, and a problem in any of them shows.
    const combined = combineSyncStatuses([sending, { ...sending, sending: { storedBytes: 0.5 * MiB, totalBytes: 0.75 * MiB } }, { ...unsent, state: 'synced' }]);
    expect(combined?.sending).toEqual({ storedBytes: 2 * MiB, totalBytes: 5 * MiB });
    expect(combined?.unsent).toBe(unsent.unsent);
  });
});
