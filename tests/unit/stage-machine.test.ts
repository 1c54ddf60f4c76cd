import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  SENDERS,
  STAGES,
  TRANSITIONS,
  ACTOR_ROLES,
  createStageState,
  currentAnswer,
  dispatch,
  eventsFor,
  parseStageEvent,
  parseStageState,
  resumeAfterReload,
  slotsFromQuestions,
  timerView,
  transition,
  afterBreak,
  describeAfterBreak,
  type Accommodations,
  type QuestionSlot,
  type Stage,
  type StageEvent,
  type StageEventType,
  type StageState,
  type StoredRecordingSummary,
} from '../../src/domain/stage';
import type { Question } from '../../src/domain/questions';

const T0 = 1_700_000_000_000;
const guest = { role: 'guest' } as const;
const host = { role: 'host', id: 'host-ana' } as const;
const system = { role: 'system' } as const;

const QUESTIONS: QuestionSlot[] = [
  { id: 'q1', kind: 'spoken', timeLimitSec: 120 },
  { id: 'q2', kind: 'mcq', timeLimitSec: 60, optionCount: 4 },
  { id: 'q3', kind: 'coding', timeLimitSec: 900 },
  { id: 'q4', kind: 'spoken', timeLimitSec: 120 },
];

/** Freezes the whole state so any mutation inside `transition` throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

type Maker = (s: StageState) => StageEvent;

function run(state: StageState, ...makers: Maker[]): StageState {
  let s = deepFreeze(state);
  for (const make of makers) {
    const event = make(s);
    const result = transition(s, event);
    if (!result.ok) throw new Error(`${event.type} refused in ${s.stage}: ${result.reason}`);
    s = deepFreeze(result.state);
  }
  return s;
}

function refusal(state: StageState, event: StageEvent): string {
  const before = structuredClone(state);
  const result = transition(deepFreeze(state), event);
  expect(result.ok).toBe(false);
  expect(state).toEqual(before);
  return result.ok ? '' : result.reason;
}

const later = (s: StageState, ms = 1000) => s.updatedAt + ms;
const qid = (s: StageState) => s.questions[s.currentIndex]!.id;

// Event makers: each reads what it needs (time, current question) from the state it applies to.
const tech: Maker = (s) => ({ type: 'TECH_CHECK_PASSED', actor: guest, at: later(s), inputDeviceId: 'mic-1' });
const consent =
  (recording = true, aiScoring = true): Maker =>
  (s) => ({ type: 'CONSENT_GIVEN', actor: guest, at: later(s), recording, aiScoring });
const begin: Maker = (s) => ({ type: 'START_INTERVIEW', actor: guest, at: later(s) });
const record =
  (recordingId: string): Maker =>
  (s) => ({ type: 'START_RECORDING', actor: guest, at: later(s), recordingId });
const rerecord =
  (recordingId: string): Maker =>
  (s) => ({ type: 'RERECORD', actor: guest, at: later(s), recordingId });
const stop =
  (recordingId: string, durationMs = 30_000): Maker =>
  (s) => ({ type: 'STOP_RECORDING', actor: guest, at: later(s, durationMs), recordingId, durationMs });
const processed =
  (questionId?: string, outcome: 'ok' | 'failed' = 'ok'): Maker =>
  (s) => ({ type: 'ANSWER_PROCESSED', actor: system, at: later(s), questionId: questionId ?? qid(s), outcome });
const timeUp: Maker = (s) => ({ type: 'TIME_LIMIT_REACHED', actor: system, at: s.timer!.deadline, questionId: s.timer!.questionId });
const mcq =
  (choiceIndex: number): Maker =>
  (s) => ({ type: 'ANSWER_MCQ', actor: guest, at: later(s), questionId: qid(s), choiceIndex });
const code =
  (text = 'function f() { return 1; }'): Maker =>
  (s) => ({ type: 'ANSWER_CODE', actor: guest, at: later(s), questionId: qid(s), code: text });
const typed =
  (text = 'I would use a queue.'): Maker =>
  (s) => ({ type: 'ANSWER_TEXT', actor: guest, at: later(s), questionId: qid(s), text });
const next: Maker = (s) => ({ type: 'NEXT_QUESTION', actor: guest, at: later(s) });
const askPause: Maker = (s) => ({ type: 'REQUEST_PAUSE', actor: guest, at: later(s), reason: 'glass of water' });
const resume: Maker = (s) => ({ type: 'RESUME', actor: guest, at: later(s, 60_000) });
const fail =
  (code: 'storage-full' | 'microphone' | 'worker' = 'microphone', recordedMs?: number): Maker =>
  (s) => ({ type: 'FAIL', actor: system, at: later(s), code, message: `${code} failed`, ...(recordedMs === undefined ? {} : { recordedMs }) });
const retry: Maker = (s) => ({ type: 'RETRY', actor: guest, at: later(s) });
const recover =
  (choice: 'keep' | 'rerecord' | 'discard', recordingId?: string): Maker =>
  (s) => ({ type: 'RECOVER_INTERRUPTED_RECORDING', actor: guest, at: later(s), choice, ...(recordingId ? { recordingId } : {}) });
const hostNext: Maker = (s) => ({ type: 'HOST_NEXT', actor: host, at: later(s), reason: 'moving on' });
const hostPause: Maker = (s) => ({ type: 'HOST_PAUSE', actor: host, at: later(s), reason: 'network check' });
const hostResume: Maker = (s) => ({ type: 'HOST_RESUME', actor: host, at: later(s, 30_000) });
const extend =
  (extraSec = 60): Maker =>
  (s) => ({ type: 'HOST_EXTEND_TIME', actor: host, at: later(s), questionId: qid(s), extraSec });
const block: Maker = (s) => ({ type: 'HOST_MARK_BLOCKED', actor: host, at: later(s), reason: 'editor broken' });
const accommodate =
  (a: Partial<Accommodations>): Maker =>
  (s) => ({
    type: 'HOST_SET_ACCOMMODATIONS',
    actor: host,
    at: later(s),
    accommodations: { ...s.accommodations, ...a },
  });

const fresh = (questions = QUESTIONS, accommodations?: Accommodations) =>
  createStageState({ interviewId: 'acme-1', questions, now: T0, ...(accommodations ? { accommodations } : {}) });

// Named points of a realistic run.
const atSetup = () => deepFreeze(fresh());
const atIntro = () => run(atSetup(), tech);
const atQ1 = () => run(atIntro(), consent(), begin);
const recordingQ1 = () => run(atQ1(), record('r1'));
const processingQ1 = () => run(recordingQ1(), stop('r1'));
const answeredQ1 = () => run(processingQ1(), processed());
const atQ2 = () => run(answeredQ1(), next);
const atQ3 = () => run(atQ2(), mcq(2), next);
const atQ4 = () => run(atQ3(), code(), next);
const completed = () => run(atQ4(), record('r4'), stop('r4'), processed(), next);

// ---------------------------------------------------------------------------

describe('stage machine: full runs', () => {
  it('takes a voice interview from setup to completed with every answer kind', () => {
    const done = completed();
    expect(done.stage).toBe('completed');
    expect(done.completedAt).not.toBeNull();
    expect(done.answers.map((a) => a.status)).toEqual(['answered', 'answered', 'answered', 'answered']);
    expect(done.answers[0]).toMatchObject({ recordingId: 'r1', durationMs: 30_000, stoppedBy: 'guest' });
    expect(done.answers[1]).toMatchObject({ mcqChoice: 2, recordingId: null });
    expect(done.answers[2]!.code).toContain('function f');
    expect(done.timer).toBeNull();
    expect(done.humanReviewOnly).toBe(false);
    // Every applied event is logged with who and when, in order.
    expect(done.log.map((l) => l.type)).toEqual([
      'TECH_CHECK_PASSED', 'CONSENT_GIVEN', 'START_INTERVIEW', 'START_RECORDING', 'STOP_RECORDING', 'ANSWER_PROCESSED',
      'NEXT_QUESTION', 'ANSWER_MCQ', 'NEXT_QUESTION', 'ANSWER_CODE', 'NEXT_QUESTION', 'START_RECORDING', 'STOP_RECORDING',
      'ANSWER_PROCESSED', 'NEXT_QUESTION',
    ]);
    expect(done.log.every((l, i) => i === 0 || l.at >= done.log[i - 1]!.at)).toBe(true);
    expect(done.log[7]).toMatchObject({ actor: guest, questionId: 'q2', detail: 'choice 2' });
    expect(done.revision).toBe(done.log.length);
  });

  it('times spoken answers per recording and other questions from when they are shown', () => {
    const q1 = atQ1();
    expect(q1.timer).toBeNull();
    const rec = run(q1, record('r1'));
    expect(rec.timer).toMatchObject({ questionId: 'q1', purpose: 'answer-recording', limitMs: 120_000 });
    expect(rec.timer!.deadline).toBe(rec.updatedAt + 120_000);
    const q2 = atQ2();
    expect(q2.timer).toMatchObject({ questionId: 'q2', purpose: 'question', limitMs: 60_000, startedAt: q2.updatedAt });
    expect(q2.answers[1]!.shownAt).toBe(q2.updatedAt);
  });

  it('stops the recording by itself at the time limit, with the warning window before it', () => {
    const rec = recordingQ1();
    const view = timerView(rec, rec.timer!.deadline - 15_000);
    expect(view).toMatchObject({ warning: true, expired: false, remainingMs: 15_000 });
    expect(timerView(rec, rec.timer!.deadline - 15_001)!.warning).toBe(false);
    expect(timerView(rec, rec.timer!.deadline)!.expired).toBe(true);
    const early: StageEvent = { type: 'TIME_LIMIT_REACHED', actor: system, at: rec.timer!.deadline - 1, questionId: 'q1' };
    expect(refusal(rec, early)).toMatch(/not reached \(1 ms left\)/);
    const stopped = run(rec, timeUp);
    expect(stopped.stage).toBe('processing');
    expect(stopped.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', stoppedBy: 'time-limit' });
    expect(stopped.timer).toBeNull();
  });

  it('lets the guest move on while an answer is still processing, and takes the result later', () => {
    const moved = run(processingQ1(), next);
    expect(moved.stage).toBe('question');
    expect(moved.currentIndex).toBe(1);
    expect(moved.answers[0]!.status).toBe('processing');
    const later = run(moved, processed('q1', 'failed'));
    expect(later.stage).toBe('question');
    expect(later.currentIndex).toBe(1);
    expect(later.answers[0]).toMatchObject({ status: 'answered', processing: { outcome: 'failed' } });
  });

  it('accepts processing results after completion without leaving completed', () => {
    const done = run(atQ4(), record('r4'), stop('r4'), next);
    expect(done.stage).toBe('completed');
    const settled = run(done, processed('q4'));
    expect(settled.stage).toBe('completed');
    expect(settled.answers[3]!.status).toBe('answered');
  });

  it('times out an unanswered multiple-choice question and refuses answers after the limit', () => {
    const q2 = atQ2();
    const late: StageEvent = { type: 'ANSWER_MCQ', actor: guest, at: q2.timer!.deadline, questionId: 'q2', choiceIndex: 1 };
    expect(refusal(q2, late)).toMatch(/time limit has passed/);
    const out = run(q2, timeUp);
    expect(out.answers[1]!.status).toBe('timed-out');
    expect(out.timer).toBeNull();
    expect(refusal(out, mcq(1)(out))).toMatch(/timed-out/);
    expect(run(out, next).currentIndex).toBe(2);
  });

  it('lets a multiple-choice answer change until the guest moves on, and validates the choice', () => {
    const q2 = run(atQ2(), mcq(0), mcq(3));
    expect(q2.answers[1]!.mcqChoice).toBe(3);
    expect(refusal(q2, mcq(4)(q2))).toMatch(/not one of the 4 options/);
    expect(refusal(q2, mcq(-1)(q2))).toMatch(/not one of/);
    const wrongQuestion: StageEvent = { type: 'ANSWER_MCQ', actor: guest, at: later(q2), questionId: 'q1', choiceIndex: 0 };
    expect(refusal(q2, wrongQuestion)).toMatch(/not the current question/);
  });

  it('refuses answers of the wrong kind for the current question', () => {
    expect(refusal(atQ2(), code()(atQ2()))).toMatch(/not a coding task/);
    expect(refusal(atQ3(), mcq(1)(atQ3()))).toMatch(/not multiple choice/);
    expect(refusal(atQ2(), record('x')(atQ2()))).toMatch(/mcq question is not answered by recording/);
    expect(refusal(atQ1(), typed()(atQ1()))).toMatch(/spoken in this interview/);
    expect(refusal(atQ3(), code('   ')(atQ3()))).toMatch(/empty/);
  });

  it('requires an answer before NEXT_QUESTION and consent before the interview', () => {
    expect(refusal(atQ1(), next(atQ1()))).toMatch(/pending: answer it first/);
    expect(refusal(atIntro(), begin(atIntro()))).toMatch(/consent has not been given/);
    const empty = run(fresh([]), tech, consent());
    expect(refusal(empty, begin(empty))).toMatch(/no questions/);
  });

  it('never reuses a recording id and only stops the take being recorded', () => {
    const rec = recordingQ1();
    expect(refusal(rec, stop('r-other')(rec))).toMatch(/not the one being recorded/);
    const ans = answeredQ1();
    expect(refusal(ans, rerecord('r1')(ans))).toMatch(/already used/);
    expect(refusal(ans, record('r9')(ans))).toMatch(/use RERECORD/);
  });

  it('refuses a stale processing result for a replaced recording', () => {
    const replaced = run(answeredQ1(), rerecord('r2'), stop('r2'));
    const stale: StageEvent = { type: 'ANSWER_PROCESSED', actor: system, at: later(replaced), questionId: 'q1', recordingId: 'r1', outcome: 'ok' };
    expect(refusal(replaced, stale)).toMatch(/no longer the answer/);
    const unknown: StageEvent = { type: 'ANSWER_PROCESSED', actor: system, at: later(replaced), questionId: 'nope', outcome: 'ok' };
    expect(refusal(replaced, unknown)).toMatch(/unknown question/);
  });
});

describe('stage machine: re-records and accommodations', () => {
  it('keeps the earlier answer until the re-record is complete, then replaces it', () => {
    const rerecording = run(answeredQ1(), rerecord('r2'));
    expect(rerecording.stage).toBe('recording');
    expect(rerecording.answers[0]).toMatchObject({ status: 'recording', recordingId: 'r1', activeRecordingId: 'r2', rerecordsUsed: 0 });
    const done = run(rerecording, stop('r2', 12_000));
    expect(done.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r2', durationMs: 12_000, rerecordsUsed: 1, attempts: ['r1', 'r2'] });
  });

  it('lets the guest record again while the earlier take is still processing; the earlier take stands, and is processed, unless the new one completes', () => {
    const rerecording = run(processingQ1(), rerecord('r2'));
    expect(rerecording.stage).toBe('recording');
    expect(rerecording.answers[0]).toMatchObject({ status: 'recording', recordingId: 'r1', activeRecordingId: 'r2', rerecordsUsed: 0 });
    // The earlier take's result arriving mid-take is not this answer's any more than its status is.
    const lateResult: StageEvent = { type: 'ANSWER_PROCESSED', actor: system, at: later(rerecording), questionId: 'q1', recordingId: 'r1', outcome: 'ok' };
    expect(refusal(rerecording, lateResult)).toMatch(/not processing/);
    // Completed: the new take replaces the earlier one and is the one processed.
    const done = run(rerecording, stop('r2'));
    expect(done.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r2', rerecordsUsed: 1 });
    expect(refusal(done, { ...lateResult, at: later(done) })).toMatch(/no longer the answer/);
    // Cut off with nothing stored: the earlier take is the answer again, still to be processed.
    const empty = run(processingQ1(), rerecord('r2'), fail('microphone', 0), retry);
    expect(empty.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', rerecordsUsed: 0, interrupted: null });
    expect(run(empty, processed()).answers[0]).toMatchObject({ status: 'answered', recordingId: 'r1' });
    // Cut off with audio and then discarded: the same.
    const cut = run(processingQ1(), rerecord('r2'), fail('microphone', 3000), retry);
    expect(cut.answers[0]).toMatchObject({ status: 'interrupted', recordingId: 'r1', interrupted: { recordingId: 'r2', wasRerecord: true } });
    expect(run(cut, recover('discard')).answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', interrupted: null });
    // An earlier take already processed stays answered.
    expect(run(answeredQ1(), rerecord('r2'), fail('microphone', 0), retry).answers[0]).toMatchObject({ status: 'answered', recordingId: 'r1' });
  });

  it('allows one re-record by default and refuses the next with the count', () => {
    const used = run(answeredQ1(), rerecord('r2'), stop('r2'), processed());
    expect(refusal(used, rerecord('r3')(used))).toMatch(/no re-records left \(1 of 1 used\)/);
  });

  it('grants more re-records as an accommodation', () => {
    const s = run(
      deepFreeze(fresh(QUESTIONS, { extraTimePct: 0, extraRerecords: 2, typingInsteadOfSpeaking: false })),
      tech, consent(), begin, record('r1'), stop('r1'), processed(),
      rerecord('r2'), stop('r2'), processed(),
      rerecord('r3'), stop('r3'), processed(),
      rerecord('r4'), stop('r4'), processed(),
    );
    expect(s.answers[0]).toMatchObject({ recordingId: 'r4', rerecordsUsed: 3 });
    expect(refusal(s, rerecord('r5')(s))).toMatch(/3 of 3 used/);
  });

  it('extends every time limit by the extra-time accommodation', () => {
    const s = run(deepFreeze(fresh(QUESTIONS, { extraTimePct: 50, extraRerecords: 0, typingInsteadOfSpeaking: false })), tech, consent(), begin, record('r1'));
    expect(s.timer!.limitMs).toBe(180_000);
    const q2 = run(s, stop('r1'), processed(), next);
    expect(q2.timer!.limitMs).toBe(90_000);
    expect(refusal(s, { type: 'TIME_LIMIT_REACHED', actor: system, at: s.timer!.startedAt + 120_000, questionId: 'q1' })).toMatch(/not reached/);
  });

  it('does not count a failed or crashed re-record against the allowance', () => {
    const s = run(answeredQ1(), rerecord('r2'), fail('microphone'), retry);
    expect(s.answers[0]).toMatchObject({ status: 'interrupted', recordingId: 'r1', rerecordsUsed: 0, interrupted: { recordingId: 'r2', wasRerecord: true } });
    const back = run(s, recover('discard'));
    expect(back.answers[0]).toMatchObject({ status: 'answered', recordingId: 'r1', interrupted: null, rerecordsUsed: 0 });
    expect(run(back, rerecord('r3')).stage).toBe('recording');
  });

  it('marks a guest who declines AI scoring for human review only, and the interview goes on', () => {
    const s = run(atIntro(), consent(true, false), begin, record('r1'), stop('r1'));
    expect(s.humanReviewOnly).toBe(true);
    expect(s.consent).toMatchObject({ recording: true, aiScoring: false });
    expect(s.stage).toBe('processing');
  });

  it('lets the guest change consent until the interview starts', () => {
    const s = run(atIntro(), consent(true, false), consent(true, true));
    expect(s.humanReviewOnly).toBe(false);
  });

  it('switches to typed answers when the guest declines recording, timing them from when shown', () => {
    const s = run(atIntro(), consent(false, true), begin);
    expect(s.timer).toMatchObject({ questionId: 'q1', purpose: 'question', limitMs: 120_000 });
    expect(refusal(s, record('r1')(s))).toMatch(/typed in this interview/);
    const answered = run(s, typed('Use a bounded queue and back-pressure.'));
    expect(answered.answers[0]).toMatchObject({ status: 'answered', text: 'Use a bounded queue and back-pressure.', recordingId: null });
    expect(refusal(answered, typed('   ')(answered))).toMatch(/empty/);
  });

  it('applies a typing accommodation set by the host mid-question, starting the clock now', () => {
    const s = run(atQ1(), accommodate({ typingInsteadOfSpeaking: true }));
    expect(s.timer).toMatchObject({ questionId: 'q1', purpose: 'question', startedAt: s.updatedAt });
    const back = run(s, accommodate({ typingInsteadOfSpeaking: false }));
    expect(back.timer).toBeNull();
    expect(run(back, record('r1')).stage).toBe('recording');
  });
});

describe('stage machine: pause, failure and retry', () => {
  it('lets the guest pause between questions and resume, freezing the clock', () => {
    const q2 = atQ2();
    expect(refusal(q2, askPause(q2))).toMatch(/only be taken between questions/);
    const answered = run(q2, mcq(1));
    const paused = run(answered, askPause);
    expect(paused.stage).toBe('paused');
    expect(paused.pause).toMatchObject({ by: 'guest', reason: 'glass of water', resumeTo: 'question' });
    const left = timerView(paused, paused.updatedAt)!.remainingMs;
    expect(timerView(paused, paused.updatedAt + 3_600_000)!.remainingMs).toBe(left);
    const resumed = run(paused, resume);
    expect(resumed.stage).toBe('question');
    expect(timerView(resumed, resumed.updatedAt)!.remainingMs).toBe(left);
  });

  it('allows a pause before a spoken answer starts and while an answer processes', () => {
    expect(run(atQ1(), askPause).pause!.resumeTo).toBe('question');
    const p = run(processingQ1(), askPause);
    expect(p.pause!.resumeTo).toBe('processing');
    // Processing finished during the pause: resuming lands on the question, not in processing.
    expect(run(p, processed('q1'), resume).stage).toBe('question');
    expect(run(p, resume).stage).toBe('processing');
  });

  it('only lets the host lift a host pause, which freezes a running recording', () => {
    const rec = recordingQ1();
    const paused = run(rec, hostPause);
    expect(paused.pause).toMatchObject({ by: 'host', resumeTo: 'recording' });
    expect(paused.timer!.pausedAt).toBe(paused.updatedAt);
    expect(refusal(paused, resume(paused))).toMatch(/only the host can resume/);
    const resumed = run(paused, hostResume);
    expect(resumed.stage).toBe('recording');
    expect(resumed.timer!.deadline - rec.timer!.deadline).toBe(resumed.updatedAt - paused.updatedAt);
  });

  it('turns a failure during recording into an interrupted take and offers keep or record again', () => {
    const err = run(recordingQ1(), fail('storage-full', 41_000));
    expect(err.stage).toBe('error');
    expect(err.error).toMatchObject({ code: 'storage-full', resumeTo: 'question' });
    expect(err.answers[0]).toMatchObject({ status: 'interrupted', interrupted: { recordingId: 'r1', durationMs: 41_000 } });
    const back = run(err, retry);
    expect(back.stage).toBe('question');
    expect(refusal(back, record('r2')(back))).toMatch(/kept or recorded again first/);
    expect(refusal(back, next(back))).toMatch(/interrupted/);
    expect(refusal(back, recover('discard')(back))).toMatch(/no earlier answer/);
    const kept = run(back, recover('keep'));
    expect(kept.stage).toBe('processing');
    expect(kept.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', durationMs: 41_000 });
    const again = run(back, recover('rerecord', 'r2'));
    expect(again.stage).toBe('recording');
    expect(again.answers[0]).toMatchObject({ activeRecordingId: 'r2', interrupted: null, attempts: ['r1', 'r2'] });
    expect(refusal(back, recover('rerecord')(back))).toMatch(/needs a new recordingId/);
  });

  it('drops a take known to hold no audio instead of offering it', () => {
    const err = run(recordingQ1(), fail('microphone', 0), retry);
    expect(err.answers[0]).toMatchObject({ status: 'pending', interrupted: null });
    expect(run(err, record('r2')).stage).toBe('recording');
  });

  it('freezes a question clock during an error and gives the time back on retry', () => {
    const q2 = atQ2();
    const err = run(q2, fail('worker'));
    expect(err.error!.resumeTo).toBe('question');
    const back = run(err, (s) => ({ type: 'RETRY', actor: guest, at: later(s, 90_000) }));
    expect(timerView(back, back.updatedAt)!.remainingMs).toBe(timerView(q2, err.updatedAt)!.remainingMs);
  });

  it('returns from an error raised while paused to the pause', () => {
    const paused = run(recordingQ1(), hostPause);
    const err = run(paused, fail('microphone'));
    expect(err.error!.resumeTo).toBe('paused');
    expect(err.answers[0]!.status).toBe('interrupted');
    const back = run(err, retry);
    expect(back.stage).toBe('paused');
    expect(back.pause!.resumeTo).toBe('question');
    expect(run(back, hostResume).stage).toBe('question');
  });

  it('returns a failed technical check to setup', () => {
    expect(run(atSetup(), fail('microphone'), retry).stage).toBe('setup');
  });
});

describe('stage machine: host overrides', () => {
  it('moves a stuck guest past the technical check', () => {
    const s = run(atSetup(), hostNext);
    expect(s.stage).toBe('intro');
    expect(s.techCheck).toMatchObject({ by: 'host' });
    expect(refusal(s, hostNext(s))).toMatch(/not allowed in stage 'intro'/);
  });

  it('moves on while recording and keeps the audio as the answer', () => {
    const s = run(recordingQ1(), hostNext);
    expect(s.currentIndex).toBe(1);
    expect(s.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', stoppedBy: 'host', hostNote: 'moving on' });
    expect(s.log.at(-1)).toMatchObject({ type: 'HOST_NEXT', actor: host, questionId: 'q1' });
  });

  it('skips an unanswered question and completes after the last one', () => {
    const s = run(atQ1(), hostNext);
    expect(s.answers[0]!.status).toBe('skipped');
    const done = run(atQ4(), hostNext);
    expect(done.stage).toBe('completed');
  });

  it('refuses an override aimed at a question that is no longer current (double click)', () => {
    const q1 = atQ1();
    const click: StageEvent = { type: 'HOST_NEXT', actor: host, at: later(q1), questionId: 'q1' };
    const moved = transition(q1, click);
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(refusal(moved.state, { ...click, at: click.at + 10 })).toMatch(/q1 is not the current question \(q2\)/);
  });

  it('keeps an interrupted partial take when moving on, unless a complete earlier answer exists', () => {
    const partial = run(recordingQ1(), fail('microphone', 5_000), hostNext);
    expect(partial.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', durationMs: 5_000 });
    const withEarlier = run(answeredQ1(), rerecord('r2'), fail('microphone', 5_000), hostNext);
    expect(withEarlier.answers[0]).toMatchObject({ status: 'answered', recordingId: 'r1' });
  });

  it('extends the running time limit, also while paused', () => {
    const rec = recordingQ1();
    const extended = run(rec, extend(90));
    expect(extended.timer!.deadline - rec.timer!.deadline).toBe(90_000);
    expect(extended.timer!.limitMs).toBe(210_000);
    expect(extended.answers[0]!.extraTimeMs).toBe(90_000);
    const paused = run(atQ2(), hostPause, extend(30));
    expect(timerView(paused, paused.updatedAt + 1e6)!.remainingMs).toBe(60_000 - 1000 + 30_000);
    expect(refusal(atQ1(), extend(30)(atQ1()))).toMatch(/no time limit is running/);
    expect(refusal(rec, extend(0)(rec))).toMatch(/1 to 3600 seconds/);
    expect(refusal(rec, extend(1.5)(rec))).toMatch(/1 to 3600 seconds/);
  });

  it('carries host extra time into a re-record of the same question', () => {
    const s = run(recordingQ1(), extend(30), stop('r1'), processed(), rerecord('r2'));
    expect(s.timer!.limitMs).toBe(150_000);
  });

  it('marks a question blocked, keeps its history, and moves on', () => {
    const s = run(atQ3(), block);
    expect(s.answers[2]).toMatchObject({ status: 'blocked', hostNote: 'editor broken' });
    expect(s.currentIndex).toBe(3);
    const rec = run(recordingQ1(), block);
    expect(rec.answers[0]).toMatchObject({ status: 'blocked', attempts: ['r1'], activeRecordingId: null });
    const empty: StageEvent = { type: 'HOST_MARK_BLOCKED', actor: host, at: later(atQ3()), reason: '  ' };
    expect(refusal(atQ3(), empty)).toMatch(/needs a reason/);
  });

  it('unsticks a session in error from the host side', () => {
    const err = run(atQ3(), fail('worker'));
    expect(run(err, hostResume).stage).toBe('question');
    expect(run(err, hostNext).currentIndex).toBe(3);
    const beforeConsent = run(atIntro(), fail('microphone'));
    expect(refusal(beforeConsent, hostNext(beforeConsent))).toMatch(/consent/);
    expect(refusal(beforeConsent, block(beforeConsent))).toMatch(/has not started/);
  });

  it('refuses host overrides from the guest and guest actions from the host', () => {
    const q1 = atQ1();
    expect(refusal(q1, { type: 'HOST_NEXT', actor: guest, at: later(q1) })).toMatch(/cannot be sent by guest/);
    expect(refusal(q1, { type: 'START_RECORDING', actor: host, at: later(q1), recordingId: 'r1' })).toMatch(/cannot be sent by host/);
  });
});

// ---------------------------------------------------------------------------
// The table, exhaustively.

/** A plausible event of each type for a state, sent by a role allowed to send it. */
function sampleEvent(type: StageEventType, s: StageState): StageEvent {
  const actor = { role: SENDERS[type][0]! };
  const at = later(s);
  const questionId = s.questions[s.currentIndex]?.id ?? 'q1';
  switch (type) {
    case 'TECH_CHECK_PASSED': return { type, actor, at };
    case 'CONSENT_GIVEN': return { type, actor, at, recording: true, aiScoring: true };
    case 'START_INTERVIEW': case 'NEXT_QUESTION': case 'RESUME': case 'RETRY': case 'HOST_RESUME': return { type, actor, at };
    case 'START_RECORDING': case 'RERECORD': return { type, actor, at, recordingId: 'r-sample' };
    case 'STOP_RECORDING': return { type, actor, at, recordingId: currentAnswer(s)?.activeRecordingId ?? 'r1' };
    case 'TIME_LIMIT_REACHED': return { type, actor, at: Math.max(at, s.timer?.deadline ?? 0), questionId };
    case 'ANSWER_PROCESSED': return { type, actor, at, questionId, outcome: 'ok' };
    case 'ANSWER_MCQ': return { type, actor, at, questionId, choiceIndex: 0 };
    case 'ANSWER_CODE': return { type, actor, at, questionId, code: 'return 1' };
    case 'ANSWER_TEXT': return { type, actor, at, questionId, text: 'typed answer' };
    case 'REQUEST_PAUSE': case 'HOST_PAUSE': return { type, actor, at };
    case 'FAIL': return { type, actor, at, code: 'unknown', message: 'boom' };
    case 'RECOVER_INTERRUPTED_RECORDING': return { type, actor, at, choice: 'keep' };
    case 'HOST_NEXT': return { type, actor, at };
    case 'HOST_EXTEND_TIME': return { type, actor, at, extraSec: 30 };
    case 'HOST_MARK_BLOCKED': return { type, actor, at, reason: 'broken' };
    case 'HOST_SET_ACCOMMODATIONS': return { type, actor, at, accommodations: { extraTimePct: 50, extraRerecords: 1, typingInsteadOfSpeaking: false } };
  }
}

