/** The guest's stage machine: pure, shared by the guest's app, the host's view and the server. */
export * from './types';
export { EVENT_TYPES, TRANSITIONS, SENDERS, isAllowedInStage, maySend, eventsFor } from './table';
export { transition, dispatch, recordRefusal, type DispatchResult } from './machine';
export { createStageState, emptyAnswer, parseStageEvent, parseStageState, slotsFromQuestions, type CreateStageStateInput } from './create';
export { resumeAfterReload, type ResumeAction, type ResumeResult } from './resume';
export { currentAnswer, currentSlot } from './answer-ops';
export { afterBreak, describeAfterBreak, type AfterBreak } from './after-break';
export {
  TIME_WARNING_MS,
  answerMode,
  isTimedPerRecording,
  limitMsFor,
  remainingMs,
  rerecordsAllowed,
  timerView,
  type TimerView,
} from './timer';
