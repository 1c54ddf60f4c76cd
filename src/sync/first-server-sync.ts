import type { DocHandle } from './doc-connection';

/**
 * Resolves once the document has synced with the server, or cannot for now (offline, refused), or after `maxMs`.
 * For a device that holds nothing of a document yet and must not act on its emptiness before the server has had
 * its say (the guest's stage on a second device); never a reason to block someone offline.
 */
export function firstServerSync(handle: DocHandle, maxMs: number): Promise<void> {
  const settled = () => {
    const s = handle.status();
    return s.lastSyncedAt !== null || s.state === 'synced' || s.state === 'offline' || s.state === 'denied';
  };
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
    const timer = setTimeout(done, maxMs);
    const off = handle.onStatus(() => {
      if (settled()) done();
    });
  });
}
