/**
 * The host's view of one interview: review and publish its questions, see its
 * sync state and version history, and create invite links.
 */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { archetypeLabel, depthLabel } from '../../domain/archetypes';
import { hostCredential } from '../../auth/credentials';
import { discardDraft, generationNoteOf, getInterview, publishInterview, saveWorkingPlan, workingPlan } from '../../storage/interviews';
import { reconcilePlan } from '../../sync/publish-plan';
import { useDoc, useSyncStatus } from '../hooks/use-doc';
import { useLive } from '../hooks/use-live';
import { SyncBadge } from '../components/SyncBadge';
import { SynthesisPanel } from '../components/wrap-up/SynthesisPanel';
import { InvitePanel } from '../components/InvitePanel';
import { KIND_LABEL, PlanReview, questionTitle } from '../components/PlanReview';
import { VersionHistory } from '../components/VersionHistory';
import { DeleteInterview } from '../components/DeleteInterview';

export function InterviewPage() {
  const { id } = useParams<{ id: string }>();
  const local = useLive(async () => (await getInterview(id ?? '')) ?? null, [id]);
  const cred = useLive(async () => (await hostCredential()) ?? null, []);
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
  const published = local.plan.meta.status === 'published';
  const reviewing = !published || local.draft !== undefined;
  const working = workingPlan(local);
  const { meta } = working;
  const generationNote = generationNoteOf(local);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="iv-title">
        <div className="title-row">
          <h1 id="iv-title">{meta.title}</h1>
          <SyncBadge status={status} />
        </div>
        <p className="muted">
          {archetypeLabel(meta.archetype)} · {depthLabel(meta.depth)} · {meta.durationMin} minutes ·{' '}
          <span data-testid="question-count">{working.questions.length}</span> questions ·{' '}
          <span data-testid="plan-status">{published ? `published version ${local.plan.meta.version}` : 'draft, not yet published'}</span>
          {published && local.draft ? ' · unpublished edits' : ''}
        </p>
        {generationNote && (
          <p className="notice" data-testid="generation-note">
            {generationNote}
          </p>
        )}
        {!cred && (
          <p className="notice">
            This interview is saved on this device. To share it, open the host link printed by the InterQ server; it will sync then.
          </p>
        )}
        {published && !reviewing && (
          <>
            <ol className="question-list">
              {local.plan.questions.map((q) => (
                <li key={q.id}>
                  <span className="tag">{KIND_LABEL[q.kind]}</span> {questionTitle(q)}
                </li>
              ))}
            </ol>
            <button type="button" className="secondary" onClick={() => void saveWorkingPlan(local.id, local.plan)}>
              Edit questions
            </button>
          </>
        )}
      </section>
      {reviewing && (
        <PlanReview
          plan={working}
          onChange={(p) => void saveWorkingPlan(local.id, p)}
          onPublish={() => void publishInterview(local.id)}
          onDiscard={published ? () => void discardDraft(local.id) : undefined}
          publishLabel={published ? `Publish version ${local.plan.meta.version + 1}` : 'Publish'}
        />
      )}
      {(local.history?.length ?? 0) > 0 && <VersionHistory history={local.history!} />}
      {cred && published && (
        <p>
          <Link className="button" to={`/session/${meta.id}`}>
            Open live session
          </Link>
        </p>
      )}
      {cred && published && <InvitePanel interviewId={meta.id} hostToken={cred.token} />}
      {cred && published && <SynthesisPanel interviewId={meta.id} token={cred.token} />}
      {cred && !published && <p className="muted card">Publish the interview to create invite links.</p>}
      <section className="card" aria-label="Delete this interview">
        <DeleteInterview interviewId={local.id} title={meta.title} hostToken={cred?.token ?? null} />
      </section>
    </div>
  );
}
