/**
 * Where a candidate interview stands after the guest's part, derived only from what the server holds: the guest's
 * stage state, the uploads the server itself confirmed, the transcripts and scores in the documents, and whether a
 * synthesis of the current input exists. Pure, so the sync server's projection, the dashboard and the tests agree.
 *
 * The steps are cumulative: an interview is "transcribed" only once it is also completed and uploaded, so a status
 * never runs ahead of the step before it. A guest who declined AI scoring stops at "human-review-only": no AI
 * synthesis (cloud or offline) is made of their answers.
 */
import type { AnswerState, StageState } from '../stage/types';

export const INTERVIEW_STATUSES = [
  'invited',
  'in-progress',
  'completed',
  'uploaded',
  'transcribed',
  'scored',
  'human-review-only',
  'synthesized',
] as const;
export type InterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export const STATUS_LABELS: Record<InterviewStatus, string> = {
  invited: 'Invited',
  'in-progress': 'In progress',
  completed: 'Completed',
  uploaded: 'Uploaded',
  transcribed: 'Transcribed',
  scored: 'Scored',
  'human-review-only': 'Human review only',
  synthesized: 'Synthesized',
};

export interface StatusFacts {
  /** The guest's published stage state, parsed; null while the guest has never joined. */
  stage: StageState | null;
  /** Takes whose upload the server finished and checked (its `recordings` table), never the guest's say-so. */
  uploadedRecordingIds: ReadonlySet<string>;
  /** Takes with a transcript (the stage document's, or one a staff device made). */
  transcribedRecordingIds: ReadonlySet<string>;
  /** Keys of the assessment document's scores: recordingId, `mcq:<questionId>`, `code:<questionId>`. */
  scoreKeys: ReadonlySet<string>;
  /** A finished synthesis of the interview's current input exists. */
  synthesized: boolean;
}

export interface StatusCounts {
  /** Answers that count: answered (or still processing) with something given. */
  answers: number;
  /** Of those, spoken answers kept as a recording. */
  recordings: number;
  uploaded: number;
  transcribed: number;
  /** Answers a first-pass score is expected for. */
  toScore: number;
  scored: number;
}

export interface StatusResult {
  status: InterviewStatus;
  humanReviewOnly: boolean;
  counts: StatusCounts;
}

/** An answer the candidate actually gave; skipped, blocked and timed-out questions have nothing to process. */
export function givenAnswers(stage: StageState): AnswerState[] {
  return stage.answers.filter(
    (a) => (a.status === 'answered' || a.status === 'processing') && (a.recordingId !== null || a.mcqChoice !== null || a.code !== null || a.text !== null),
  );
}

/** The score key each given answer needs; typed answers have no scorer yet, so none is expected of them. */
function scoreKeyFor(answer: AnswerState): string | null {
  if (answer.recordingId !== null) return answer.recordingId;
  if (answer.mcqChoice !== null) return `mcq:${answer.questionId}`;
  if (answer.code !== null) return `code:${answer.questionId}`;
  return null;
}

export function interviewStatus(facts: StatusFacts): StatusResult {
  const empty: StatusCounts = { answers: 0, recordings: 0, uploaded: 0, transcribed: 0, toScore: 0, scored: 0 };
  const { stage } = facts;
  if (!stage) return { status: 'invited', humanReviewOnly: false, counts: empty };
  const answers = givenAnswers(stage);
  const recordings = answers.map((a) => a.recordingId).filter((id): id is string => id !== null);
  const scoreKeys = answers.map(scoreKeyFor).filter((k): k is string => k !== null);
  const counts: StatusCounts = {
    answers: answers.length,
    recordings: recordings.length,
    uploaded: recordings.filter((id) => facts.uploadedRecordingIds.has(id)).length,
    transcribed: recordings.filter((id) => facts.transcribedRecordingIds.has(id)).length,
    // A spoken answer is scored from its transcript: without words there is nothing to score yet.
    toScore: scoreKeys.length,
    scored: scoreKeys.filter((k) => facts.scoreKeys.has(k)).length,
  };
  const humanReviewOnly = stage.humanReviewOnly;
  const result = (status: InterviewStatus): StatusResult => ({ status, humanReviewOnly, counts });

  if (stage.stage !== 'completed') return result(stage.stage === 'setup' && stage.consent === null ? 'invited' : 'in-progress');
  if (counts.uploaded < counts.recordings) return result('completed');
  // The guest's device does not transcribe for a guest who declined AI scoring, and nothing is scored or synthesized.
  if (humanReviewOnly) return result('human-review-only');
  if (counts.transcribed < counts.recordings) return result('uploaded');
  if (counts.scored < counts.toScore) return result('transcribed');
  return result(facts.synthesized ? 'synthesized' : 'scored');
}

/** Whether the server should make a synthesis on its own: scored (and not yet synthesized), never for human review only. */
export function readyForSynthesis(status: InterviewStatus): boolean {
  return status === 'scored' || status === 'synthesized';
}

/**
 * The four phases the host's list of interviews shows, grouped from the one status above (never a second rule):
 * a plan never published is a draft; published with the guest not started (or no status yet) is published; the
 * guest's part under way is in progress; every later step (completed … synthesized, human review only) is done.
 */
export const INTERVIEW_PHASES = ['draft', 'published', 'in-progress', 'done'] as const;
export type InterviewPhase = (typeof INTERVIEW_PHASES)[number];

export const PHASE_LABELS: Record<InterviewPhase, string> = {
  draft: 'Draft',
  published: 'Published',
  'in-progress': 'In progress',
  done: 'Done',
};

export function interviewPhase(published: boolean, status: InterviewStatus | null): InterviewPhase {
  if (!published) return 'draft';
  if (status === null || status === 'invited') return 'published';
  if (status === 'in-progress') return 'in-progress';
  return 'done';
}

export function isInterviewStatus(value: unknown): value is InterviewStatus {
  return typeof value === 'string' && (INTERVIEW_STATUSES as readonly string[]).includes(value);
}
