/**
 * Reads the question aloud when it appears (unless the guest is already
 * answering) and on demand. Where the browser has no voice, or its engine does
 * not answer, a clear note says so; the question stays on screen either way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { speak, type SpeakHandle } from '../../../guest/speech';

type Phase = { kind: 'idle' } | { kind: 'speaking' } | { kind: 'needs-gesture' } | { kind: 'unavailable'; reason: string };

export function ReadAloud({ text, autoPlay, silence }: { text: string; autoPlay: boolean; silence: boolean }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const handle = useRef<SpeakHandle | null>(null);

  const play = useCallback(() => {
    handle.current?.cancel();
    const h = speak(text);
    handle.current = h;
    setPhase({ kind: 'speaking' });
    void h.done.then((outcome) => {
      if (handle.current !== h) return;
      handle.current = null;
      if (outcome.type === 'unavailable') setPhase({ kind: 'unavailable', reason: outcome.reason });
      else if (outcome.type === 'needs-gesture') setPhase({ kind: 'needs-gesture' });
      else setPhase({ kind: 'idle' });
    });
  }, [text]);

  const stop = useCallback(() => {
    const h = handle.current;
    handle.current = null;
    h?.cancel();
    setPhase((p) => (p.kind === 'speaking' ? { kind: 'idle' } : p));
  }, []);

  useEffect(() => {
    if (autoPlay) play();
    return () => {
      handle.current?.cancel();
      handle.current = null;
    };
    // Once per question: `text` identifies it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  // Never read aloud into the guest's own recording.
  useEffect(() => {
    if (silence) stop();
  }, [silence, stop]);

  return (
    <div className="read-aloud" data-testid="read-aloud" data-phase={phase.kind}>
      {phase.kind === 'speaking' ? (
        <button type="button" className="secondary" onClick={stop}>
          Stop reading
        </button>
      ) : (
        <button type="button" className="secondary" onClick={play} disabled={silence}>
          {phase.kind === 'idle' ? 'Read the question aloud' : 'Try reading aloud again'}
        </button>
      )}
      <span role="status" aria-live="polite" className="read-aloud-status">
        {phase.kind === 'speaking' && 'Reading the question aloud…'}
        {phase.kind === 'needs-gesture' && 'Press the button to hear it read aloud.'}
        {phase.kind === 'unavailable' && `Read aloud is unavailable: ${phase.reason}. The question is shown above.`}
      </span>
    </div>
  );
}
