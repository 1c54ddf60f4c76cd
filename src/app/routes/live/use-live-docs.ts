/**
 * Opens exactly the documents of an interview that the person's role may open
 * (src/domain/access.ts); the server would refuse the others anyway, and not
 * asking keeps staff data off devices that must never hold it.
 */
import { useEffect, useState } from 'react';
import { canOpen, type DocKind, type Role } from '../../../domain/access';
import type { DocHandle } from '../../../sync/doc-connection';
import { combineSyncStatuses, type SyncStatus } from '../../../sync/sync-status';
import { useDoc } from '../../hooks/use-doc';

export type LiveDocs = Record<DocKind, DocHandle | null>;

/** Documents each screen actually uses; the interviewer reads the moderated queue, not raw submissions. */
function wanted(role: Role, kind: DocKind): boolean {
  if (!canOpen(role, kind)) return false;
  if (kind === 'audience') return role === 'audience' || role === 'host' || role === 'moderator';
  return true;
}

export function useLiveDocs(interviewId: string, role: Role, token: string): LiveDocs {
  const tokenFor = (kind: DocKind) => (wanted(role, kind) ? token : undefined);
  return {
    plan: useDoc(interviewId, 'plan', tokenFor('plan')),
    key: useDoc(interviewId, 'key', tokenFor('key')),
    stage: useDoc(interviewId, 'stage', tokenFor('stage')),
    staff: useDoc(interviewId, 'staff', tokenFor('staff')),
    assessment: useDoc(interviewId, 'assessment', tokenFor('assessment')),
    audience: useDoc(interviewId, 'audience', tokenFor('audience')),
    moderation: useDoc(interviewId, 'moderation', tokenFor('moderation')),
    support: useDoc(interviewId, 'support', tokenFor('support')),
    code: useDoc(interviewId, 'code', tokenFor('code')),
  };
}

export interface DocStatus {
  kind: DocKind;
  status: SyncStatus | null;
}

/** Each open document's status and their combination, updated as they change. */
export function useLiveStatus(docs: LiveDocs): { combined: SyncStatus | null; perDoc: DocStatus[] } {
  const [perDoc, setPerDoc] = useState<DocStatus[]>([]);
  const handles = Object.entries(docs).filter((e): e is [DocKind, DocHandle] => e[1] !== null);
  const key = handles.map(([k, h]) => `${k}:${h.name}`).join(',');
  useEffect(() => {
    const current = new Map<DocKind, SyncStatus | null>(handles.map(([k]) => [k, null]));
    const publish = () => setPerDoc([...current].map(([kind, status]) => ({ kind, status })));
    const offs = handles.map(([kind, h]) =>
      h.onStatus((s) => {
        current.set(kind, s);
        publish();
      }),
    );
    publish();
    return () => offs.forEach((off) => off());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { combined: combineSyncStatuses(perDoc.map((d) => d.status)), perDoc };
}
