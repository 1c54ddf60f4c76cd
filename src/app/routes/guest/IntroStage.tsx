/** The guest's intro: the rules, what to expect, consent, and Start Interview. */
import { answerMode, limitMsFor, rerecordsAllowed, type StageState } from '../../../domain/stage';
import type { GuestRuntime } from '../../../guest/runtime';
import type { PublicPlan } from '../../../sync/plan-doc';
import type { SyncStatus } from '../../../sync/sync-status';
import { ConsentForm, type ConsentChoice } from './ConsentForm';
import { GuestHeader } from './GuestHeader';
import { useScreenStart, useStageState } from './guest-hooks';
import { formatDuration } from './format';

function answerLimitMs(state: StageState): number | null {
  const spoken = state.questions.filter((q) => q.kind === 'spoken');
  return spoken.length ? Math.max(...spoken.map((q) => limitMsFor(state, q))) : null;
}

function kindSummary(plan: PublicPlan): string {
  const count = (k: string) => plan.questions.filter((q) => q.kind === k).length;
  const parts = [
    [count('spoken'), 'spoken'],
    [count('mcq'), 'multiple-choice'],
    [count('coding'), 'coding'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(', ');
}

function rerecordRule(n: number): string {
  if (n === 0) return 'Answers cannot be re-recorded in this interview.';
  if (n === 1) return 'You may re-record each answer once; the new recording replaces the old one only when it is complete.';
  return `You may re-record each answer up to ${n} times; a new recording replaces the old one only when it is complete.`;
}

export function IntroStage({ runtime, plan, guestName, status }: { runtime: GuestRuntime; plan: PublicPlan; guestName: string; status: SyncStatus | null }) {
  const state = useStageState(runtime);
  const heading = useScreenStart<HTMLHeadingElement>();
  const limit = answerLimitMs(state);
  const typed = state.accommodations.typingInsteadOfSpeaking;
  const hasSpoken = state.questions.some((q) => q.kind === 'spoken');
  const { extraTimePct, extraRerecords } = state.accommodations;

  const start = (choice: ConsentChoice) => {
    const consent = runtime.session.guest({ type: 'CONSENT_GIVEN', recording: choice.recording, aiScoring: choice.aiScoring });
    if (consent.ok) runtime.session.guest({ type: 'START_INTERVIEW' });
  };

  return (
    <section className="card narrow guest-screen" aria-labelledby="intro-title" data-stage="intro">
      <GuestHeader plan={plan} guestName={guestName} status={status} />
      <p className="muted" data-testid="intro-kinds">
        {kindSummary(plan)}
      </p>
      <h2 id="intro-title" ref={heading} tabIndex={-1}>
        How it works
      </h2>
      <ul className="rules">
        <li>Each question is shown on screen and read aloud; you can replay it.</li>
        {hasSpoken && limit !== null && (
          <li data-testid="rule-time-limit">
            {typed ? 'Type your answer to spoken questions' : 'Answer spoken questions out loud'}: you have up to {formatDuration(limit)} per answer
            {typed ? '' : ', counted from when you press Record'}. A warning appears 15 seconds before the end, and the recording stops by itself at the
            limit.
          </li>
        )}
        <li>Multiple-choice and coding questions show their own time limit, counted from when the question appears.</li>
        {!typed && <li>Speak clearly, in a quiet place if you can.</li>}
        {!typed && hasSpoken && <li data-testid="rule-rerecord">{rerecordRule(rerecordsAllowed(state))}</li>}
        <li>You can take a break between questions.</li>
        <li>Your answers are saved on this device as you go: a lost connection, a reload or a closed tab loses nothing.</li>
        <li data-testid="rule-support">
          While the interview is open, tech support can see your connection and microphone state (permission, the microphone’s name, whether sound
          arrives), your browser and system, and uploads waiting, so they can help if something goes wrong; never your audio or your answers.
        </li>
      </ul>
      {(extraTimePct > 0 || extraRerecords > 0 || typed) && (
        <section className="notice" aria-labelledby="acc-title" data-testid="accommodations">
          <h3 id="acc-title">Arranged for you</h3>
          <ul>
            {extraTimePct > 0 && <li>+{extraTimePct} % time on every question (already included above).</li>}
            {extraRerecords > 0 && <li>{extraRerecords} extra re-record{extraRerecords > 1 ? 's' : ''} per question.</li>}
            {typed && <li>You type your answers instead of speaking them.</li>}
          </ul>
        </section>
      )}
      <ConsentForm hasSpoken={hasSpoken} typingAlready={typed || answerMode(state) === 'typed'} onStart={start} />
    </section>
  );
}
