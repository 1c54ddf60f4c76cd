/**
 * The live input level: a canvas redrawn from the level meter's per-frame
 * readings (requestAnimationFrame, inside src/media/level-meter.ts), never
 * through React state, so 60 frames a second cost one small canvas paint each
 * and no re-render. Screen readers get a polite text that changes only when
 * what it says changes (hearing you / silence / too loud), at most once a second.
 * The text's line is as tall as its tallest text at this width from the first frame (guest.css): on a 320 px phone
 * "No sound yet: say a few words." takes two lines where "Starting the level meter…" took one, and a pause in the
 * guest's speech a few seconds into a recording moved the countdown and Stop down 21 px.
 */
import { useEffect, useRef, useState } from 'react';
import type { LevelMeter, LevelReading } from '../../media';

const BARS = 48;
const MIN_ANNOUNCE_GAP_MS = 1000;

type Hearing = 'waiting' | 'hearing' | 'silent' | 'loud';

const HEARING_TEXT: Record<Hearing, string> = {
  waiting: 'Starting the level meter…',
  hearing: 'We can hear you.',
  silent: 'No sound yet: say a few words.',
  loud: 'Very loud: move a little away from the microphone.',
};

function classify(reading: LevelReading): Hearing {
  if (reading.clipping) return 'loud';
  return reading.hearing ? 'hearing' : 'silent';
}

/**
 * `announce` false keeps the hearing text out of screen readers' live
 * announcements (while recording, the guest is talking: the countdown and
 * state changes matter more than "we hear you").
 */
export function AudioVisualizer({ meter, label, testId = 'audio-visualizer', announce = true }: { meter: LevelMeter | null; label: string; testId?: string; announce?: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [hearing, setHearing] = useState<Hearing>('waiting');

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !meter) return;
    const history = new Float32Array(BARS);
    let head = 0;
    let lastAnnounce = 0;
    let shown: Hearing = 'waiting';
    let frames = 0;
    const ctx = canvas.getContext('2d');
    const fit = () => {
      const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
      const w = Math.max(1, Math.round(canvas.clientWidth * dpr));
      const h = Math.max(1, Math.round(canvas.clientHeight * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
    };
    fit();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    observer?.observe(canvas);
    const draw = (reading: LevelReading) => {
      frames += 1;
      // A cheap sign of life for tests and support, written rarely to keep frames free of DOM work.
      if (frames % 30 === 0) canvas.dataset.frames = String(frames);
      // Perceptual scale: −60 dBFS .. 0 dBFS onto 0..1.
      const level = Math.max(0, Math.min(1, (reading.db + 60) / 60));
      history[head] = level;
      head = (head + 1) % BARS;
      if (ctx) {
        const { width, height } = canvas;
        ctx.clearRect(0, 0, width, height);
        const gap = Math.max(1, Math.floor(width / BARS / 4));
        const barW = width / BARS - gap;
        ctx.fillStyle = reading.clipping ? '#b45309' : '#15803d';
        for (let i = 0; i < BARS; i += 1) {
          const v = history[(head + i) % BARS]!;
          const h = Math.max(2, v * height);
          ctx.fillRect(i * (barW + gap), (height - h) / 2, barW, h);
        }
      }
      const now = performance.now();
      const kind = classify(reading);
      if (kind !== shown && now - lastAnnounce >= MIN_ANNOUNCE_GAP_MS) {
        shown = kind;
        lastAnnounce = now;
        canvas.dataset.hearing = kind;
        setHearing(kind);
      }
    };
    const unsubscribe = meter.subscribe(draw);
    return () => {
      unsubscribe();
      observer?.disconnect();
    };
  }, [meter]);

  return (
    <div className="audio-visualizer" data-testid={testId}>
      <canvas ref={canvasRef} aria-hidden="true" className="audio-visualizer-canvas" />
      <span className="audio-visualizer-text">
        <span role={announce ? 'status' : undefined} aria-live={announce ? 'polite' : 'off'}>
          <span className="sr-only">{label}: </span>
          {meter ? HEARING_TEXT[hearing] : HEARING_TEXT.waiting}
        </span>
        {/* The room of every text, taken whichever shows: drawn from the attribute, so it is neither read out nor found. */}
        {Object.values(HEARING_TEXT).map((text) => (
          <span key={text} className="audio-visualizer-room" aria-hidden="true" data-text={text} />
        ))}
      </span>
    </div>
  );
}
