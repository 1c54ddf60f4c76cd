/**
 * Where an invite link lands. The plan arrives through the interview's `plan`
 * document, which is also kept in IndexedDB, so a guest who opened the link once
 * can come back offline.
 */
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { credentialFor } from '../../auth/credentials';
import { readPublicPlan } from '../../sync/plan-doc';
import { apiRequest, ApiError } from '../../api/http-client';
import { useDoc, useDocVersion, useSyncStatus } from '../hooks/use-doc';
import { useLive } from '../hooks/use-live';
import { SyncBadge } from '../components/SyncBadge';
import { IntroStage } from './guest/IntroStage';

export function JoinPage() {
  const { id } = useParams<{ id: string }>();
  const cred = useLive(async () => (await credentialFor(id ?? '')) ?? null, [id]);
  const planDoc = useDoc(cred ? id : undefined, 'plan', cred?.token ?? null);
  const status = useSyncStatus(planDoc);
  const version = useDocVersion(planDoc);
  const plan = planDoc ? readPublicPlan(planDoc.doc) : null;
  const [refusal, setRefusal] = useState<string | null>(null);

  // The WebSocket cannot say why an upgrade was refused; the API can.
  useEffect(() => {
    if (!cred || plan || status?.state !== 'connecting') return;
    const t = setTimeout(() => {
      apiRequest('GET', '/api/me', cred.token).then(
        () => setRefusal(null),
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 401) setRefusal(err.message);
        },
      );
    }, 1500);
    return () => clearTimeout(t);
  }, [cred, plan, status?.state, version]);

  if (cred === undefined) return <p role="status">Opening your invitation…</p>;
  if (cred === null) {
    return (
      <section className="card narrow" aria-labelledby="nolink-title">
        <h1 id="nolink-title">This invitation link is incomplete</h1>
        <p>Open the full link from your invitation email or message. If it still does not work, ask the host for a new link.</p>
      </section>
    );
  }
  if (!plan) {
    return (
      <section className="card narrow" aria-labelledby="wait-title" aria-busy={!refusal}>
        <h1 id="wait-title">{refusal ? 'This link no longer works' : 'Preparing your interview…'}</h1>
        {refusal ? (
          <p className="error" role="alert">
            {refusal}
          </p>
        ) : (
          <p>Loading the interview from the server. This needs a connection the first time only.</p>
        )}
        <SyncBadge status={status} />
      </section>
    );
  }
  return <IntroStage plan={plan} guestName={cred.subject} status={status} />;
}
