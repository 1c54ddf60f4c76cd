import { DOC_KINDS, type DocKind } from '../../src/domain/access';
import { DOC_SCHEMAS, type DocSizeCaps } from '../../src/domain/doc-schema';
import { MAX_SYNC_MESSAGE_BYTES } from '../../src/domain/sync-limits';

/**
 * Limits that keep one client (buggy, malicious or just holding a leaked link)
 * from starving everyone else on the sync server. Every value can be overridden
 * through `CollabServerOptions.limits`; the defaults fit live interviews where a
 * person has a few tabs open, each holding up to six documents of an interview.
 */
export interface CollabLimits {
  /**
   * Largest WebSocket message accepted, in bytes (default 2 MiB, src/domain/sync-limits.ts). Guards memory
   * against one huge frame; an oversized frame closes only its connection (1009).
   * The app's clients send more than this at once (a sync after long offline work)
   * as several messages under it (src/sync/chunked-sync.ts); a server with a lower
   * limit than the clients know closes them on every such sync.
   */
  maxMessageBytes: number;
  /**
   * Open connections per token (default 48): a few tabs times six documents.
   * Stops a leaked link from exhausting sockets and file descriptors. Refused with 429.
   */
  maxConnectionsPerToken: number;
  /**
   * Distinct documents one token may hold open at once (default 60, i.e. ten
   * interviews). Only tokens for every interview (host workspace) can reach it:
   * it stops one token from pinning the memory of thousands of loaded documents.
   */
  maxDocsPerToken: number;
  /**
   * Sustained messages per second per connection (default 60; typing with a
   * cursor sends about 20). Above it the server stops reading the socket until
   * the budget refills, so a flood slows its own sender down, not the server.
   */
  messagesPerSecond: number;
  /** Messages a connection may send in a burst before throttling starts (default 300). */
  messageBurst: number;
  /** Sustained bytes per second per connection (default 512 KiB). */
  bytesPerSecond: number;
  /** Byte burst per connection (default 4 MiB; at least one maximum-size message). */
  byteBurst: number;
  /**
   * A connection that keeps sending while throttled accumulates debt; past this
   * many seconds of debt it is closed (1008). Default 30.
   */
  maxThrottleDebtSeconds: number;
  /**
   * Upgrade attempts per token: burst (default 60) and refill per second (default 2).
   * Bounds reconnect storms and token-guessing work per token. Refused with 429.
   */
  upgradeBurst: number;
  upgradesPerSecond: number;
  /**
   * Bytes queued to one client that has stopped reading (default 8 MiB). Past it
   * the connection is closed (1013) instead of buffering without bound; the
   * client reconnects and resyncs.
   */
  maxBufferedBytes: number;
  /** Awareness client ids one connection may own (default 4; a stock client uses one). */
  maxAwarenessClientsPerConnection: number;
  /**
   * Interval of the ping round, in ms (default 30 s). A connection that sent
   * nothing since the last round is pinged, and terminated if it is still silent
   * at the next, so dead TCP connections free their slots (at most three rounds
   * after their last frame; connection.ts heartbeat).
   */
  pingIntervalMs: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: MAX_SYNC_MESSAGE_BYTES,
  maxConnectionsPerToken: 48,
  maxDocsPerToken: 60,
  messagesPerSecond: 60,
  messageBurst: 300,
  bytesPerSecond: 512 * 1024,
  byteBurst: 4 * 1024 * 1024,
  maxThrottleDebtSeconds: 30,
  upgradeBurst: 60,
  upgradesPerSecond: 2,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxAwarenessClientsPerConnection: 4,
  pingIntervalMs: 30_000,
};

/** Overrides of the per-kind size caps of src/domain/doc-schema.ts (tests use small ones). */
export type SizeCapOverrides = Partial<Record<DocKind, Partial<DocSizeCaps>>>;

export function resolveSizeCaps(overrides: SizeCapOverrides | undefined): (kind: DocKind) => DocSizeCaps {
  const caps = new Map<DocKind, DocSizeCaps>();
  for (const kind of DOC_KINDS) {
    const c = { ...DOC_SCHEMAS[kind].caps, ...overrides?.[kind] };
    for (const [key, value] of Object.entries(c)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`Size cap ${key} of ${kind} documents must be a positive number, got ${String(value)}`);
      }
    }
    caps.set(kind, c);
  }
  return (kind) => caps.get(kind)!;
}

export interface PersistenceOptions {
  /**
   * Delay before a document is compacted once it has `compactAfterUpdates`
   * stored updates, and the first retry delay after a failed write (default 2 s).
   * Incoming updates themselves are written at once (see doc-store.ts).
   */
  debounceMs: number;
  /** Stored updates of one document that trigger a compaction into a snapshot (default 200). */
  compactAfterUpdates: number;
  /** A document without connections is unloaded from memory after this long (default 30 s). */
  idleUnloadMs: number;
}

export const DEFAULT_PERSISTENCE: PersistenceOptions = {
  debounceMs: 2000,
  compactAfterUpdates: 200,
  idleUnloadMs: 30_000,
};

export function resolveLimits(partial: Partial<CollabLimits> | undefined): CollabLimits {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  for (const [key, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`Collab limit ${key} must be a positive number, got ${String(value)}`);
    }
  }
  if (limits.byteBurst < limits.maxMessageBytes) limits.byteBurst = limits.maxMessageBytes;
  return limits;
}

export function resolvePersistence(partial: Partial<PersistenceOptions> | undefined): PersistenceOptions {
  const p = { ...DEFAULT_PERSISTENCE, ...partial };
  for (const [key, value] of Object.entries(p)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Collab persistence option ${key} must be a non-negative number, got ${String(value)}`);
    }
  }
  p.compactAfterUpdates = Math.max(1, Math.floor(p.compactAfterUpdates));
  return p;
}
