/**
 * Something stopped the interview (microphone, storage, recorder). The guest
 * sees what happened and the fix, and Try again returns to where they were;
 * whatever was recorded before the failure is kept.
 */
import { useState } from 'react';
import type { MediaErrorInfo } from '../../../media';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { Toast } from '../../components/Toast';
import { GuestHeader } from './GuestHeader';
import { MicErrorPanel } from './MicErrorPanel';
import { unavailableButton } from '../../components/busy-button';
import { useScreenStart, useStageState, useTakeView } from './guest-hooks';

const STORAGE_FIX = [
  'Free some space on this device (delete large files or apps you do not need), or close other browser tabs.',
  'In a private window storage is small: open the invite link in a normal window instead.',
  'Press Try again. Everything recorded so far is saved.',
];

export function ErrorStage({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const take = useTakeView(runtime);
  const heading = useScreenStart<HTMLHeadingElement>();
  const [busy, setBusy] = useState(false);
  const [toastOpen, setToastOpen] = useState(true);
  const [freshMicError, setFreshMicError] = useState<MediaErrorInfo | null>(null);
  const error = state.error;
  const micError = error?.code === 'microphone' ? (freshMicError ?? take.micError) : null;

  const retry = async () => {
    setBusy(true);
    if (error?.code === 'microphone') {
      // Try the microphone first: returning to the question only helps once it works.
      const mic = await runtime.microphone.acquire(state.techCheck?.inputDeviceId ?? null, { fresh: true });
      if (!mic.ok) {
        setFreshMicError(mic.error);
        setBusy(false);
        setToastOpen(true);
        return;
      }
      runtime.takes.clearNotice();
    }
    runtime.session.guest({ type: 'RETRY' });
    setBusy(false);
  };

  const title =
    error?.code === 'microphone'
      ? 'Voice Error'
      : error?.code === 'storage-full'
        ? 'This device is out of storage space'
        : error?.code === 'storage'
          ? 'Your answers could not be saved'
          : 'Something went wrong';

  return (
    <section className="card narrow guest-screen" aria-labelledby="error-title" data-stage="error" data-error-code={error?.code ?? ''}>
      {toastOpen && error && <Toast title={title} message={micError?.title ?? error.message} onDismiss={() => setToastOpen(false)} />}
      <GuestHeader plan={plan} guestName={guestName} status={status} compact />
      <h2 id="error-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {micError ? (
        <MicErrorPanel error={micError} onRetry={() => void retry()} retrying={busy} />
      ) : (
        <>
          <p data-testid="error-message">{error?.message}</p>
          {error?.code === 'storage-full' && (
            <ol className="mic-error-fix">
              {STORAGE_FIX.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          )}
          <div className="guest-actions">
            {/* Unavailable, not disabled, while it tries: the focus stays on it until the screen it returns to takes it. */}
            <button type="button" {...unavailableButton(busy, () => void retry())}>
              Try again
            </button>
            <p role="status" className="sr-only">
              {busy ? 'Trying again…' : ''}
            </p>
          </div>
        </>
      )}
      <p className="muted">Your answers so far are saved on this device. The host can also move the interview on for you.</p>
    </section>
  );
}
