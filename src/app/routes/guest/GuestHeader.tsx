/**
 * The top of every guest screen: the interview's title, the guest's name, what lies ahead, and the connection, on a
 * line of its own cut short rather than wrapped (guest.css), so its words growing as the connection drops move
 * nothing. The technical check shows before the plan has arrived (it is the first screen): a neutral title until
 * then, and (`firstScreen`) lines that keep their height whatever arrives: the title on one line, cut short too, and
 * the plan's summary where its placeholder was. As they arrived the header grew, and the check below it went down
 * 40 px, then 32 px, in its first seconds, under a guest's finger.
 */
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { SyncBadge } from '../../components/SyncBadge';

export interface GuestHeaderProps {
  plan: PublicPlan | null;
  guestName: string;
  status: SyncStatus | null;
  compact?: boolean;
  firstScreen?: boolean;
}

const PLACEHOLDER = 'Getting your interview’s details…';
/** As long as any plan's summary: two-digit questions, three-digit minutes. */
const LONGEST_SUMMARY = '99 questions, about 999 minutes.';

function PlanSummary({ plan }: { plan: PublicPlan }) {
  return (
    <p data-testid="intro-summary">
      <strong data-testid="guest-question-count">{plan.questions.length}</strong> questions, about {plan.meta.durationMin} minutes.
    </p>
  );
}

export function GuestHeader({ plan, guestName, status, compact = false, firstScreen = false }: GuestHeaderProps) {
  return (
    <header className={firstScreen ? 'guest-header guest-header-first' : 'guest-header'}>
      <div className="title-row">
        <h1 id="guest-title" className={compact ? 'guest-title-compact' : undefined}>
          {plan ? plan.meta.title : 'Your interview'}
        </h1>
        <SyncBadge status={status} />
      </div>
      {!compact && (
        <>
          <p>Welcome, {guestName}.</p>
          {firstScreen ? (
            // The summary and its placeholder in one cell with the room of the longest of either (unseen, drawn from an
            // attribute): with the phone's largest text on a 280 px screen the placeholder took three lines where the
            // summary took two, and the check below went up 48 px as the plan arrived.
            <div className="guest-summary-slot">
              {plan ? <PlanSummary plan={plan} /> : <p className="muted">{PLACEHOLDER}</p>}
              <p className="guest-summary-room" aria-hidden="true" data-text={PLACEHOLDER} />
              <p className="guest-summary-room" aria-hidden="true" data-text={LONGEST_SUMMARY} />
            </div>
          ) : (
            plan && <PlanSummary plan={plan} />
          )}
        </>
      )}
    </header>
  );
}
