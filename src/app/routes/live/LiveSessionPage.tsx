/**
 * The live session as staff (host, interviewer, moderator, tech support) and the
 * audience see it. Which panels show depends on the role's access to each
 * document (src/domain/access.ts).
 */
import type { Credential } from '../../../storage/db';
import { readPublicPlan } from '../../../sync/plan-doc';
import { useDoc, useDocVersion, useSyncStatus } from '../../hooks/use-doc';
import { SyncBadge } from '../../components/SyncBadge';

export function LiveSessionPage({ interviewId, credential }: { interviewId: string; credential: Credential }) {
  const planDoc = useDoc(interviewId, 'plan', credential.role === 'audience' ? undefined : credential.token);
  useDocVersion(planDoc);
  const status = useSyncStatus(planDoc);
  const plan = planDoc ? readPublicPlan(planDoc.doc) : null;
  return (
    <section className="card" aria-labelledby="live-title">
      <div className="title-row">
        <h1 id="live-title">{plan?.meta.title ?? interviewId}</h1>
        <SyncBadge status={status} />
      </div>
      <p className="muted">
        Signed in as {credential.subject} ({credential.role}).
      </p>
    </section>
  );
}
