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
import { formatDuration } from './format';
import { useFocusOnMount } from './guest-hooks';

export function InterruptedPanel({ runtime, answer }: { runtime: GuestRuntime; answer: AnswerState }) {
  const cut = answer.interrupted!;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const nothing = cut.durationMs === 0;

  const keep = async () => {
    setBusy(true);
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
      setBusy(false);
    }
  };
  const discard = async () => {
    setBusy(true);
    const r = runtime.session.guest({ type: 'RECOVER_INTERRUPTED_RECORDING', choice: 'discard' });
    if (r.ok) await discardRecording(cut.recordingId).catch((e: unknown) => console.warn('Dropping the cut-off take failed', e));
    else setError(r.reason);
    setBusy(false);
  };
  const again = async () => {
    setBusy(true);
    await runtime.takes.start('recover');
    setBusy(false);
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
      <div className="guest-actions">
        <button type="button" onClick={() => void keep()} disabled={busy || nothing}>
          Keep what was recorded
        </button>
        <button type="button" className="secondary" onClick={() => void again()} disabled={busy}>
          Record again
        </button>
        {answer.recordingId && (
          <button type="button" className="secondary" onClick={() => void discard()} disabled={busy}>
            Keep my earlier answer
          </button>
        )}
      </div>
      {cut.wasRerecord && <p className="hint">The interruption does not count as a re-record.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
