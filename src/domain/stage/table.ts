/**
 * The machine's table: which events each stage accepts and who may send each
 * event. Anything not listed is refused before any handler runs, so this table
 * is the single place to read the machine's shape; the unit tests enumerate it
 * to check every pair outside it is refused.
 */
import type { ActorRole, Stage, StageEventType } from './types';

export const EVENT_TYPES = [
  'TECH_CHECK_PASSED',
  'CONSENT_GIVEN',
  'START_INTERVIEW',
  'START_RECORDING',
  'STOP_RECORDING',
  'TIME_LIMIT_REACHED',
  'ANSWER_PROCESSED',
  'ANSWER_MCQ',
  'ANSWER_CODE',
  'ANSWER_TEXT',
  'NEXT_QUESTION',
  'REQUEST_PAUSE',
  'RESUME',
  'FAIL',
  'RETRY',
  'RECOVER_INTERRUPTED_RECORDING',
  'RERECORD',
  'HOST_NEXT',
  'HOST_PAUSE',
  'HOST_RESUME',
  'HOST_EXTEND_TIME',
  'HOST_MARK_BLOCKED',
  'HOST_SET_ACCOMMODATIONS',
] as const satisfies readonly StageEventType[];

// Compile-time check that EVENT_TYPES lists every event of the union.
type Missing = Exclude<StageEventType, (typeof EVENT_TYPES)[number]>;
const _everyEventListed: Missing extends never ? true : Missing = true;
void _everyEventListed;

export const TRANSITIONS: Readonly<Record<Stage, readonly StageEventType[]>> = {
  setup: ['TECH_CHECK_PASSED', 'FAIL', 'HOST_NEXT', 'HOST_SET_ACCOMMODATIONS'],
  intro: ['CONSENT_GIVEN', 'START_INTERVIEW', 'FAIL', 'HOST_SET_ACCOMMODATIONS'],
  question: [
    'START_RECORDING',
    'RERECORD',
    'RECOVER_INTERRUPTED_RECORDING',
    'ANSWER_MCQ',
    'ANSWER_CODE',
    'ANSWER_TEXT',
    'TIME_LIMIT_REACHED',
    'NEXT_QUESTION',
    'REQUEST_PAUSE',
    'ANSWER_PROCESSED',
    'FAIL',
    'HOST_NEXT',
    'HOST_PAUSE',
    'HOST_EXTEND_TIME',
    'HOST_MARK_BLOCKED',
    'HOST_SET_ACCOMMODATIONS',
  ],
  recording: [
    'STOP_RECORDING',
    'TIME_LIMIT_REACHED',
    // Earlier answers finish processing in the background while the guest records the next one.
    'ANSWER_PROCESSED',
    'FAIL',
    'HOST_NEXT',
    'HOST_PAUSE',
    'HOST_EXTEND_TIME',
    'HOST_MARK_BLOCKED',
  ],
  processing: [
    'ANSWER_PROCESSED',
    // Recording again need not wait for the earlier take's processing.
    'RERECORD',
    // The guest need not wait for a slow device: the answer keeps processing in the background.
    'NEXT_QUESTION',
    'REQUEST_PAUSE',
    'FAIL',
    'HOST_NEXT',
    'HOST_PAUSE',
    'HOST_MARK_BLOCKED',
    'HOST_SET_ACCOMMODATIONS',
  ],
  paused: ['RESUME', 'HOST_RESUME', 'HOST_EXTEND_TIME', 'ANSWER_PROCESSED', 'FAIL', 'HOST_SET_ACCOMMODATIONS'],
  error: ['RETRY', 'HOST_RESUME', 'HOST_NEXT', 'HOST_MARK_BLOCKED', 'ANSWER_PROCESSED', 'HOST_SET_ACCOMMODATIONS'],
  // The last answers may finish processing after the guest is done.
  completed: ['ANSWER_PROCESSED'],
};

export const SENDERS: Readonly<Record<StageEventType, readonly ActorRole[]>> = {
  TECH_CHECK_PASSED: ['guest'],
  CONSENT_GIVEN: ['guest'],
  START_INTERVIEW: ['guest'],
  START_RECORDING: ['guest'],
  STOP_RECORDING: ['guest'],
  TIME_LIMIT_REACHED: ['guest', 'system'],
  ANSWER_PROCESSED: ['system'],
  ANSWER_MCQ: ['guest'],
  ANSWER_CODE: ['guest'],
  ANSWER_TEXT: ['guest'],
  NEXT_QUESTION: ['guest'],
  REQUEST_PAUSE: ['guest'],
  RESUME: ['guest'],
  FAIL: ['guest', 'system'],
  RETRY: ['guest', 'system'],
  RECOVER_INTERRUPTED_RECORDING: ['guest'],
  RERECORD: ['guest'],
  HOST_NEXT: ['host'],
  HOST_PAUSE: ['host'],
  HOST_RESUME: ['host'],
  HOST_EXTEND_TIME: ['host'],
  HOST_MARK_BLOCKED: ['host'],
  HOST_SET_ACCOMMODATIONS: ['host'],
};

export function isAllowedInStage(stage: Stage, type: StageEventType): boolean {
  return TRANSITIONS[stage].includes(type);
}

export function maySend(role: ActorRole, type: StageEventType): boolean {
  return SENDERS[type].includes(role);
}

/** Event types a role may send in a stage (guards aside): what a UI may offer as buttons. */
export function eventsFor(stage: Stage, role: ActorRole): StageEventType[] {
  return TRANSITIONS[stage].filter((type) => maySend(role, type));
}