/** Several different states per stage, so refusals do not depend on one particular fixture. */
function fixtures(): Array<{ name: string; state: StageState }> {
  return [
    { name: 'fresh setup', state: atSetup() },
    { name: 'intro', state: atIntro() },
    { name: 'intro with consent', state: run(atIntro(), consent()) },
    { name: 'spoken question', state: atQ1() },
    { name: 'mcq question', state: atQ2() },
    { name: 'coding question', state: atQ3() },
    { name: 'answered spoken', state: answeredQ1() },
    { name: 'interrupted take', state: run(recordingQ1(), fail('microphone', 3000), retry) },
    { name: 'recording', state: recordingQ1() },
    { name: 're-recording', state: run(answeredQ1(), rerecord('r2')) },
    { name: 'processing', state: processingQ1() },
    { name: 'paused by guest', state: run(atQ1(), askPause) },
    { name: 'paused by host while recording', state: run(recordingQ1(), hostPause) },
    { name: 'error in setup', state: run(atSetup(), fail()) },
    { name: 'error while recording', state: run(recordingQ1(), fail('storage-full')) },
    { name: 'completed', state: completed() },
  ];
}

describe('stage machine: the transition table', () => {
  it('lists every stage and every event type', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STAGES].sort());
    expect(Object.keys(SENDERS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const stage of STAGES) for (const t of TRANSITIONS[stage]) expect(EVENT_TYPES).toContain(t);
  });

  it('has fixtures covering every stage', () => {
    expect(new Set(fixtures().map((f) => f.state.stage))).toEqual(new Set(STAGES));
  });

  const illegal = STAGES.flatMap((stage) => EVENT_TYPES.filter((t) => !TRANSITIONS[stage].includes(t)).map((t) => [stage, t] as const));

  it('has illegal pairs to check', () => {
    expect(illegal.length).toBeGreaterThan(100);
  });

  it.each(illegal)('refuses %s + %s with a reason and leaves the state unchanged', (stage, type) => {
    const states = fixtures().filter((f) => f.state.stage === stage);
    expect(states.length).toBeGreaterThan(0);
    for (const { state } of states) {
      const reason = refusal(state, sampleEvent(type, state));
      expect(reason).toBe(`${type} is not allowed in stage '${stage}'`);
    }
  });

  it('refuses every event from every role that may not send it, wherever it is allowed', () => {
    let checked = 0;
    for (const { state } of fixtures()) {
      for (const type of TRANSITIONS[state.stage]) {
        for (const role of ACTOR_ROLES.filter((r) => !SENDERS[type].includes(r))) {
          const event = { ...sampleEvent(type, state), actor: { role } } as StageEvent;
          expect(refusal(state, event)).toBe(`${type} cannot be sent by ${role}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  /** One accepted example for every legal pair: no entry of the table is dead. */
  const legal: Record<string, () => [StageState, Maker]> = {
    'setup:TECH_CHECK_PASSED': () => [atSetup(), tech],
    'setup:FAIL': () => [atSetup(), fail()],
    'setup:HOST_NEXT': () => [atSetup(), hostNext],
    'setup:HOST_SET_ACCOMMODATIONS': () => [atSetup(), accommodate({ extraTimePct: 25 })],
    'intro:CONSENT_GIVEN': () => [atIntro(), consent()],
    'intro:START_INTERVIEW': () => [run(atIntro(), consent()), begin],
    'intro:FAIL': () => [atIntro(), fail()],
    'intro:HOST_SET_ACCOMMODATIONS': () => [atIntro(), accommodate({ typingInsteadOfSpeaking: true })],
    'question:START_RECORDING': () => [atQ1(), record('r1')],
    'question:RERECORD': () => [answeredQ1(), rerecord('r2')],
    'question:RECOVER_INTERRUPTED_RECORDING': () => [run(recordingQ1(), fail('microphone', 2000), retry), recover('keep')],
    'question:ANSWER_MCQ': () => [atQ2(), mcq(1)],
    'question:ANSWER_CODE': () => [atQ3(), code()],
    'question:ANSWER_TEXT': () => [run(atIntro(), consent(false, true), begin), typed()],
    'question:TIME_LIMIT_REACHED': () => [atQ2(), timeUp],
    'question:NEXT_QUESTION': () => [answeredQ1(), next],
    'question:REQUEST_PAUSE': () => [atQ1(), askPause],
    'question:ANSWER_PROCESSED': () => [run(processingQ1(), next), processed('q1')],
    'question:FAIL': () => [atQ2(), fail()],
    'question:HOST_NEXT': () => [atQ2(), hostNext],
    'question:HOST_PAUSE': () => [atQ2(), hostPause],
    'question:HOST_EXTEND_TIME': () => [atQ2(), extend()],
    'question:HOST_MARK_BLOCKED': () => [atQ3(), block],
    'question:HOST_SET_ACCOMMODATIONS': () => [atQ1(), accommodate({ extraRerecords: 2 })],
    'recording:STOP_RECORDING': () => [recordingQ1(), stop('r1')],
    'recording:TIME_LIMIT_REACHED': () => [recordingQ1(), timeUp],
    'recording:ANSWER_PROCESSED': () => [run(processingQ1(), next, mcq(0), next, code(), next, record('r4')), processed('q1')],
    'recording:FAIL': () => [recordingQ1(), fail()],
    'recording:HOST_NEXT': () => [recordingQ1(), hostNext],
    'recording:HOST_PAUSE': () => [recordingQ1(), hostPause],
    'recording:HOST_EXTEND_TIME': () => [recordingQ1(), extend()],
    'recording:HOST_MARK_BLOCKED': () => [recordingQ1(), block],
    'processing:ANSWER_PROCESSED': () => [processingQ1(), processed()],
    'processing:RERECORD': () => [processingQ1(), rerecord('r2')],
    'processing:NEXT_QUESTION': () => [processingQ1(), next],
    'processing:REQUEST_PAUSE': () => [processingQ1(), askPause],
    'processing:FAIL': () => [processingQ1(), fail('worker')],
    'processing:HOST_NEXT': () => [processingQ1(), hostNext],
    'processing:HOST_PAUSE': () => [processingQ1(), hostPause],
    'processing:HOST_MARK_BLOCKED': () => [processingQ1(), block],
    'processing:HOST_SET_ACCOMMODATIONS': () => [processingQ1(), accommodate({ extraTimePct: 50 })],
    'paused:RESUME': () => [run(atQ1(), askPause), resume],
    'paused:HOST_RESUME': () => [run(atQ1(), askPause), hostResume],
    'paused:HOST_EXTEND_TIME': () => [run(atQ2(), hostPause), extend()],
    'paused:ANSWER_PROCESSED': () => [run(processingQ1(), askPause), processed('q1')],
    'paused:FAIL': () => [run(atQ2(), hostPause), fail()],
    'paused:HOST_SET_ACCOMMODATIONS': () => [run(atQ2(), hostPause), accommodate({ extraTimePct: 50 })],
    'error:RETRY': () => [run(atQ2(), fail()), retry],
    'error:HOST_RESUME': () => [run(atQ2(), fail()), hostResume],
    'error:HOST_NEXT': () => [run(atQ2(), fail()), hostNext],
    'error:HOST_MARK_BLOCKED': () => [run(atQ2(), fail()), block],
    'error:ANSWER_PROCESSED': () => [run(processingQ1(), fail('worker')), processed('q1')],
    'error:HOST_SET_ACCOMMODATIONS': () => [run(atQ2(), fail()), accommodate({ extraTimePct: 50 })],
    'completed:ANSWER_PROCESSED': () => [run(atQ4(), record('r4'), stop('r4'), next), processed('q4')],
  };

  it('has an accepted example for exactly the legal pairs', () => {
    const pairs = STAGES.flatMap((s) => TRANSITIONS[s].map((t) => `${s}:${t}`));
    expect(Object.keys(legal).sort()).toEqual(pairs.sort());
  });

  it.each(Object.keys(legal))('accepts %s', (key) => {
    const [stage, type] = key.split(':') as [Stage, StageEventType];
    const [state, make] = legal[key]!();
    expect(state.stage).toBe(stage);
    const event = make(state);
    expect(event.type).toBe(type);
    const result = transition(state, event);
    expect(result.ok ? 'ok' : result.reason).toBe('ok');
    if (!result.ok) return;
    expect(result.state.revision).toBe(state.revision + 1);
    expect(result.state.log.at(-1)).toMatchObject({ type, at: event.at, actor: event.actor });
    expect(parseStageState(result.state).ok).toBe(true);
  });
});

describe('stage machine: robustness', () => {
  it('refuses malformed events and unknown types instead of throwing', () => {
    const q1 = atQ1();
    expect(refusal(q1, null as unknown as StageEvent)).toBe('malformed event');
    expect(refusal(q1, { type: 'NEXT_QUESTION', at: 1 } as unknown as StageEvent)).toBe('malformed event');
    expect(refusal(q1, { type: 'DANCE', actor: guest, at: 1 } as unknown as StageEvent)).toBe('unknown event type DANCE');
    expect(refusal(q1, { type: 'NEXT_QUESTION', actor: guest, at: Number.NaN })).toMatch(/not a valid timestamp/);
  });

  it('refuses to act on a state that breaks its own invariants', () => {
    const broken = { ...atQ1(), currentIndex: 99 };
    expect(refusal(broken, record('r1')(broken))).toMatch(/^inconsistent state/);
  });

  it('offers each role only the events it may send in a stage', () => {
    expect(eventsFor('recording', 'guest')).toEqual(['STOP_RECORDING', 'TIME_LIMIT_REACHED', 'FAIL']);
    expect(eventsFor('paused', 'host')).toEqual(['HOST_RESUME', 'HOST_EXTEND_TIME', 'HOST_SET_ACCOMMODATIONS']);
    expect(eventsFor('completed', 'guest')).toEqual([]);
  });
});

describe('stage machine: refusals are recorded, never applied', () => {
  it('dispatch keeps a bounded list of refused events with their reasons', () => {
    let s = atQ1();
    for (let i = 0; i < 60; i += 1) {
      const r = dispatch(s, next(s));
      expect(r.ok).toBe(false);
      s = r.state;
    }
    expect(s.refusals).toHaveLength(50);
    expect(s.refusals.at(-1)).toMatchObject({ type: 'NEXT_QUESTION', reason: 'the current question is pending: answer it first' });
    expect(s.stage).toBe('question');
    expect(s.log).toEqual(atQ1().log);
  });
});

describe('stage machine: recovery after a reload', () => {
  const stored = (r: Partial<StoredRecordingSummary> & { id: string }): StoredRecordingSummary => ({
    questionId: 'q1', attempt: 1, status: 'recording', durationMs: 0, bytes: 0, startedAt: T0, ...r,
  });

  it('offers a take cut off mid-way as keep or record again', () => {
    const rec = recordingQ1();
    const now = rec.updatedAt + 40_000;
    const { state, actions, notes } = resumeAfterReload(rec, now, [stored({ id: 'r1', durationMs: 38_000, bytes: 114_000 })]);
    expect(state.stage).toBe('question');
    expect(state.timer).toBeNull();
    expect(state.answers[0]).toMatchObject({ status: 'interrupted', activeRecordingId: null, interrupted: { recordingId: 'r1', durationMs: 38_000, wasRerecord: false } });
    expect(actions).toEqual([]);
    expect(notes[0]).toMatch(/cut off after 38000 ms/);
    expect(state.log.at(-1)).toMatchObject({ type: 'RESUMED_AFTER_RELOAD', actor: { role: 'system' }, at: now });
    expect(run(state, recover('keep')).answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', durationMs: 38_000 });
    expect(run(state, recover('rerecord', 'r2')).stage).toBe('recording');
  });

  it('keeps the earlier answer when a re-record was cut off, and offers to return to it', () => {
    const rerec = run(answeredQ1(), rerecord('r2'));
    const { state } = resumeAfterReload(rerec, rerec.updatedAt + 5000, [
      stored({ id: 'r1', status: 'complete', durationMs: 30_000, bytes: 90_000 }),
      stored({ id: 'r2', attempt: 2, durationMs: 4000, bytes: 12_000 }),
    ]);
    expect(state.answers[0]).toMatchObject({ status: 'interrupted', recordingId: 'r1', interrupted: { recordingId: 'r2', wasRerecord: true } });
    expect(run(state, recover('discard')).answers[0]).toMatchObject({ status: 'answered', recordingId: 'r1' });
  });

  it('goes back to processing the earlier take when a re-record begun during its processing left no audio', () => {
    const rerec = run(processingQ1(), rerecord('r2'));
    const { state, actions } = resumeAfterReload(rerec, rerec.updatedAt + 500, [
      stored({ id: 'r1', status: 'complete', durationMs: 30_000, bytes: 90_000 }),
      stored({ id: 'r2', attempt: 2 }),
    ]);
    expect(state.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', activeRecordingId: null, interrupted: null });
    expect(actions).toEqual(expect.arrayContaining([
      { type: 'discard-recording', recordingId: 'r2' },
      { type: 'requeue-processing', questionId: 'q1', recordingId: 'r1' },
    ]));
  });

  it('returns a take with no stored audio to a fresh start and asks to discard its record', () => {
    const rec = recordingQ1();
    const { state, actions } = resumeAfterReload(rec, rec.updatedAt + 500, [stored({ id: 'r1' })]);
    expect(state.stage).toBe('question');
    expect(state.answers[0]).toMatchObject({ status: 'pending', interrupted: null, activeRecordingId: null });
    expect(actions).toEqual([{ type: 'discard-recording', recordingId: 'r1' }]);
    expect(run(state, record('r2')).stage).toBe('recording');
  });

  it('treats a take finalized on disk but not in the state as stopped, and requeues it', () => {
    const rec = recordingQ1();
    const { state, actions } = resumeAfterReload(rec, rec.updatedAt + 31_000, [stored({ id: 'r1', status: 'complete', durationMs: 30_000, bytes: 90_000 })]);
    expect(state.stage).toBe('processing');
    expect(state.answers[0]).toMatchObject({ status: 'processing', recordingId: 'r1', durationMs: 30_000 });
    expect(actions).toEqual([{ type: 'requeue-processing', questionId: 'q1', recordingId: 'r1' }]);
  });

  it('keeps processing answers processing and requeues them, finalizing takes storage left open', () => {
    const moved = run(processingQ1(), next);
    const { state, actions } = resumeAfterReload(moved, moved.updatedAt + 1000, [stored({ id: 'r1', durationMs: 30_000, bytes: 90_000 })]);
    expect(state.stage).toBe('question');
    expect(state.currentIndex).toBe(1);
    expect(state.answers[0]!.status).toBe('processing');
    expect(actions).toEqual([
      { type: 'finalize-recording', recordingId: 'r1' },
      { type: 'requeue-processing', questionId: 'q1', recordingId: 'r1' },
    ]);
    const p = processingQ1();
    const again = resumeAfterReload(p, p.updatedAt + 1000, [stored({ id: 'r1', status: 'complete', durationMs: 30_000, bytes: 9 })]);
    expect(again.state.stage).toBe('processing');
    expect(again.actions).toEqual([{ type: 'requeue-processing', questionId: 'q1', recordingId: 'r1' }]);
  });

  it('keeps a running question clock on wall time, so a reload neither adds nor loses time', () => {
    const q2 = atQ2();
    const now = q2.timer!.startedAt + 25_000;
    const { state } = resumeAfterReload(q2, now, []);
    expect(state.timer).toEqual(q2.timer);
    expect(timerView(state, now)!.remainingMs).toBe(35_000);
    const expired = resumeAfterReload(q2, q2.timer!.deadline + 5000, []).state;
    expect(timerView(expired, q2.timer!.deadline + 5000)).toMatchObject({ expired: true, remainingMs: 0 });
    expect(run(expired, timeUp).answers[1]!.status).toBe('timed-out');
  });

  it('keeps a paused recording paused, with the cut-off take to decide on after resuming', () => {
    const paused = run(recordingQ1(), hostPause);
    const { state } = resumeAfterReload(paused, paused.updatedAt + 60_000, [stored({ id: 'r1', durationMs: 20_000, bytes: 60_000 })]);
    expect(state.stage).toBe('paused');
    expect(state.pause).toMatchObject({ by: 'host', resumeTo: 'question' });
    expect(state.timer).toBeNull();
    const resumed = run(state, hostResume);
    expect(resumed.stage).toBe('question');
    expect(resumed.answers[0]!.status).toBe('interrupted');
  });

  it('finds a take whose start never reached the stored state', () => {
    const q1 = atQ1();
    const { state, notes } = resumeAfterReload(q1, q1.updatedAt + 9000, [stored({ id: 'r-orphan', durationMs: 7000, bytes: 21_000 })]);
    expect(state.answers[0]).toMatchObject({ status: 'interrupted', attempts: ['r-orphan'], interrupted: { recordingId: 'r-orphan', wasRerecord: false } });
    expect(notes[0]).toMatch(/r-orphan/);
    const empty = resumeAfterReload(q1, q1.updatedAt + 9000, [stored({ id: 'r-empty' })]);
    expect(empty.state.answers[0]!.status).toBe('pending');
  });

  it('corrects an interrupted take to what storage holds', () => {
    const err = run(recordingQ1(), fail('storage-full'));
    expect(err.answers[0]!.interrupted!.durationMs).toBeNull();
    const { state } = resumeAfterReload(err, err.updatedAt + 1000, [stored({ id: 'r1', durationMs: 44_000, bytes: 132_000 })]);
    expect(state.stage).toBe('error');
    expect(state.answers[0]!.interrupted!.durationMs).toBe(44_000);
  });

  it('resumes a completed interview unchanged except for the log', () => {
    const done = completed();
    const { state, actions } = resumeAfterReload(done, done.updatedAt + 1, []);
    expect(state.stage).toBe('completed');
    expect(state.answers).toEqual(done.answers);
    expect(actions).toEqual([]);
  });

  it('survives a round trip through storage as JSON-like data', () => {
    const rec = recordingQ1();
    const parsed = parseStageState(structuredClone(rec));
    expect(parsed).toEqual({ ok: true, state: rec });
    const corrupt = parseStageState({ ...structuredClone(rec), stage: 'dancing' });
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.reason).toMatch(/stage/);
    const mismatched = parseStageState({ ...structuredClone(rec), answers: [] });
    expect(mismatched.ok).toBe(false);
  });
});

describe('stage events and slots', () => {
  it('parses events from the network and rejects malformed ones', () => {
    expect(parseStageEvent({ type: 'HOST_EXTEND_TIME', actor: { role: 'host' }, at: T0, extraSec: 30 }).ok).toBe(true);
    const bad = parseStageEvent({ type: 'HOST_EXTEND_TIME', actor: { role: 'host' }, at: T0 });
    expect(bad.ok).toBe(false);
    expect(parseStageEvent({ type: 'DANCE', actor: { role: 'host' }, at: T0 }).ok).toBe(false);
    expect(parseStageEvent({ type: 'RESUME', actor: { role: 'admin' }, at: T0 }).ok).toBe(false);
  });

  it('builds slots from plan questions and refuses duplicate ids', () => {
    const questions = [
      { kind: 'spoken', id: 'a', timeLimitSec: 120 },
      { kind: 'mcq', id: 'b', timeLimitSec: 60, options: ['1', '2', '3', '4'] },
      { kind: 'coding', id: 'c', timeLimitSec: 900 },
    ] as unknown as Question[];
    expect(slotsFromQuestions(questions)).toEqual([
      { id: 'a', kind: 'spoken', timeLimitSec: 120 },
      { id: 'b', kind: 'mcq', timeLimitSec: 60, optionCount: 4 },
      { id: 'c', kind: 'coding', timeLimitSec: 900 },
    ]);
    expect(() => createStageState({ interviewId: 'x-1', questions: [QUESTIONS[0]!, QUESTIONS[0]!], now: T0 })).toThrow(/unique/);
  });
});

describe('what comes after a break (the paused screen)', () => {
  it('names the question after the one answered, not the answered one (issue #12: "Question 1 is next" after answering it)', () => {
    const paused = run(answeredQ1(), askPause);
    expect(paused.stage).toBe('paused');
    expect(paused.currentIndex).toBe(0);
    expect(afterBreak(paused)).toEqual({ kind: 'next-after-done', done: 0, doneAs: 'answered', index: 1, total: 4 });
    expect(describeAfterBreak(afterBreak(paused))).toBe('You answered question 1; question 2 of 4 is next.');
  });

  it('names the question in hand while it has no answer yet, and says a cut-off or running take continues', () => {
    expect(describeAfterBreak(afterBreak(run(atQ1(), askPause)))).toBe('Question 1 of 4 is next.');
    expect(describeAfterBreak(afterBreak(run(recordingQ1(), hostPause)))).toBe('Question 1 of 4 continues after the break.');
    // Still processing is the guest's part done.
    expect(afterBreak(run(processingQ1(), askPause))).toMatchObject({ kind: 'next-after-done', doneAs: 'answered', index: 1 });
  });

  it('says what ended a question the guest did not answer, and that the last one leads to finishing', () => {
    const timedOut = run(atQ2(), timeUp, hostPause);
    expect(describeAfterBreak(afterBreak(timedOut))).toBe('The time for question 2 ran out; question 3 of 4 is next.');
    // A technical block moves the guest on: the next question is the one now in hand.
    const blocked = run(atQ3(), block, hostPause);
    expect(afterBreak(blocked)).toEqual({ kind: 'next', index: 3, total: 4 });
    const last = run(atQ4(), record('r4'), stop('r4'), processed(), askPause);
    expect(afterBreak(last)).toEqual({ kind: 'finish', done: 3, doneAs: 'answered', total: 4 });
    expect(describeAfterBreak(afterBreak(last))).toBe('You answered question 4: that was the last question, so finish the interview after the break.');
  });
});
