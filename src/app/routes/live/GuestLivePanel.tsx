/**
 * The guest's progress as their device publishes it (stage, current question,
 * timer, answers so far), and the question a staff member is reading, which
 * follows the guest unless they browse elsewhere. Works offline from the last
 * synced copy.
 */
import { currentSlot, timerView, type AnswerState, type StageState } from '../../../domain/stage';
import type { PublicQuestion, QuestionKey } from '../../../domain/plan-split';
import { ANSWER_LABELS, duration, STAGE_LABELS } from './format';
import { useNow } from '../../hooks/use-now';

interface Props {
  questions: PublicQuestion[];
  state: StageState | null;
  keys: Map<string, QuestionKey> | null;
  viewedIndex: number;
  following: boolean;
  onView(index: number): void;
  onFollow(): void;
}

function QuestionBody({ question, answerKey }: { question: PublicQuestion; answerKey: QuestionKey | undefined }) {
  return (
    <div className="question-body">
      {question.kind === 'coding' ? (
        <>
          <p>
            <strong>{question.title}</strong>
          </p>
          <p className="prewrap">{question.statement}</p>
        </>
      ) : (
        <p className="prewrap" data-testid="viewed-question-prompt">
          {question.prompt}
        </p>
      )}
      {question.kind === 'mcq' ? (
        <ol type="A" className="options">
          {question.options.map((o, i) => (
            <li key={i}>
              {o}
              {answerKey?.kind === 'mcq' && answerKey.correctIndex === i ? <span className="tag key-tag"> correct</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {answerKey?.kind === 'spoken' ? (
        <details>
          <summary>Key concepts (staff only)</summary>
          <ul>
            {answerKey.keyConcepts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function Timer({ state }: { state: StageState }) {
  const view0 = timerView(state, Date.now());
  const now = useNow(1000, view0?.running ?? false);
  const view = timerView(state, now);
  if (!view) return <span data-testid="guest-timer">no time limit running</span>;
  const left = duration(view.remainingMs);
  return (
    <span data-testid="guest-timer" className={view.warning ? 'timer-warning' : undefined}>
      {view.frozen ? `${left} left (stopped)` : `${left} left`}
      {view.purpose === 'answer-recording' ? ' of the recording' : ''}
    </span>
  );
}

export function GuestLivePanel({ questions, state, keys, viewedIndex, following, onView, onFollow }: Props) {
  const total = questions.length;
  const viewed = questions[viewedIndex];
  const liveIndex = state && state.stage !== 'setup' && state.stage !== 'intro' ? state.currentIndex : null;

  return (
    <section className="card live-guest" aria-labelledby="guest-live-title">
      <h2 id="guest-live-title">The guest’s session</h2>
      {state ? (
        <dl className="facts">
          <div>
            <dt>Stage</dt>
            <dd data-testid="guest-stage" data-stage={state.stage}>
              {STAGE_LABELS[state.stage]}
              {state.pause ? ` (by the ${state.pause.by}${state.pause.reason ? `: ${state.pause.reason}` : ''})` : ''}
            </dd>
          </div>
          <div>
            <dt>Question</dt>
            <dd data-testid="guest-question-position">
              {liveIndex === null ? 'not started' : state.stage === 'completed' ? `all ${total || state.questions.length} done` : `${liveIndex + 1} of ${state.questions.length}`}
            </dd>
          </div>
          <div>
            <dt>Time</dt>
            <dd>
              <Timer state={state} />
            </dd>
          </div>
          {state.error ? (
            <div>
              <dt>Problem</dt>
              <dd className="error">{state.error.message}</dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className="empty" data-testid="guest-not-started">
          The guest has not started yet. Their progress shows here as soon as their device shares it.
        </p>
      )}

      {viewed ? (
        <div className="viewer">
          <div className="title-row">
            <h3 id="viewed-title" data-testid="viewed-question-title">
              Question {viewedIndex + 1} of {total}
              {liveIndex === viewedIndex && state?.stage !== 'completed' ? <span className="tag live-tag">on the guest’s screen</span> : null}
            </h3>
            <div className="viewer-nav" role="group" aria-label="Browse questions">
              <button type="button" className="secondary small" onClick={() => onView(viewedIndex - 1)} disabled={viewedIndex <= 0}>
                Previous
              </button>
              <button type="button" className="secondary small" onClick={() => onView(viewedIndex + 1)} disabled={viewedIndex >= total - 1}>
                Next
              </button>
              <button type="button" className="secondary small" aria-pressed={following} onClick={onFollow} disabled={liveIndex === null}>
                Follow the guest
              </button>
            </div>
          </div>
          <QuestionBody question={viewed} answerKey={keys?.get(viewed.id)} />
        </div>
      ) : (
        <p className="empty">The questions appear once the plan has synced to this device.</p>
      )}

    </section>
  );
}

/** Every question with the guest's answer status; selecting one shows it in the viewer. */
export function AnswersPanel({ questions, state, viewedIndex, onView }: Pick<Props, 'questions' | 'state' | 'viewedIndex' | 'onView'>) {
  if (questions.length === 0) return null;
  const liveIndex = state && state.stage !== 'setup' && state.stage !== 'intro' && state.stage !== 'completed' ? state.currentIndex : null;
  const slot = state ? currentSlot(state) : null;
  const answers = state ? new Map(state.answers.map((a) => [a.questionId, a])) : new Map<string, AnswerState>();
  return (
    <section className="card live-answers" aria-labelledby="answers-title">
      <h2 id="answers-title">Answers so far</h2>
      <ol className="answers">
        {questions.map((q, i) => {
          const a = answers.get(q.id);
          const isLive = liveIndex !== null && slot?.id === q.id;
          return (
            <li key={q.id} data-answer-status={a?.status ?? 'pending'} className={i === viewedIndex ? 'viewing' : undefined}>
              <button type="button" className="link-button" onClick={() => onView(i)} aria-current={i === viewedIndex ? 'true' : undefined}>
                {q.kind === 'coding' ? q.title : truncate(q.prompt, 70)}
              </button>{' '}
              <span className="muted">
                — {isLive ? 'current · ' : ''}
                {ANSWER_LABELS[a?.status ?? 'pending']}
                {a?.durationMs ? `, ${duration(a.durationMs)} recorded` : ''}
                {a && a.mcqChoice !== null ? `, chose ${String.fromCharCode(65 + a.mcqChoice)}` : ''}
                {a?.hostNote ? ` (${a.hostNote})` : ''}
              </span>
              {a?.text ? <p className="answer-text prewrap">{a.text}</p> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
