/** Who is in the session, in which role and on which question. */
import type { StageState } from '../../../domain/stage';
import { presenceActivity, type PresencePeer } from '../../../sync/presence';
import { clockTime, ROLE_LABELS } from './format';

export function PresenceBar({ peers, stageState }: { peers: PresencePeer[]; stageState: StageState | null }) {
  const guestPresent = peers.some((p) => p.role === 'guest');
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence-title">
        In this session
      </h2>
      <ul className="presence-list" data-testid="presence-list">
        {peers.map((p) => (
          <li key={`${p.role}:${p.name}`} className="presence-chip" data-presence-role={p.role} data-presence-name={p.name}>
            <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
            <span className="presence-name">{p.name}</span>
            {p.self ? <span className="muted"> (you)</span> : null}
            <span className="tag">{ROLE_LABELS[p.role] ?? p.role}</span>
            {presenceActivity(p, stageState) ? <span className="muted presence-q">{presenceActivity(p, stageState)}</span> : null}
          </li>
        ))}
        {!guestPresent && stageState ? (
          <li className="presence-chip presence-remote" data-presence-role="guest">
            <span className="presence-dot presence-dot-hollow" aria-hidden="true" />
            <span className="presence-name">Guest</span>
            <span className="tag">guest</span>
            <span className="muted presence-q">
              {stageState.stage === 'completed' ? 'finished' : `question ${stageState.currentIndex + 1}`} · last update {clockTime(stageState.updatedAt)}
            </span>
          </li>
        ) : null}
      </ul>
      {peers.length === 0 && !stageState ? <p className="empty">Only you so far.</p> : null}
    </section>
  );
}
