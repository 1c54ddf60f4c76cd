/**
 * One question at a time: shown, read aloud (replayable), answered the way its
 * kind and the guest's answer mode call for, then Next. Covers the machine's
 * `question`, `recording` and `processing` stages.
 */
import { useRef } from 'react';
import { answerMode, currentAnswer, currentSlot, type AnswerState, type StageState } from '../../../domain/stage';
import type { PublicQuestion } from '../../../domain/plan-split';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { Toast } from '../../components/Toast';
import { CodingAnswer } from './CodingAnswer';
import { CountdownTimer } from './CountdownTimer';
import { GuestHeader } from './GuestHeader';
import { McqAnswer } from './McqAnswer';
import { ReadAloud } from './ReadAloud';
import { SpokenAnswer } from './SpokenAnswer';
import { TypedAnswer } from './TypedAnswer';
import { unavailableButton } from '../../components/busy-button';
import { useDockedBarRoom } from './docked-bar';
import { useFocusWhenLost, useScreenStart, useStageState, useTakeField } from './guest-hooks';

const SETTLED = new Set<AnswerState['status']>(['answered', 'timed-out', 'processing']);

function spokenText(q: PublicQuestion): string {
  return q.kind === 'coding' ? `${q.title}. ${q.statement}` : q.kind === 'mcq' ? `${q.prompt} ${q.options.map((o, i) => `Option ${i + 1}: ${o}.`).join(' ')}` : q.prompt;
}

function QuestionBody({ runtime, state, question }: { runtime: GuestRuntime; state: StageState; question: PublicQuestion }) {
  const slot = currentSlot(state)!;
  const answer = currentAnswer(state)!;
  const heading = useScreenStart<HTMLHeadingElement>(answer.status !== 'interrupted');
  const takeStatus = useTakeField(runtime, 'status');
  const mode = answerMode(state);
  const index = state.currentIndex;
  const total = state.questions.length;
  const recording = answer.status === 'recording' || takeStatus === 'starting';
  const timedOut = answer.status === 'timed-out';
  const writtenLocked = timedOut || !['pending', 'answered'].includes(answer.status);
  // Time running out disables the answer under the guest's focus (a choice, the typed answer's box): the notice that
  // says why takes it, and is read out, instead of the page's body.
  const timeUp = useFocusWhenLost<HTMLParagraphElement>(timedOut);
  const canNext = SETTLED.has(answer.status) && (state.stage === 'question' || state.stage === 'processing');
  const canPause = (state.stage === 'question' || state.stage === 'processing') && (SETTLED.has(answer.status) || (answer.status === 'pending' && state.timer === null));
  const session = runtime.session;
  const nav = useRef<HTMLDivElement>(null);
  useDockedBarRoom(nav);

  return (
    <article className="question" data-question-id={slot.id} data-kind={slot.kind} data-answer-status={answer.status}>
      <p className="question-progress">
        <span data-testid="question-position">
          Question {index + 1} of {total}
        </span>
        <progress max={total} value={index} aria-label={`${index} of ${total} questions done`} />
      </p>
      <h2 id="question-title" ref={heading} tabIndex={-1}>
        {question.kind === 'coding' ? question.title : `Question ${index + 1}`}
      </h2>
      <p className="question-text" data-testid="question-text">
        {question.kind === 'coding' ? question.statement : question.prompt}
      </p>
      <ReadAloud text={spokenText(question)} autoPlay={answer.status === 'pending' && !recording} silence={recording} />

      {state.timer && state.timer.purpose === 'question' && <CountdownTimer state={state} label="Time left for this question" />}
      {timedOut && (
        <p className="notice" role="status" ref={timeUp} tabIndex={-1}>
          Time is up for this question.
        </p>
      )}

      <div className="answer-area">
        {question.kind === 'mcq' && (
          <McqAnswer question={question} answer={answer} locked={writtenLocked} onAnswer={(choiceIndex) => session.guest({ type: 'ANSWER_MCQ', questionId: slot.id, choiceIndex })} />
        )}
        {question.kind === 'coding' && (
          <CodingAnswer
            interviewId={state.interviewId}
            question={question}
            answer={answer}
            locked={writtenLocked}
            onSubmit={(code) => session.guest({ type: 'ANSWER_CODE', questionId: slot.id, code })}
            dockedBelow={() => nav.current}
          />
        )}
        {question.kind === 'spoken' && mode === 'typed' && (
          <TypedAnswer interviewId={state.interviewId} answer={answer} locked={writtenLocked} onSubmit={(text) => session.guest({ type: 'ANSWER_TEXT', questionId: slot.id, text })} />
        )}
        {question.kind === 'spoken' && mode === 'voice' && <SpokenAnswer runtime={runtime} state={state} slot={slot} answer={answer} />}
        {answer.hostNote && <p className="hint">Note from the host: {answer.hostNote}</p>}
      </div>

      <div className="guest-actions question-nav" ref={nav}>
        {/* Unavailable, not disabled, until the answer is in: reachable by Tab (a screen reader says it is unavailable),
            and it never drops a focus it holds to the page's body. */}
        <button type="button" {...unavailableButton(!canNext, () => session.guest({ type: 'NEXT_QUESTION' }))}>
          {index + 1 < total ? 'Next question' : 'Finish interview'}
        </button>
        {canPause && (
          <button type="button" className="secondary take-break" onClick={() => session.guest({ type: 'REQUEST_PAUSE', reason: 'break requested by the guest' })}>
            {/* Its name is always "Take a break"; a phone under 360 px shows a pause sign and "Break" (guest.css). */}
            <svg className="take-break-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="currentColor">
              <rect x="3" y="2" width="3.5" height="12" rx="1" />
              <rect x="9.5" y="2" width="3.5" height="12" rx="1" />
            </svg>
            <span className="take-break-full">Take a break</span>
            <span className="take-break-short" aria-hidden="true">
              Break
            </span>
          </button>
        )}
      </div>
    </article>
  );
}

export function QuestionStage({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const micError = useTakeField(runtime, 'micError');
  const slot = currentSlot(state);
  const question = slot ? plan.questions.find((q) => q.id === slot.id) : undefined;
  return (
    <section className="card narrow guest-screen" aria-labelledby="question-title" data-stage={state.stage}>
      {micError && <Toast title="Voice Error" message={micError.title} onDismiss={() => runtime.takes.clearNotice()} />}
      <GuestHeader plan={plan} guestName={guestName} status={status} compact />
      {slot && question ? (
        <QuestionBody key={slot.id} runtime={runtime} state={state} question={question} />
      ) : (
        <p className="error" role="alert">
          This question is no longer in the interview plan. Ask the host to move you on.
        </p>
      )}
    </section>
  );
}
