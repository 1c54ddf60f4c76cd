/**
 * Opens one Yjs document the local-first way: y-indexeddb first (so the last
 * state is there offline and survives reloads), then the sync server over the
 * y-websocket protocol when a token is available. Handles are shared and
 * reference-counted so two screens never fight over one document.
 *
 * Reconnecting: y-websocket backs off exponentially but without jitter, and a
 * socket that the browser reports offline may linger half-open. So this module
 * takes over the schedule without forking the library: when a connection
 * closes it clears the provider's `shouldConnect` (the library's own timer then
 * does nothing) and calls `provider.connect()` itself after a jittered backoff
 * (`reconnectDelay`). Going offline closes the socket at once; coming back
 * online retries at once. Close codes 4400-4499 stay final, as in the library.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { syncProtocols } from '../domain/sync-auth';
import { Awareness } from 'y-protocols/awareness';
import { canWrite, docName, type DocKind } from '../domain/access';
import { decodeClaims } from '../auth/token-claims';
import { syncRefusalSentence } from '../domain/link-errors';
import { reconnectDelay, type SyncStatus } from './sync-status';
import { installChunkedSync } from './chunked-sync';

export interface DocHandle {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Resolves once the locally stored state is loaded. */
  readonly whenLocal: Promise<void>;
  status(): SyncStatus;
  onStatus(fn: (s: SyncStatus) => void): () => void;
  /** Starts syncing with the server once a token becomes available. */
  connect(token: string): void;
  release(): void;
  /**
   * Presence on this document (y-protocols awareness). Exists before and without
   * a connection; its local state travels once connected. Its initial local
   * state is `{}` (kept non-null: the renewals every 15 s are what keeps an idle
   * connection's watchdog quiet). Use src/sync/presence.ts to set and read it.
   */
  awareness(): Awareness;
}

/** Longest wait between reconnect attempts. */
export const MAX_RECONNECT_DELAY_MS = 10_000;
/** When the browser says it is online again, retry within this (random) delay. */
const ONLINE_RETRY_JITTER_MS = 500;

interface Entry {
  handle: DocHandle;
  refs: number;
  /** Resolves once the document's IndexedDB connection is closed (its database can then be deleted). */
  destroy(): Promise<void>;
}

const open = new Map<string, Entry>();

