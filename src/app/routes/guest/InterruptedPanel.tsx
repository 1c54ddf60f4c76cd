/**
 * A take cut off by a reload, a closed tab, a crash or a failure: the guest
 * keeps what was recorded, records again, or (for a cut-off re-record) returns
 * to the earlier complete answer.
 */
import { useState } from 'react';
import type { AnswerState } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import { discardRecording, finalizeRecording } from '../../../storage/recordings';
import { AnswerPlayback } from './AnswerPlayback';
import { unavailableButton } from '../../components/busy-button';
import { formatDuration } from './format';
import { useFocusOnMount } from './guest-hooks';

export function InterruptedPanel({ runtime, answer }: { runtime: GuestRuntime; answer: AnswerState }) {
  const cut = answer.interrupted!;
  /** What the pressed button is doing, said in the status while the buttons wait for it. */
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const nothing = cut.durationMs === 0;

  const keep = async () => {
    setBusy('Keeping what was recorded…');
    setError(null);
    try {
      // Storage first: if the page dies in between, recovery finds a complete take and settles it.
      await finalizeRecording(cut.recordingId);
      const r = runtime.session.guest({ type: 'RECOVER_INTERRUPTED_RECORDING', choice: 'keep' });
      if (!r.ok) setError(r.reason);
      runtime.queue.poke();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const discard = async () => {
    setBusy('Going back to your earlier answer…');
    const r = runtime.session.guest({ type: 'RECOVER_INTERRUPTED_RECORDING', choice: 'discard' });
    if (r.ok) await discardRecording(cut.recordingId).catch((e: unknown) => console.warn('Dropping the cut-off take failed', e));
    else setError(r.reason);
    setBusy(null);
  };
  const again = async () => {
    setBusy('Starting the microphone…');
    await runtime.takes.start('recover');
    setBusy(null);
  };

  return (
    <section className="interrupted notice" aria-labelledby="interrupted-title" data-testid="interrupted-panel">
      <h3 id="interrupted-title" ref={heading} tabIndex={-1}>
        Your recording was cut off
      </h3>
      <p data-testid="interrupted-duration" data-duration-ms={cut.durationMs ?? ''}>
        {cut.durationMs === null
          ? 'Part of your answer was saved before the recording stopped.'
          : nothing
            ? 'Nothing was saved before the recording stopped.'
            : `${formatDuration(cut.durationMs)} of your answer ${cut.durationMs === 1000 ? 'was' : 'were'} saved before the recording stopped.`}
      </p>
      {!nothing && <AnswerPlayback recordingId={cut.recordingId} label="Listen to what was recorded" />}
      {/* Unavailable, not disabled, while one of them works: the focus stays on the one pressed until what replaces
          the panel takes it (a disabled button dropped it to the page's body). */}
      <div className="guest-actions">
        <button type="button" {...unavailableButton(busy !== null || nothing, () => void keep())}>
          Keep what was recorded
        </button>
        <button type="button" className="secondary" {...unavailableButton(busy !== null, () => void again())}>
          Record again
        </button>
        {answer.recordingId && (
          <button type="button" className="secondary" {...unavailableButton(busy !== null, () => void discard())}>
            Keep my earlier answer
          </button>
        )}
      </div>
      {busy && (
        <p role="status" data-testid="interrupted-busy">
          {busy}
        </p>
      )}
      {cut.wasRerecord && <p className="hint">The interruption does not count as a re-record.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
