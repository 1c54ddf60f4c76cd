/** The guest's intro: what to expect, before the interview starts. */
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { SyncBadge } from '../../components/SyncBadge';

function answerLimit(plan: PublicPlan): number {
  const spoken = plan.questions.filter((q) => q.kind === 'spoken');
  return spoken.length ? Math.max(...spoken.map((q) => q.timeLimitSec)) : 120;
}

export function IntroStage({ plan, guestName, status }: { plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const limitMin = Math.round(answerLimit(plan) / 60);
  return (
    <section className="card narrow" aria-labelledby="intro-title" data-stage="intro">
      <div className="title-row">
        <h1 id="intro-title">{plan.meta.title}</h1>
        <SyncBadge status={status} />
      </div>
      <p>Welcome, {guestName}.</p>
      <p data-testid="intro-summary">
        <strong data-testid="guest-question-count">{plan.questions.length}</strong> questions, about {plan.meta.durationMin} minutes.
      </p>
      <h2>How it works</h2>
      <ul>
        <li>Each question is shown and read aloud. Answer spoken questions out loud; you have up to {limitMin} minutes per answer.</li>
        <li>Speak clearly, in a quiet place if you can. You may re-record an answer once.</li>
        <li>Your answers are saved on this device as you go, so a lost connection or a reload loses nothing.</li>
      </ul>
    </section>
  );
}
