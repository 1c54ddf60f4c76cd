/**
 * Opens one Yjs document the local-first way: y-indexeddb first (so the last
 * state is there offline and survives reloads), then the sync server over the
 * y-websocket protocol when a token is available. Handles are shared and
 * reference-counted so two screens never fight over one document.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { docName, type DocKind } from '../domain/access';
import type { SyncStatus } from './sync-status';

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
}

interface Entry {
  handle: DocHandle;
  refs: number;
  destroy(): void;
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
  const listeners = new Set<(s: SyncStatus) => void>();
  let status: SyncStatus = { state: navigator.onLine ? 'connecting' : 'offline', lastSyncedAt: null };
  let provider: WebsocketProvider | null = null;

  const setStatus = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    for (const fn of listeners) fn(status);
  };

  const onlineChange = () => {
    if (!navigator.onLine) setStatus({ state: 'offline' });
    else if (status.state === 'offline') setStatus({ state: 'connecting' });
  };
  window.addEventListener('online', onlineChange);
  window.addEventListener('offline', onlineChange);

  const connect = (tok: string) => {
    if (provider) return;
    provider = new WebsocketProvider(syncServerUrl(), name, doc, {
      params: { token: tok },
      maxBackoffTime: 10_000,
    });
    provider.on('status', ({ status: s }: { status: string }) => {
      if (s === 'connected') setStatus({ state: 'syncing' });
      else if (s === 'connecting') setStatus({ state: navigator.onLine ? 'connecting' : 'offline' });
      else setStatus({ state: navigator.onLine ? 'connecting' : 'offline' });
    });
    provider.on('sync', (synced: boolean) => {
      if (synced) setStatus({ state: 'synced', lastSyncedAt: Date.now() });
    });
    provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      setStatus({ state: 'denied', deniedReason: reason || `closed with code ${code}` });
    });
    provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4400 && event.code < 4500) {
        setStatus({ state: 'denied', deniedReason: event.reason || `closed with code ${event.code}` });
      }
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
    release() {
      const entry = open.get(name);
      if (!entry) return;
      entry.refs -= 1;
      if (entry.refs <= 0) {
        open.delete(name);
        entry.destroy();
      }
    },
  };
  open.set(name, {
    handle,
    refs: 1,
    destroy() {
      window.removeEventListener('online', onlineChange);
      window.removeEventListener('offline', onlineChange);
      provider?.destroy();
      void local.destroy();
      doc.destroy();
    },
  });
  if (token) connect(token);
  return handle;
}
