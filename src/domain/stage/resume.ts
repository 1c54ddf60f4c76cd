/**
 * Recovery after a reload, a closed tab or a crash. The state in IndexedDB and
 * the recordings in IndexedDB are written by separate transactions, so either
 * may be one step ahead of the other; storage is the authority on audio, the
 * state on everything else. The result is a state the guest can continue from,
 * plus the work the app must restart (processing, finalizing).
 */
import { currentAnswer, currentSlot, earlierAnswerStatus, patchCurrent, settleTake } from './answer-ops';
import { isTimedPerRecording } from './timer';
import type { AnswerState, StageState, StoredRecordingSummary } from './types';

export type ResumeAction =
  /** Transcribe and score this answer again: the worker's job died with the page. */
  | { type: 'requeue-processing'; questionId: string; recordingId: string }
  /** Storage still has the take as `recording` although the state counts it as stopped: finalize it. */
  | { type: 'finalize-recording'; recordingId: string }
  /** A take with no stored audio: nothing to keep, its record can go. */
  | { type: 'discard-recording'; recordingId: string };

export interface ResumeResult {
  state: StageState;
  actions: ResumeAction[];
  /** What happened, for the log and for a message to the guest. */
  notes: string[];
}

function hasAudio(rec: StoredRecordingSummary | undefined): rec is StoredRecordingSummary {
  return rec !== undefined && rec.status !== 'discarded' && (rec.bytes > 0 || rec.durationMs > 0);
}

/** The stage the guest was really in, beneath a pause or an error. */
function wasRecording(state: StageState): boolean {
  if (state.stage === 'recording') return true;
  if (state.stage === 'paused') return state.pause?.resumeTo === 'recording';
  return false;
}

function replaceRecordingStage(state: StageState): StageState {
  if (state.stage === 'recording') return { ...state, stage: 'question' };
  if (state.stage === 'paused' && state.pause?.resumeTo === 'recording') {
    return { ...state, pause: { ...state.pause, resumeTo: 'question' } };
  }
  return state;
}

/** Where the guest is looking at a question and no take is running. */
function onQuestion(state: StageState): boolean {
  if (state.stage === 'question') return true;
  if (state.stage === 'paused') return state.pause?.resumeTo === 'question';
  if (state.stage === 'error') return state.error?.resumeTo === 'question';
  return false;
}

export function resumeAfterReload(
  state: StageState,
  now: number,
  storedRecordings: readonly StoredRecordingSummary[],
): ResumeResult {
  const byId = new Map(storedRecordings.map((r) => [r.id, r]));
  const actions: ResumeAction[] = [];
  const notes: string[] = [];
  let next = state;
  const slot = currentSlot(state);
  const answer = currentAnswer(state);

  if (slot && answer && wasRecording(state) && answer.activeRecordingId) {
    const takeId = answer.activeRecordingId;
    const stored = byId.get(takeId);
    if (stored?.status === 'complete') {
      // Finalized on disk, cut off before the state said so: the guest did press stop (or time ran out).
      next = settleTake(next, { recordingId: takeId, isRerecord: answer.activeIsRerecord, durationMs: stored.durationMs }, 'guest', now);
      if (state.stage === 'paused') next = { ...next, stage: 'paused', pause: { ...state.pause!, resumeTo: 'processing' } };
      notes.push(`recording ${takeId} was complete; its answer is processing`);
    } else if (hasAudio(stored)) {
      next = patchCurrent(next, interrupted(answer, takeId, stored.durationMs));
      next = replaceRecordingStage({ ...next, timer: null });
      notes.push(`recording ${takeId} was cut off after ${stored.durationMs} ms: keep it or record again`);
    } else {
      const status: AnswerState['status'] = answer.recordingId ? earlierAnswerStatus(answer) : 'pending';
      next = patchCurrent(next, { status, activeRecordingId: null, activeIsRerecord: false });
      next = replaceRecordingStage({ ...next, timer: null });
      if (stored) actions.push({ type: 'discard-recording', recordingId: takeId });
      notes.push(`recording ${takeId} had no audio stored; the question is ready to record again`);
    }
  } else if (slot && answer && onQuestion(state) && slot.kind === 'spoken' && isTimedPerRecording(state, slot)) {
    // The take's record reached disk but the state's START_RECORDING did not.
    const orphan = storedRecordings
      .filter((r) => r.questionId === slot.id && r.status === 'recording' && !answer.attempts.includes(r.id) && hasAudio(r))
      .sort((a, b) => b.attempt - a.attempt)[0];
    if (orphan && (answer.status === 'pending' || answer.status === 'answered' || answer.status === 'processing')) {
      next = patchCurrent(next, {
        status: 'interrupted',
        attempts: [...answer.attempts, orphan.id],
        interrupted: { recordingId: orphan.id, durationMs: orphan.durationMs, wasRerecord: answer.recordingId !== null },
      });
      notes.push(`recording ${orphan.id} was cut off after ${orphan.durationMs} ms: keep it or record again`);
    }
  }

  // Audio is authoritative for how much of an interrupted take exists.
  const cut = currentAnswer(next)?.interrupted;
  if (cut) {
    const stored = byId.get(cut.recordingId);
    if (stored && stored.durationMs !== cut.durationMs) {
      next = patchCurrent(next, { interrupted: { ...cut, durationMs: hasAudio(stored) ? stored.durationMs : 0 } });
    }
  }

  next.answers.forEach((a) => {
    if (a.status !== 'processing' || !a.recordingId) return;
    if (byId.get(a.recordingId)?.status === 'recording') actions.push({ type: 'finalize-recording', recordingId: a.recordingId });
    actions.push({ type: 'requeue-processing', questionId: a.questionId, recordingId: a.recordingId });
  });

  // A clock that belongs to no current question cannot be right; a running one keeps its deadline (wall time).
  if (next.timer && next.timer.questionId !== currentSlot(next)?.id) next = { ...next, timer: null };

  next = {
    ...next,
    revision: state.revision + 1,
    updatedAt: Math.max(state.updatedAt, now),
    log: [
      ...next.log,
      {
        at: now,
        actor: { role: 'system' },
        type: 'RESUMED_AFTER_RELOAD',
        questionId: slot && state.stage !== 'setup' && state.stage !== 'intro' ? slot.id : null,
        detail: notes.length ? notes.join('; ') : `resumed in ${next.stage}`,
      },
    ],
  };
  return { state: next, actions, notes };
}

function interrupted(answer: AnswerState, takeId: string, durationMs: number): Partial<AnswerState> {
  return {
    status: 'interrupted',
    activeRecordingId: null,
    activeIsRerecord: false,
    interrupted: { recordingId: takeId, durationMs, wasRerecord: answer.activeIsRerecord },
  };
}
