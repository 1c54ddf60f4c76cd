/**
 * The guest's side of an invite link. The plan arrives through the interview's
 * `plan` document, which is also kept in IndexedDB, so a guest who opened the
 * link once can come back offline.
 */
import { useEffect, useState } from 'react';
import type { Credential } from '../../../storage/db';
import { readPublicPlan } from '../../../sync/plan-doc';
import { apiRequest, ApiError } from '../../../api/http-client';
import { useDoc, useDocVersion, useSyncStatus } from '../../hooks/use-doc';
import { SyncBadge } from '../../components/SyncBadge';
import { IntroStage } from './IntroStage';

export function GuestEntry({ interviewId, credential }: { interviewId: string; credential: Credential }) {
  const planDoc = useDoc(interviewId, 'plan', credential.token);
  const status = useSyncStatus(planDoc);
  const version = useDocVersion(planDoc);
  const plan = planDoc ? readPublicPlan(planDoc.doc) : null;
  const [refusal, setRefusal] = useState<string | null>(null);

  // The WebSocket cannot say why an upgrade was refused; the API can.
  useEffect(() => {
    if (plan || status?.state !== 'connecting') return;
    const t = setTimeout(() => {
      apiRequest('GET', '/api/me', credential.token).then(
        () => setRefusal(null),
        (err: unknown) => {
          if (err instanceof ApiError && err.status === 401) setRefusal(err.message);
        },
      );
    }, 1500);
    return () => clearTimeout(t);
  }, [credential.token, plan, status?.state, version]);

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
  return <IntroStage plan={plan} guestName={credential.subject} status={status} />;
}
