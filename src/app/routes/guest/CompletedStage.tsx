/** The end: thanks, what happens to the answers, when to expect news, and a last look at the transcripts. */
import type { AnswerState } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { GuestHeader } from './GuestHeader';
import { CompletedTranscript } from './CompletedTranscript';
import { UploadProgress } from '../../components/upload/UploadProgress';
import { useProcessingView, useScreenStart, useStageState } from './guest-hooks';

const STATUS_TEXT: Record<AnswerState['status'], string> = {
  pending: 'not answered',
  recording: 'recording',
  interrupted: 'cut off',
  processing: 'recorded, waiting for transcription',
  answered: 'answered',
  'timed-out': 'time ran out',
  skipped: 'skipped by the host',
  blocked: 'not counted (technical problem)',
};

export function CompletedStage({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const queue = useProcessingView(runtime);
  const heading = useScreenStart<HTMLHeadingElement>();
  const answered = state.answers.filter((a) => a.status === 'answered' || a.status === 'processing').length;
  const waiting = queue.waiting.length;
  return (
    <section className="card narrow guest-screen" aria-labelledby="done-title" data-stage="completed">
      <GuestHeader plan={plan} guestName={guestName} status={status} compact />
      <h2 id="done-title" ref={heading} tabIndex={-1}>
        Thank you, {guestName}: you have completed the interview
      </h2>
      <p data-testid="completed-summary">
        You answered {answered} of {state.questions.length} questions.
      </p>

      <h3>Next Steps</h3>
      <ol className="next-steps">
        <li>
          Your answers are saved on this device and sent to the interview team&apos;s server when you are online (each answer below shows how far its
          upload has come). Please keep this browser&apos;s data for this site until you hear from the team.
        </li>
        <li>
          {state.humanReviewOnly
            ? 'People on the hiring team review your answers without AI scoring, as you chose.'
            : 'People on the hiring team review your answers, helped by a first-pass AI score; the score never decides on its own.'}
        </li>
        <li>The hiring team will contact you the way they invited you, usually within a few working days. If you hear nothing within a week, reply to your invitation.</li>
        {waiting > 0 ? (
          <li data-testid="completed-waiting">
            {waiting} recorded {waiting === 1 ? 'answer is' : 'answers are'} still waiting for transcription on this device. If you close this page, it
            continues the next time you open the invite link.
          </li>
        ) : (
          <li>You can close this page.</li>
        )}
      </ol>

      <h3>Your answers</h3>
      <ol className="answer-review">
        {state.questions.map((q, i) => {
          const a = state.answers[i]!;
          const pq = plan.questions.find((p) => p.id === q.id);
          const title = pq ? (pq.kind === 'coding' ? pq.title : pq.prompt) : `Question ${i + 1}`;
          return (
            <li key={q.id} data-testid="answer-review-item" data-status={a.status}>
              <p>
                <span className="answer-review-title">{title}</span> <span className="tag">{STATUS_TEXT[a.status]}</span>
              </p>
              {a.recordingId && <UploadProgress recordingId={a.recordingId} />}
              {a.recordingId && <CompletedTranscript recordingId={a.recordingId} stageDoc={runtime.session.stageDocument()} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
