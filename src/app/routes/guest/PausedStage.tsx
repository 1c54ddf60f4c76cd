/** A break: the guest's own (they resume when ready) or the host's (the host resumes). The clock is frozen either way. */
import { afterBreak, describeAfterBreak } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { CountdownTimer } from './CountdownTimer';
import { GuestHeader } from './GuestHeader';
import { useScreenStart, useStageState } from './guest-hooks';

export function PausedStage({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const heading = useScreenStart<HTMLHeadingElement>();
  const pause = state.pause;
  const byGuest = pause?.by === 'guest';
  return (
    <section className="card narrow guest-screen" aria-labelledby="paused-title" data-stage="paused">
      <GuestHeader plan={plan} guestName={guestName} status={status} compact />
      <h2 id="paused-title" ref={heading} tabIndex={-1}>
        {byGuest ? 'You are taking a break' : 'The host paused the interview'}
      </h2>
      <p>
        {byGuest
          ? 'Take the time you need. Your answers so far are saved, and no time is counted while you are on a break.'
          : 'Please wait: the interview continues when the host resumes it. No time is counted meanwhile.'}
      </p>
      {pause?.reason && !byGuest && <p className="notice">Message from the host: {pause.reason}</p>}
      <p className="muted" data-testid="after-break">
        {describeAfterBreak(afterBreak(state))}
      </p>
      {state.timer && <CountdownTimer state={state} label="Time left (paused)" />}
      {byGuest && (
        <div className="guest-actions">
          <button type="button" onClick={() => runtime.session.guest({ type: 'RESUME' })}>
            Resume the interview
          </button>
        </div>
      )}
    </section>
  );
}
