/** "Test my mic": records three seconds in memory and plays them back. Nothing is stored or sent. */
import { useEffect, useRef, useState } from 'react';
import { MIC_TEST_MS, recordSample, type MicSample } from '../../../guest/mic-test';
import { unavailableButton } from '../../components/busy-button';

type Phase = { kind: 'idle' } | { kind: 'recording'; endsAt: number } | { kind: 'done'; sample: MicSample; url: string } | { kind: 'failed'; message: string };

export function MicTest({ stream }: { stream: MediaStream | null }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [left, setLeft] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);
  useEffect(() => {
    if (phase.kind !== 'done') return;
    const url = phase.url;
    // Played straight after the guest's click on "Test my mic", so autoplay rules allow it.
    void audioRef.current?.play().catch(() => undefined);
    return () => URL.revokeObjectURL(url);
  }, [phase]);
  useEffect(() => {
    if (phase.kind !== 'recording') return;
    const tick = () => setLeft(Math.max(0, Math.ceil((phase.endsAt - Date.now()) / 1000)));
    tick();
    const t = setInterval(tick, 250);
    return () => clearInterval(t);
  }, [phase]);

  const run = async () => {
    if (!stream) return;
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: 'recording', endsAt: Date.now() + MIC_TEST_MS });
    try {
      const sample = await recordSample(stream, MIC_TEST_MS, controller.signal);
      if (controller.signal.aborted) return;
      setPhase({ kind: 'done', sample, url: URL.createObjectURL(sample.blob) });
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="mic-test" data-testid="mic-test" data-phase={phase.kind}>
      {/* Unavailable, not disabled, while it records: the focus stays on it (the status counts the seconds). */}
      <button type="button" className="secondary" {...unavailableButton(!stream || phase.kind === 'recording', () => void run())}>
        {phase.kind === 'done' ? 'Test again' : 'Test my mic'}
      </button>
      <p role="status" aria-live="polite" className="mic-test-status">
        {phase.kind === 'idle' && 'Records 3 seconds and plays them back to you. Nothing is saved.'}
        {phase.kind === 'recording' && `Recording… speak now (${left} s)`}
        {phase.kind === 'done' && 'Playing your test back. Do you hear yourself clearly?'}
        {phase.kind === 'failed' && `The test recording failed: ${phase.message}`}
      </p>
      {phase.kind === 'done' && (
        <audio
          ref={audioRef}
          controls
          src={phase.url}
          data-testid="mic-test-playback"
          data-bytes={phase.sample.blob.size}
          data-duration-ms={phase.sample.durationMs}
          aria-label="Your 3-second test recording"
        />
      )}
    </div>
  );
}
