/**
 * The app <-> scoring worker boundary. Every message carries the protocol
 * version and a request id; each request gets exactly one response with the
 * same id (a result or an error).
 */
import type { McqInput, McqScore, SpokenAnswerInput, SpokenScore } from '../../src/domain/scoring';

export const SCORING_PROTOCOL_VERSION = 1 as const;
type V = typeof SCORING_PROTOCOL_VERSION;

export type ScoringRequest =
  /** Parses the language model now rather than on the first answer. */
  | { readonly v: V; readonly id: number; readonly type: 'warm-up' }
  /** Term statistics for weighting: one document per question (prompt and reference answer). */
  | { readonly v: V; readonly id: number; readonly type: 'set-corpus'; readonly documents: readonly string[] }
  | { readonly v: V; readonly id: number; readonly type: 'score-spoken'; readonly input: SpokenAnswerInput }
  | { readonly v: V; readonly id: number; readonly type: 'score-mcq'; readonly question: McqInput; readonly chosenIndex: number | null };

export type ScoringErrorCode = 'version-mismatch' | 'bad-request' | 'bad-input' | 'internal';

export type ScoringResponse =
  | { readonly v: V; readonly id: number; readonly type: 'ready'; readonly modelVersion: number; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'corpus-set'; readonly documents: number; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'spoken-scored'; readonly score: SpokenScore; readonly elapsedMs: number }
  | { readonly v: V; readonly id: number; readonly type: 'mcq-scored'; readonly score: McqScore; readonly elapsedMs: number }
  /** id is null when the request was too malformed to carry one. */
  | { readonly v: V; readonly id: number | null; readonly type: 'error'; readonly code: ScoringErrorCode; readonly message: string };

export type ScoringRequestType = ScoringRequest['type'];

/** Which response type answers which request type. */
export interface ScoringResultOf {
  'warm-up': Extract<ScoringResponse, { type: 'ready' }>;
  'set-corpus': Extract<ScoringResponse, { type: 'corpus-set' }>;
  'score-spoken': Extract<ScoringResponse, { type: 'spoken-scored' }>;
  'score-mcq': Extract<ScoringResponse, { type: 'mcq-scored' }>;
}

const REQUEST_TYPES: ReadonlySet<string> = new Set<ScoringRequestType>(['warm-up', 'set-corpus', 'score-spoken', 'score-mcq']);
const RESPONSE_TYPES: ReadonlySet<string> = new Set<ScoringResponse['type']>(['ready', 'corpus-set', 'spoken-scored', 'mcq-scored', 'error']);

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
