/**
 * A spoken answer: Record, the Listening state (live level, countdown, 15 s
 * warning, Stop), then the stored answer with playback, its processing status,
 * its transcript check, and Re-record while re-records are left.
 */
import { limitMsFor, rerecordsAllowed, type AnswerState, type QuestionSlot, type StageState } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import { AudioVisualizer } from '../../components/AudioVisualizer';
import { AnswerPlayback } from './AnswerPlayback';
import { CountdownTimer } from './CountdownTimer';
import { InterruptedPanel } from './InterruptedPanel';
import { ProcessingNote } from './ProcessingNote';
import { TranscriptCheck } from './TranscriptCheck';
import { formatDuration } from './format';
import { AnswerAiStatus } from '../../components/ai/AnswerAiStatus';
import { UploadProgress } from '../../components/upload/UploadProgress';
import { useFocusWhenLost, useLevelMeter, useTakeField, useTakeView } from './guest-hooks';

function Listening({ runtime, state }: { runtime: GuestRuntime; state: StageState }) {
  const take = useTakeView(runtime);
  const stream = runtime.microphone.current()?.stream ?? null;
  const { meter } = useLevelMeter(stream);
  const paused = state.stage === 'paused';
  // Record is gone once recording starts: Stop takes its place in the focus too.
  const stop = useFocusWhenLost<HTMLButtonElement>(take.status === 'recording');
  return (
    <div className={`listening${take.warning ? ' listening-warning' : ''}`} data-testid="listening" data-recording-id={take.recordingId ?? ''}>
      <p className="listening-badge" role="status">
        <span className="rec-dot" aria-hidden="true" /> {paused ? 'Recording paused' : take.status === 'stopping' ? 'Saving your answer…' : 'Listening'}
      </p>
      <AudioVisualizer meter={meter} label="Your voice" testId="recording-visualizer" announce={false} />
      <CountdownTimer state={state} label="Time left for this answer" />
      {take.warning && (
        <p className="warning" role="alert" data-testid="time-warning">
          15 seconds left: the recording stops by itself at the limit.
        </p>
      )}
      <p className="hint" data-testid="stored-ms" data-stored-ms={take.storedMs}>
        Saved on this device as you speak ({Math.floor(take.storedMs / 1000)} s so far).
      </p>
      <div className="guest-actions">
        {/* Busy, not disabled, while the answer is saved: a disabled button drops the keyboard's focus to the page. */}
        <button type="button" ref={stop} onClick={() => take.status === 'recording' && void runtime.takes.stop()} aria-disabled={take.status !== 'recording' || undefined}>
          Stop recording
        </button>
      </div>
    </div>
  );
}

export function SpokenAnswer({ runtime, state, slot, answer }: { runtime: GuestRuntime; state: StageState; slot: QuestionSlot; answer: AnswerState }) {
  const status = useTakeField(runtime, 'status');
  const notice = useTakeField(runtime, 'notice');
  const left = rerecordsAllowed(state) - answer.rerecordsUsed;
  const starting = status === 'starting';

  if (answer.status === 'recording') return <Listening runtime={runtime} state={state} />;
  if (answer.status === 'interrupted' && answer.interrupted) return <InterruptedPanel runtime={runtime} answer={answer} />;

  if (answer.status === 'pending') {
    return (
      <div className="record-start">
        <p>When you are ready, press Record and answer out loud. You have {formatDuration(limitMsFor(state, slot) + answer.extraTimeMs)} from then.</p>
        {/* Busy, not disabled, while the microphone starts: the focus stays here until Stop takes it. */}
        <button type="button" className="record-button" onClick={() => !starting && void runtime.takes.start('first')} aria-disabled={starting || undefined}>
          {starting ? 'Starting the microphone…' : 'Record answer'}
        </button>
        {notice && <p className="error">{notice}</p>}
      </div>
    );
  }

  if (answer.status === 'processing' || answer.status === 'answered') return <StoredAnswer runtime={runtime} answer={answer} left={left} starting={starting} notice={notice} />;
  return null;
}

/**
 * The stored answer; Stop is gone once it shows, so its message takes the focus (screen readers read it; Tab goes on
 * to playback, Re-record, Next). Its parts arrive one after another in the seconds after Stop (the upload's progress,
 * the queue's note, where it is transcribed, the transcript), so what the guest may press comes first and what grows
 * comes last: with Re-record below them, it went down 24, then 47 px, up 99 and down 120 px within a second of Stop
 * on a 360 px phone. The queue's note and the AI's status share one place (the status replaces the note once the
 * device has decided where to transcribe), and the transcript, the one part of unknown height, is last.
 */
function StoredAnswer({ runtime, answer, left, starting, notice }: { runtime: GuestRuntime; answer: AnswerState; left: number; starting: boolean; notice: string | null }) {
  const message = useFocusWhenLost<HTMLParagraphElement>(true);
  const queueNote = answer.status === 'processing' ? <ProcessingNote runtime={runtime} questionId={answer.questionId} /> : null;
  return (
    <div className="answer-stored" data-testid="answer-stored" data-status={answer.status}>
      <p role="status" ref={message} tabIndex={-1}>
        Answer recorded{answer.durationMs ? ` (${formatDuration(answer.durationMs)})` : ''}
        {answer.stoppedBy === 'time-limit' ? ': the time limit was reached and your answer was saved.' : '.'}
      </p>
      {answer.recordingId && (
        <div className="guest-actions">
          <AnswerPlayback recordingId={answer.recordingId} />
          {left > 0 ? (
            <button type="button" className="secondary" onClick={() => !starting && void runtime.takes.start('rerecord')} aria-disabled={starting || undefined}>
              Re-record ({left} left)
            </button>
          ) : (
            <span className="hint">No re-records left for this question.</span>
          )}
        </div>
      )}
      {notice && <p className="error">{notice}</p>}
      {answer.recordingId ? (
        <>
          <UploadProgress recordingId={answer.recordingId} />
          <AnswerAiStatus recordingId={answer.recordingId} untilDecided={queueNote} />
          <TranscriptCheck recordingId={answer.recordingId} stageDoc={runtime.session.stageDocument()} />
        </>
      ) : (
        queueNote
      )}
    </div>
  );
}
