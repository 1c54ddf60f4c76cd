/** Start screen: the host's interviews on this device, or how to get started. */
import { Link, useLocation } from 'react-router-dom';
import { archetypeLabel, depthLabel } from '../../domain/archetypes';
import { hostCredential } from '../../auth/credentials';
import { listHostInterviews } from '../../storage/interviews';
import { useLive } from '../hooks/use-live';
import { useInterviewStatuses } from '../hooks/use-interview-statuses';
import { interviewPhase, PHASE_LABELS, STATUS_LABELS } from '../../domain/wrap-up/status';
import { ModelManager } from '../components/ai/ModelManager';
import { QuestionBankStatus } from '../components/QuestionBankStatus';
import { HostLinksPanel } from '../components/HostLinksPanel';

export function HomePage() {
  const interviews = useLive(() => listHostInterviews(), []);
  const cred = useLive(async () => (await hostCredential()) ?? null, []);
  const statuses = useInterviewStatuses(cred?.token);
  // What the last action on another screen did (a deletion), said once here.
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="home-title">
        <div className="title-row">
          <h1 id="home-title">Your interviews</h1>
          <Link className="button" to="/create-interview">
            Plan an interview
          </Link>
        </div>
        {cred === null && (
          <p className="notice">
            Interviews you plan here are saved on this device. To share them with guests and colleagues, open the host link that the InterQ
            server printed when it started. Guests: open the invite link you received.
          </p>
        )}
        {notice && (
          <p className="notice" role="status" data-testid="home-notice">
            {notice}
          </p>
        )}
        {cred && <QuestionBankStatus token={cred.token} />}
        {interviews === undefined ? (
          <p role="status">Loading…</p>
        ) : interviews.length === 0 ? (
          <p className="empty">No interviews yet. Plan one to get an invite link for your candidate.</p>
        ) : (
          <ul className="interview-list">
            {interviews.map((iv) => {
              const status = statuses?.byId.get(iv.id) ?? null;
              const phase = interviewPhase(iv.plan.meta.status === 'published', status);
              return (
                <li key={iv.id} data-interview-id={iv.id}>
                  <Link to={`/interviews/${iv.id}`}>{iv.plan.meta.title}</Link>{' '}
                  <span className={`tag phase-${phase}`} data-testid="interview-phase" data-phase={phase}>
                    {PHASE_LABELS[phase]}
                    {phase === 'done' && status ? `: ${STATUS_LABELS[status].toLowerCase()}` : ''}
                  </span>
                  <span className="muted">
                    {' '}
                    {archetypeLabel(iv.plan.meta.archetype)} · {depthLabel(iv.plan.meta.depth)} · {iv.plan.questions.length} questions
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        {statuses && interviews && interviews.length > 0 && Date.now() - statuses.at > 60_000 && (
          <p className="muted" data-testid="statuses-as-of">
            Status as of {new Date(statuses.at).toLocaleString()}: the server could not be reached just now.
          </p>
        )}
      </section>
      {cred && (
        <div className="card">
          <HostLinksPanel token={cred.token} />
        </div>
      )}
      {/* Straight under the page's h1, so the panel's heading is an h2. */}
      <div className="card">
        <ModelManager headingLevel={2} />
      </div>
    </div>
  );
}
