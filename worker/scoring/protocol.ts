/**
 * The app <-> scoring worker boundary. Every message carries the protocol
 * version and a request id; each request gets exactly one response with the
 * same id (a result or an error).
 */
import type { AccuracyModel, McqInput, McqScore, RatedAnswer, SpokenAnswerInput, SpokenScore } from '../../src/domain/scoring';

/** 2: the fixed corpus replaced set-corpus; set-model and set-rated-answers were added. */
export const SCORING_PROTOCOL_VERSION = 2 as const;
type V = typeof SCORING_PROTOCOL_VERSION;

export type ScoringRequest =
  /** Parses the language model now rather than on the first answer. */
  | { readonly v: V; readonly id: number; readonly type: 'warm-up' }
  /** Replaces the accuracy model (the worker starts with the fitted one it was built with). */
  | { readonly v: V; readonly id: number; readonly type: 'set-model'; readonly model: AccuracyModel }
  /**
   * The answers the team rated, all questions together; each later spoken answer is scored with those rated for the
   * same question (matched by content), never with its own rating (its answerId). Replaces the previous set.
   */
  | { readonly v: V; readonly id: number; readonly type: 'set-rated-answers'; readonly answers: readonly RatedAnswer[] }
  | { readonly v: V; readonly id: number; readonly type: 'score-spoken'; readonly input: SpokenAnswerInput }
  | { readonly v: V; readonly id: number; readonly type: 'score-mcq'; readonly question: McqInput; readonly chosenIndex: number | null };

export type ScoringErrorCode = 'version-mismatch' | 'bad-request' | 'bad-input' | 'internal';

export type ScoringResponse =
  | { readonly v: V; readonly id: number; readonly type: 'ready'; readonly modelVersion: number; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'model-set'; readonly modelVersion: number; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'rated-answers-set'; readonly count: number; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'spoken-scored'; readonly score: SpokenScore; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'mcq-scored'; readonly score: McqScore; readonly elapsedMs: number }
  /** id is null when the request was too malformed to carry one. */
  | { readonly v: V; readonly id: number | null; readonly type: 'error'; readonly code: ScoringErrorCode; readonly message: string };

export type ScoringRequestType = ScoringRequest['type'];

/** Which response type answers which request type. */
export interface ScoringResultOf {
  'warm-up': Extract<ScoringResponse, { type: 'ready' }>;
  'set-model': Extract<ScoringResponse, { type: 'model-set' }>;
  'set-rated-answers': Extract<ScoringResponse, { type: 'rated-answers-set' }>;
  'score-spoken': Extract<ScoringResponse, { type: 'spoken-scored' }>;
  'score-mcq': Extract<ScoringResponse, { type: 'mcq-scored' }>;
}

const REQUEST_TYPES: ReadonlySet<string> = new Set<ScoringRequestType>(['warm-up', 'set-model', 'set-rated-answers', 'score-spoken', 'score-mcq']);
const RESPONSE_TYPES: ReadonlySet<string> = new Set<ScoringResponse['type']>(['ready', 'model-set', 'rated-answers-set', 'spoken-scored', 'mcq-scored', 'error']);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Shape check for a request: version, id, known type. Field contents are checked by the scorer. */
export function isScoringRequest(x: unknown): x is ScoringRequest {
  return isRecord(x) && x.v === SCORING_PROTOCOL_VERSION && Number.isInteger(x.id) && typeof x.type === 'string' && REQUEST_TYPES.has(x.type);
}

export function isScoringResponse(x: unknown): x is ScoringResponse {
  return (
    isRecord(x) &&
    x.v === SCORING_PROTOCOL_VERSION &&
    (x.id === null || Number.isInteger(x.id)) &&
    typeof x.type === 'string' &&
    RESPONSE_TYPES.has(x.type)
  );
}