export function syncServerUrl(loc: Location = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`;
}

export function openDoc(interviewId: string, kind: DocKind, token: string | null): DocHandle {
  const name = docName(interviewId, kind);
  const existing = open.get(name);
  if (existing) {
    existing.refs += 1;
    if (token) existing.handle.connect(token);
    return existing.handle;
  }
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(`interq-yjs:${name}`, doc);
  const awareness = new Awareness(doc);
  const listeners = new Set<(s: SyncStatus) => void>();
  const pendingKey = `interq-pending:${name}`;
  let status: SyncStatus = {
    state: navigator.onLine ? 'connecting' : 'offline',
    lastSyncedAt: null,
    pendingChanges: readPendingFlag(pendingKey),
    reconnect: null,
  };
  let provider: WebsocketProvider | null = null;
  let destroyed = false;
  let denied = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const setStatus = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    for (const fn of listeners) fn(status);
  };

  const setPending = (pending: boolean) => {
    if (status.pendingChanges === pending) return;
    writePendingFlag(pendingKey, pending);
    setStatus({ pendingChanges: pending });
  };

  // A change made here (not loaded from IndexedDB, not received from the server)
  // while the connection is not live stays unsent until the next completed sync.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === local || (provider !== null && origin === provider)) return;
    const live = provider !== null && provider.wsconnected && provider.synced;
    if (!live) setPending(true);
  };
  doc.on('update', onUpdate);

  const clearRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  const scheduleReconnect = (delay: number) => {
    clearRetry();
    if (destroyed || denied || !provider) return;
    const p = provider;
    setStatus({
      state: navigator.onLine ? 'connecting' : 'offline',
      reconnect: { attempt: Math.max(attempt, 1), nextAt: Date.now() + delay },
    });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!destroyed && !denied) p.connect();
    }, delay);
  };

  const onlineChange = () => {
    if (!navigator.onLine) {
      setStatus({ state: 'offline' });
      // The socket may linger half-open after the network went away: close it and
      // keep retrying with backoff (a server on this very machine may still answer).
      if (provider && provider.ws) provider.disconnect();
    } else {
      if (status.state === 'offline') setStatus({ state: 'connecting' });
      if (provider && !provider.wsconnected && retryTimer !== null) {
        scheduleReconnect(Math.round(Math.random() * ONLINE_RETRY_JITTER_MS));
      }
    }
  };
  window.addEventListener('online', onlineChange);
  window.addEventListener('offline', onlineChange);

  const connect = (tok: string) => {
    if (provider) return;
    const p = new WebsocketProvider(syncServerUrl(), name, doc, {
      // The token travels in the Sec-WebSocket-Protocol header, never in the URL (src/domain/sync-auth.ts).
      protocols: syncProtocols(tok),
      awareness,
      maxBackoffTime: MAX_RECONNECT_DELAY_MS,
    });
    provider = p;
    // Changes larger than a message the server takes (work done offline) go in parts, acknowledged as stored.
    installChunkedSync(p, {
      // A catch-up after the sync (a large local change) makes the document "syncing" again until it is stored.
      onCatchUp: (sending) => setStatus(sending && status.state === 'synced' ? { sending, state: 'syncing' } : { sending }),
      onUnsent: (unsent) => setStatus({ unsent }),
    });
    // A role that only reads this document never sends it anything. After a reload y-indexeddb applies the stored
    // copy while the socket may already be open, and the provider would send that copy as an update, which the
    // server refuses ("Refused a write"). Detaching the provider's update listener keeps every local change local;
    // what the server sends still arrives.
    const claims = decodeClaims(tok);
    if (claims && !canWrite(claims.role, kind)) doc.off('update', p._updateHandler);
    p.on('status', ({ status: s }: { status: string }) => {
      if (s === 'connected') setStatus({ state: 'syncing', reconnect: null });
      else if (s === 'connecting') setStatus({ state: navigator.onLine ? 'connecting' : 'offline' });
      else {
        forgetDepartedPresence(awareness);
        freshenOwnPresence(awareness);
        setStatus({ state: navigator.onLine ? 'connecting' : 'offline' });
      }
    });
    p.on('sync', (synced: boolean) => {
      if (!synced) return;
      attempt = 0;
      writePendingFlag(pendingKey, false);
      setStatus({ state: 'synced', lastSyncedAt: Date.now(), pendingChanges: false, reconnect: null, sending: null, unsent: null });
    });
    p.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      denied = true;
      clearRetry();
      setStatus({ state: 'denied', deniedReason: syncRefusalSentence(reason || `closed with code ${code}`, claims?.role ?? null), reconnect: null });
    });
    p.on('connection-close', (event: CloseEvent | null) => {
      if (destroyed) return;
      if (event && event.code >= 4400 && event.code < 4500) {
        denied = true;
        clearRetry();
        setStatus({ state: 'denied', deniedReason: syncRefusalSentence(event.reason || `closed with code ${event.code}`, claims?.role ?? null), reconnect: null });
        return;
      }
      // Our schedule replaces the library's (which has no jitter): its timer finds shouldConnect false and does nothing.
      p.shouldConnect = false;
      attempt += 1;
      scheduleReconnect(reconnectDelay(attempt, MAX_RECONNECT_DELAY_MS, Math.random()));
    });
  };

  const handle: DocHandle = {
    name,
    doc,
    whenLocal: local.whenSynced.then(() => undefined),
    status: () => status,
    onStatus(fn) {
      listeners.add(fn);
      fn(status);
      return () => listeners.delete(fn);
    },
    connect,
    awareness: () => awareness,
    release() {
      const entry = open.get(name);
      if (!entry) return;
      entry.refs -= 1;
      if (entry.refs <= 0) {
        open.delete(name);
        void entry.destroy();
      }
    },
  };
  open.set(name, {
    handle,
    refs: 1,
    destroy() {
      destroyed = true;
      clearRetry();
      window.removeEventListener('online', onlineChange);
      window.removeEventListener('offline', onlineChange);
      doc.off('update', onUpdate);
      // Before the provider goes: it tells the others this device has left.
      provider?.destroy();
      awareness.destroy();
      const closed = local.destroy();
      doc.destroy();
      return closed;
    },
  });
  if (token) connect(token);
  return handle;
}

/**
 * Closes every open document of one interview at once, whoever holds it (the interview is being deleted from this
 * device): syncing stops and the IndexedDB connections close, so their databases can be deleted. A screen that
 * still holds a handle finds it released (release() is then a no-op).
 */
export async function closeInterviewDocs(interviewId: string): Promise<number> {
  const closing: Promise<void>[] = [];
  for (const [name, entry] of [...open]) {
    if (!name.startsWith(`${interviewId}.`)) continue;
    open.delete(name);
    closing.push(entry.destroy().catch(() => undefined));
  }
  await Promise.all(closing);
  return closing.length;
}

/**
 * y-websocket drops everyone else's presence when a connection closes but
 * y-protocols keeps their clocks, so after reconnecting the server's copy of
 * an unchanged presence (same clock) is ignored until that person's next
 * renewal, up to 15 s later. Forgetting the clocks of those no longer present
 * lets the server's current presence show at once.
 */
function forgetDepartedPresence(awareness: Awareness): void {
  for (const id of [...awareness.meta.keys()]) {
    if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
  }
}

/**
 * When a connection drops, the server marks this device's presence as gone one
 * clock step later, and it ignores a presence whose clock is not newer. So the
 * state the provider re-sends on reconnect must be at least two steps newer,
 * or this device stays invisible to the others until its renewals catch up
 * (up to 30 s). Nothing is sent while disconnected.
 */
function freshenOwnPresence(awareness: Awareness): void {
  const state = awareness.getLocalState();
  if (state === null) return;
  awareness.setLocalState({ ...state });
  awareness.setLocalState({ ...state });
}

// The "unsent changes" flag survives a reload made offline; localStorage may be
// unavailable (privacy modes), in which case the flag lives in memory only.
function readPendingFlag(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writePendingFlag(key: string, pending: boolean): void {
  try {
    if (pending) window.localStorage.setItem(key, '1');
    else window.localStorage.removeItem(key);
  } catch {
    // Not persisted; the in-memory status still shows it.
  }
}
