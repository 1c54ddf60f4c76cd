import { useEffect, useState } from 'react';
import type { DocKind } from '../../domain/access';
import { openDoc, type DocHandle } from '../../sync/doc-connection';
import type { SyncStatus } from '../../sync/sync-status';

/** Opens an interview document for the lifetime of the component. */
export function useDoc(interviewId: string | undefined, kind: DocKind, token: string | null | undefined): DocHandle | null {
  const [handle, setHandle] = useState<DocHandle | null>(null);
  useEffect(() => {
    if (!interviewId || token === undefined) return;
    const h = openDoc(interviewId, kind, token);
    setHandle(h);
    return () => {
      setHandle(null);
      h.release();
    };
  }, [interviewId, kind, token]);
  return handle;
}

export function useSyncStatus(handle: DocHandle | null): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => (handle ? handle.onStatus(setStatus) : undefined), [handle]);
  return status;
}

/** Re-renders on every change of the document; returns a counter to use as a dependency. */
export function useDocVersion(handle: DocHandle | null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!handle) return;
    const bump = () => setVersion((v) => v + 1);
    handle.doc.on('update', bump);
    void handle.whenLocal.then(bump);
    return () => handle.doc.off('update', bump);
  }, [handle]);
  return version;
}
