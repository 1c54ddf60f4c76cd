/**
 * The wrap-up's records as the synthesis API sends them (sync-server/synthesis/synthesis-routes.ts) and the app reads
 * them (src/api/synthesis-client.ts): one definition for the server's store, the app and the tests.
 */
import type { InterviewStatus, StatusCounts } from './status';
import type { Synthesis } from './synthesis-schema';

/** The server's status projection of one interview (SQLite `interview_status`): the status with its counts. */
export interface StatusRow extends StatusCounts {
  interviewId: string;
  status: InterviewStatus;
  humanReviewOnly: boolean;
  /** Hash of the synthesis input the status was computed with (null without a plan). */
  inputHash: string | null;
  completedAt: number | null;
  updatedAt: number;
}

export type SynthesisMode = 'cloud' | 'offline';
export type SynthesisState = 'running' | 'done' | 'failed';
export type SynthesisTrigger = 'scored' | 'host' | 'restart';

/** One synthesis run (SQLite `syntheses`). */
export interface SynthesisRow {
  id: number;
  interviewId: string;
  inputHash: string;
  mode: SynthesisMode;
  state: SynthesisState;
  trigger: SynthesisTrigger;
  requestedBy: string;
  kind: Synthesis['kind'] | null;
  reliable: boolean | null;
  stale: boolean;
  fallbackReason: string | null;
  model: string | null;
  promptVersion: string;
  tokensPrompt: number;
  tokensCompletion: number;
  claimsKept: number;
  claimsDropped: number;
  attempts: number;
  /** A sentence for the host: what the run is doing now, or how it ended. */
  progress: string;
  error: string | null;
  result: Synthesis | null;
  createdAt: number;
  finishedAt: number | null;
}

/** GET /api/interviews/<id>/synthesis. */
export interface SynthesisView {
  status: StatusRow | null;
  /** The latest run that ended (done or failed). */
  latest: SynthesisRow | null;
  running: SynthesisRow | null;
  /**
   * When the server makes the synthesis of the current input by itself, if it waits for staff's changes to settle
   * (epoch ms; sync-server/synthesis/status-projection.ts): null when none waits (synthesized, one running, or none
   * made yet).
   */
  resynthesisDueAt: number | null;
}

/**
 * GET /api/interviews/<id>/synthesis/events, one JSON object a line: the whole view at once and again whenever the
 * status or a run of the interview changes; `progress` while a run goes on (what it does now).
 */
export type SynthesisEvent = { type: 'view'; view: SynthesisView } | { type: 'progress'; id: number; progress: string; attempts: number };
