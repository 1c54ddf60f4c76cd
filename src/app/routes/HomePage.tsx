/** Start screen: the host's interviews on this device, or how to get started. */
import { Link } from 'react-router-dom';
import { archetypeLabel, depthLabel } from '../../domain/archetypes';
import { hostCredential } from '../../auth/credentials';
import { listHostInterviews } from '../../storage/interviews';
import { useLive } from '../hooks/use-live';
import { ModelManager } from '../components/ai/ModelManager';
import { QuestionBankStatus } from '../components/QuestionBankStatus';
import { HostLinksPanel } from '../components/HostLinksPanel';

export function HomePage() {
  const interviews = useLive(() => listHostInterviews(), []);
  const cred = useLive(async () => (await hostCredential()) ?? null, []);

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
        {cred && <QuestionBankStatus token={cred.token} />}
        {interviews === undefined ? (
          <p role="status">Loading…</p>
        ) : interviews.length === 0 ? (
          <p className="empty">No interviews yet. Plan one to get an invite link for your candidate.</p>
        ) : (
          <ul className="interview-list">
            {interviews.map((iv) => (
              <li key={iv.id}>
                <Link to={`/interviews/${iv.id}`}>{iv.plan.meta.title}</Link>
                <span className="muted">
                  {' '}
                  {archetypeLabel(iv.plan.meta.archetype)} · {depthLabel(iv.plan.meta.depth)} · {iv.plan.questions.length} questions
                </span>
              </li>
            ))}
          </ul>
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
