/**
 * Replays how a coding answer was written, from the code document's edit log (src/domain/coding/code-history.ts):
 * play, pause, speed, a timeline to scrub, and the runs and submits marked on it (each a button that jumps there).
 * The last position shows exactly the code as it stands.
 */
import { useEffect, useMemo, useState } from 'react';
import { advance, buildPlayback, play, PLAYBACK_SPEEDS, scrub, startPlayer, type PlayerState } from '../../../domain/coding/code-history';
import type { DocHandle } from '../../../sync/doc-connection';
import { readEdits, readMoments } from '../../../sync/code-doc';

const TICK_MS = 50;

function elapsed(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function CodePlayback({ code, questionId }: { code: DocHandle; questionId: string }) {
  // The history as it was when the replay opened; reopening takes what has been typed since.
  const playback = useMemo(() => buildPlayback(readEdits(code.doc), readMoments(code.doc), questionId), [code, questionId]);
  const [player, setPlayer] = useState<PlayerState>(() => startPlayer(playback));

  useEffect(() => {
    if (!player.playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      // Measured here: the updater runs later, when `last` has moved on.
      const step = now - last;
      last = now;
      setPlayer((p) => advance(p, playback, step));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [player.playing, playback]);

  const duration = playback.end - playback.start;
  return (
    <div className="code-playback" data-testid="code-playback" data-playing={player.playing} data-position={player.position - playback.start} data-duration={duration}>
      <div className="run-row">
        <button type="button" onClick={() => setPlayer(player.playing ? { ...player, playing: false } : play(player, playback))} disabled={playback.steps.length === 0}>
          {player.playing ? 'Pause' : 'Play'}
        </button>
        <label>
          Speed{' '}
          <select value={player.speed} onChange={(e) => setPlayer({ ...player, speed: Number(e.target.value) })}>
            {PLAYBACK_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <span aria-live="off">
          {elapsed(player.position - playback.start)} / {elapsed(duration)}
        </span>
      </div>
      <label className="playback-timeline">
        Position in the recording
        <input
          type="range"
          min={0}
          max={Math.max(duration, 0)}
          step={100}
          value={player.position - playback.start}
          onChange={(e) => setPlayer(scrub({ ...player, playing: false }, playback, playback.start + Number(e.target.value)))}
        />
      </label>
      {playback.marks.length > 0 && (
        <ol className="playback-marks" aria-label="Runs and submits on the timeline">
          {playback.marks.map((m, i) => (
            <li key={i} style={{ marginLeft: duration > 0 ? `${(100 * (m.at - playback.start)) / duration}%` : 0 }}>
              <button type="button" className="secondary" data-kind={m.kind} onClick={() => setPlayer(scrub({ ...player, playing: false }, playback, m.at))}>
                {elapsed(m.at - playback.start)} {m.label}
              </button>
            </li>
          ))}
        </ol>
      )}
      <pre className="playback-code" data-testid="playback-code">
        {playback.textAt(player.position)}
      </pre>
    </div>
  );
}
