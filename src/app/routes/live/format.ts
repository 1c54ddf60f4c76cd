/** Small display helpers for the live session. */
import type { AnswerStatus, Stage } from '../../../domain/stage';

export function clockTime(ms: number): string {
  return clockFormat.format(ms);
}

/**
 * One formatter for every clock time: `toLocaleTimeString` with options builds a new one per call (about 0.3 ms), which
 * a list of a thousand reactions paid a thousand times per draw. Same output: the browser's locale, hh:mm:ss.
 */
const clockFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** 83_000 → "1:23". */
export function duration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export const STAGE_LABELS: Record<Stage, string> = {
  setup: 'Technical check',
  intro: 'Reading the introduction',
  question: 'Answering a question',
  recording: 'Recording an answer',
  processing: 'Processing the answer',
  paused: 'Paused',
  error: 'Problem on the guest’s device',
  completed: 'Finished',
};

export const ANSWER_LABELS: Record<AnswerStatus, string> = {
  pending: 'not answered yet',
  recording: 'recording',
  interrupted: 'recording interrupted',
  processing: 'processing',
  answered: 'answered',
  'timed-out': 'time ran out',
  skipped: 'skipped by the host',
  blocked: 'technical block',
};

export const ROLE_LABELS: Record<string, string> = {
  host: 'host',
  interviewer: 'interviewer',
  moderator: 'moderator',
  'tech-support': 'tech support',
  guest: 'guest',
  audience: 'audience',
};
