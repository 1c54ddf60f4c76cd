/**
 * A candidate interview's place in the wrap-up lifecycle, from what its documents say (pure).
 * Same names as the synthesis engineer's `src/domain/wrap-up/status.ts` (issue #13); the results
 * list uses this until that function lands, and `synthesized` is added from the syntheses table.
 */
// One list and one set of labels: the wrap-up lifecycle's own (they were a copy).
import { INTERVIEW_STATUSES, STATUS_LABELS, type InterviewStatus } from '../wrap-up/status';

export const RESULT_STATUSES = INTERVIEW_STATUSES;
export type ResultStatus = InterviewStatus;
export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = STATUS_LABELS;

export interface StatusFacts {
  started: boolean;
  completed: boolean;
  humanReviewOnly: boolean;
  /** Recording ids of the spoken answers that count. */
  recordings: readonly string[];
  uploaded: ReadonlySet<string>;
  transcribed: ReadonlySet<string>;
  /** Score keys the answers need (recording id, `mcq:<q>`, `code:<q>`). */
  toScore: readonly string[];
  scored: ReadonlySet<string>;
}

export function resultStatus(f: StatusFacts): ResultStatus {
  if (!f.started) return 'invited';
  if (!f.completed) return 'in-progress';
  if (!f.recordings.every((r) => f.uploaded.has(r))) return 'completed';
  if (!f.recordings.every((r) => f.transcribed.has(r))) return 'uploaded';
  if (f.humanReviewOnly) return 'human-review-only';
  return f.toScore.every((k) => f.scored.has(k)) ? 'scored' : 'transcribed';
}
