/**
 * The top of every guest screen: the interview's title, the guest's name, what lies ahead, and the connection.
 * The technical check shows before the plan has arrived (it is the first screen): a neutral title until then.
 */
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { SyncBadge } from '../../components/SyncBadge';

export function GuestHeader({ plan, guestName, status, compact = false }: { plan: PublicPlan | null; guestName: string; status: SyncStatus | null; compact?: boolean }) {
  return (
    <header className="guest-header">
      <div className="title-row">
        <h1 id="guest-title" className={compact ? 'guest-title-compact' : undefined}>
          {plan ? plan.meta.title : 'Your interview'}
        </h1>
        <SyncBadge status={status} />
      </div>
      {!compact && (
        <>
          <p>Welcome, {guestName}.</p>
          {plan && (
            <p data-testid="intro-summary">
              <strong data-testid="guest-question-count">{plan.questions.length}</strong> questions, about {plan.meta.durationMin} minutes.
            </p>
          )}
        </>
      )}
    </header>
  );
}
