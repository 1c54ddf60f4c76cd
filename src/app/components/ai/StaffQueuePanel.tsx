/**
 * Answers the candidate's device left to a staff device: each with where it stands (waiting for its upload,
 * ready, transcribing with progress, done, or failed with the reason and Retry), and whether this device can do
 * the work: without the speech model it says how many answers wait and points to the Speech model panel below.
 */
import './ai.css';
import type { PublicQuestion } from '../../../domain/plan-split';
import type { QueuedAnswerRow } from './queued-answers';
import type { StaffTranscription } from './use-staff-transcription';

const STATE_LABEL: Record<QueuedAnswerRow['state'], string> = {
  'waiting-upload': 'Waiting for upload',
  ready: 'Ready to transcribe',
  transcribing: 'Transcribing on this device',
  elsewhere: 'Transcribing on another device',
  done: 'Done',
  failed: 'Failed',
};

/** A question's first words, for a one-line list entry. */
function formatPrompt(q: PublicQuestion): string {
  const text = q.kind === 'coding' ? q.title : q.prompt;
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export interface StaffQueuePanelProps {
  rows: readonly QueuedAnswerRow[];
  questions: readonly PublicQuestion[];
  transcription: StaffTranscription;
  /** Where the ModelManager is, for the "download it below" link. */
  modelPanelId: string;
}

export function StaffQueuePanel({ rows, questions, transcription, modelPanelId }: StaffQueuePanelProps) {
  if (rows.length === 0) return null;
  const { model, active } = transcription;
  const waiting = rows.filter((r) => r.state === 'ready' || r.state === 'failed').length;
  const index = new Map(questions.map((q, i) => [q.id, i]));
  return (
    <section className="staff-queue" aria-labelledby="staff-queue-title" data-testid="staff-queue">
      <h3 id="staff-queue-title">Answers queued for a staff device</h3>
      {!active ? (
        <p className="muted">The interviewer’s or host’s device transcribes these.</p>
      ) : model.status === 'missing' && waiting > 0 ? (
        <p className="notice" data-testid="staff-model-missing">
          {waiting} {waiting === 1 ? 'answer waits' : 'answers wait'} for a staff device with the speech model. This device does not have it:{' '}
          <a href={`#${modelPanelId}`}>download it below</a>, or open the session on a device that has it.
        </p>
      ) : model.status === 'unavailable' ? (
        <p className="error" role="alert">
          This device cannot check its speech model: {model.detail}
        </p>
      ) : null}
      {transcription.error && (
        <p className="error" role="alert">
          Transcribing on this device failed: {transcription.error}
        </p>
      )}
      <ul className="staff-queue-list">
        {rows.map((r) => {
          const i = index.get(r.questionId);
          const q = i === undefined ? null : questions[i]!;
          return (
            <li key={r.recordingId} data-testid="staff-queue-item" data-recording-id={r.recordingId} data-state={r.state}>
              <strong>{i === undefined ? 'An answer' : `Q${i + 1}`}</strong>
              {q && <span className="muted"> {formatPrompt(q)}</span>}: <span className={`staff-queue-state state-${r.state}`}>{STATE_LABEL[r.state]}</span>
              <span className={r.state === 'failed' ? 'error' : 'muted'}> · {r.detail}</span>
              {r.state === 'transcribing' && (
                <progress
                  className="staff-queue-progress"
                  aria-label={`Transcribing Q${(i ?? 0) + 1}`}
                  {...(r.fraction === null ? {} : { value: Math.round(r.fraction * 100), max: 100 })}
                />
              )}
              {r.state === 'failed' && active && (
                <button type="button" className="secondary" onClick={() => transcription.retry(r.recordingId)} disabled={model.status !== 'ready'}>
                  Retry
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
