/** The host's view of one interview: its questions, its sync state and its invite links. */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { archetypeLabel, depthLabel } from '../../domain/archetypes';
import { hostCredential } from '../../auth/credentials';
import { getInterview } from '../../storage/interviews';
import { reconcilePlan } from '../../sync/publish-plan';
import { useDoc, useSyncStatus } from '../hooks/use-doc';
import { useLive } from '../hooks/use-live';
import { SyncBadge } from '../components/SyncBadge';
import { InvitePanel } from '../components/InvitePanel';

const KIND_LABEL = { spoken: 'Spoken', mcq: 'Multiple choice', coding: 'Coding' } as const;

export function InterviewPage() {
  const { id } = useParams<{ id: string }>();
  const local = useLive(async () => (await getInterview(id ?? '')) ?? null, [id]);
  const cred = useLive(() => hostCredential(), []);
  const token = cred === undefined ? undefined : (cred?.token ?? null);
  const planDoc = useDoc(local ? id : undefined, 'plan', token);
  const keyDoc = useDoc(local ? id : undefined, 'key', token);
  const status = useSyncStatus(planDoc);

  useEffect(() => {
    if (local && planDoc && keyDoc) void reconcilePlan(local.plan, planDoc, keyDoc);
  }, [local, planDoc, keyDoc]);

  if (local === undefined) return <p role="status">Loading…</p>;
  if (local === null) {
    return (
      <section className="card narrow">
        <h1>Interview not found</h1>
        <p>This device has no interview called “{id}”.</p>
        <Link to="/">Back to your interviews</Link>
      </section>
    );
  }
  const { meta, questions } = local.plan;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="iv-title">
        <div className="title-row">
          <h1 id="iv-title">{meta.title}</h1>
          <SyncBadge status={status} />
        </div>
        <p className="muted">
          {archetypeLabel(meta.archetype)} · {depthLabel(meta.depth)} · {meta.durationMin} minutes ·{' '}
          <span data-testid="question-count">{questions.length}</span> questions · version {meta.version}
        </p>
        {!cred && (
          <p className="notice">
            This interview is saved on this device. To share it, open the host link printed by the InterQ server; it will sync then.
          </p>
        )}
        <ol className="question-list">
          {questions.map((q) => (
            <li key={q.id}>
              <span className="tag">{KIND_LABEL[q.kind]}</span> {q.kind === 'coding' ? q.title : q.prompt}
            </li>
          ))}
        </ol>
      </section>
      {cred && <InvitePanel interviewId={meta.id} hostToken={cred.token} />}
    </div>
  );
}
