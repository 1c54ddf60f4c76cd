/**
 * Picks the guest's screen from the stage machine's stage, with the notices that belong to every screen. The
 * technical check (stage `setup`) is the first screen's own (GuestEntry), shown before this module loads.
 */
import { useState } from 'react';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { CompletedStage } from './CompletedStage';
import { ErrorStage } from './ErrorStage';
import { IntroStage } from './IntroStage';
import { PausedStage } from './PausedStage';
import { QuestionStage } from './QuestionStage';
import { usePersistStatus, useStageState } from './guest-hooks';

export function GuestStageView({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const persist = usePersistStatus(runtime);
  const [welcomeBack, setWelcomeBack] = useState(runtime.resumed && !['setup', 'intro'].includes(state.stage));
  const props = { runtime, plan, guestName, status };
  let screen;
  switch (state.stage) {
    case 'setup':
      screen = null;
      break;
    case 'intro':
      screen = <IntroStage {...props} />;
      break;
    case 'question':
    case 'recording':
    case 'processing':
      screen = <QuestionStage {...props} />;
      break;
    case 'paused':
      screen = <PausedStage {...props} />;
      break;
    case 'error':
      screen = <ErrorStage {...props} />;
      break;
    case 'completed':
      screen = <CompletedStage {...props} />;
      break;
  }
  return (
    <div className="guest" data-guest-stage={state.stage} data-revision={state.revision}>
      {persist.state === 'failed' && (
        <p className="error guest-banner" role="alert">
          Your latest progress could not be saved on this device ({persist.message}). Your recordings are kept; free some storage space and carry
          on.
        </p>
      )}
      {welcomeBack && state.stage !== 'completed' && (
        <p className="notice guest-banner" role="status" data-testid="welcome-back">
          Welcome back: you are where you left off.{' '}
          <button type="button" className="secondary small" onClick={() => setWelcomeBack(false)}>
            OK
          </button>
        </p>
      )}
      {screen}
    </div>
  );
}
