/**
 * Reads the question aloud when it appears (unless the guest is already
 * answering) and on demand. Where the browser has no voice, or its engine does
 * not answer, a clear note says so; the question stays on screen either way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { speak, type SpeakHandle } from '../../../guest/speech';

type Phase = { kind: 'idle' } | { kind: 'speaking' } | { kind: 'needs-gesture' } | { kind: 'unavailable'; reason: string };

/**
 * The note under the button, one per phase. Each is short enough for one line on a 320 px phone, and the note's
 * box is as tall as the tallest of them from the start (guest.css .read-aloud-status): "unavailable" arrives a
 * second or more after the question shows (no voice, rare on a phone, but always so in a headless browser), and
 * its longer note, with the reason, took three lines there and pushed the answer's controls (the options, Record)
 * down 43 px under the guest's finger. The reason stays on the element (data-reason) for support and tests.
 */
const NOTES: Record<Phase['kind'], string> = {
  idle: '',
  speaking: 'Reading the question aloud…',
  'needs-gesture': 'Press the button to hear it read aloud.',
  unavailable: 'Read aloud is unavailable here.',
};

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
    <div className="read-aloud" data-testid="read-aloud" data-phase={phase.kind} data-reason={phase.kind === 'unavailable' ? phase.reason : undefined}>
      {phase.kind === 'speaking' ? (
        <button type="button" className="secondary" onClick={stop}>
          Stop reading
        </button>
      ) : (
        <button type="button" className="secondary" onClick={play} disabled={silence}>
          {phase.kind === 'idle' ? 'Read the question aloud' : 'Try reading aloud again'}
        </button>
      )}
      <span className="read-aloud-status">
        <span role="status" aria-live="polite">
          {NOTES[phase.kind]}
        </span>
        {/* The room of every note, taken whichever shows (unseen, and not read out). */}
        {Object.values(NOTES)
          .filter(Boolean)
          .map((note) => (
          <span key={note} className="read-aloud-status-room" aria-hidden="true">
            {note}
          </span>
        ))}
      </span>
    </div>
  );
}
