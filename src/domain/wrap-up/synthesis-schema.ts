/**
 * The interview synthesis: what the model must answer (ModelSynthesis, validated before anything is believed), and
 * what is stored and shown (Synthesis: the checked claims with their evidence located in the answer, what was dropped
 * and why, and where it came from). The app parses what the server sends with the same schema.
 */
import { z } from '../zod-mini';

export const RECOMMENDATIONS = ['strong-no-hire', 'no-hire', 'lean-no-hire', 'lean-hire', 'hire', 'strong-hire'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'strong-no-hire': 'Strong no hire',
  'no-hire': 'No hire',
  'lean-no-hire': 'Lean no hire',
  'lean-hire': 'Lean hire',
  hire: 'Hire',
  'strong-hire': 'Strong hire',
};

/** The stored record says what the synthesis was allowed to judge, wherever it is shown. */
export const FAIRNESS_STATEMENT =
  'Judged only on the content of the answers against the plan and rubric. Nothing was inferred about age, gender, origin, health, emotions or any other trait of the person, and the audio was never used.';

export const PROMPT_VERSION = 'synthesis-v1';

const claimText = z.string().check(z.minLength(1), z.maxLength(600));
const questionId = z.string().check(z.minLength(1), z.maxLength(200));

export const ModelClaim = z.object({
  claim: claimText,
  questionId,
  quote: z.string().check(z.maxLength(600)),
});
export type ModelClaim = z.infer<typeof ModelClaim>;

export const ModelSynthesis = z.object({
  recommendation: z.enum(RECOMMENDATIONS),
  /** 0 (a guess) to 1 (certain). */
  confidence: z.number().check(z.gte(0), z.lte(1)),
  summary: z.string().check(z.minLength(1), z.maxLength(2000)),
  competencies: z
    .array(
      z.object({
        id: z.string().check(z.minLength(1), z.maxLength(100)),
        /** 1–5, or null when the interview did not assess it. */
        rating: z.nullable(z.number().check(z.int(), z.gte(1), z.lte(5))),
        rationale: z.string().check(z.maxLength(600)),
      }),
    )
    .check(z.maxLength(20)),
  strengths: z.array(ModelClaim).check(z.maxLength(12)),
  concerns: z.array(ModelClaim).check(z.maxLength(12)),
  uncovered: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(12)),
  followUps: z.array(z.string().check(z.maxLength(300))).check(z.maxLength(12)),
});
export type ModelSynthesis = z.infer<typeof ModelSynthesis>;

/**
 * JSON Schema of ModelSynthesis for `response_format: json_schema` (strict: every property required, no extras).
 * Ranges are in the descriptions, not as keywords strict mode may not accept; the zod schema enforces them.
 */
export function modelSynthesisJsonSchema(competencyIds: readonly string[]): Record<string, unknown> {
  const claim = {
    type: 'object',
    additionalProperties: false,
    required: ['claim', 'questionId', 'quote'],
    properties: {
      claim: { type: 'string', description: 'One sentence about the answer.' },
      questionId: { type: 'string', description: 'The id of the answer the quote is taken from.' },
      quote: { type: 'string', description: 'Words copied exactly from that answer\'s transcript, at least 3 words.' },
    },
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['recommendation', 'confidence', 'summary', 'competencies', 'strengths', 'concerns', 'uncovered', 'followUps'],
    properties: {
      recommendation: { type: 'string', enum: [...RECOMMENDATIONS] },
      confidence: { type: 'number', description: 'From 0 (a guess) to 1 (certain).' },
      summary: { type: 'string' },
      competencies: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id', 'rating', 'rationale'],
          properties: {
            id: { type: 'string', enum: [...competencyIds] },
            rating: { type: ['integer', 'null'], description: '1 to 5, or null when not assessed.' },
            rationale: { type: 'string' },
          },
        },
      },
      strengths: { type: 'array', items: claim },
      concerns: { type: 'array', items: claim },
      uncovered: { type: 'array', items: { type: 'string' } },
      followUps: { type: 'array', items: { type: 'string' } },
    },
  };
}

export const Evidence = z.object({
  questionId,
  /** 0-based position of the question in the plan. */
  questionIndex: z.number().check(z.int(), z.nonnegative()),
  /** The take the quote is from (null for a typed answer). */
  recordingId: z.nullable(z.string()),
  quote: z.string(),
  /** Character offsets of the quote in the transcript, for highlighting. */
  start: z.nullable(z.number()),
  end: z.nullable(z.number()),
  /** Where in the recording the quote was said, when the transcript has timings. */
  momentMs: z.nullable(z.number()),
});
export type Evidence = z.infer<typeof Evidence>;

export const CheckedClaim = z.object({ claim: z.string(), evidence: Evidence });
export type CheckedClaim = z.infer<typeof CheckedClaim>;

export const DroppedClaim = z.object({
  side: z.enum(['strength', 'concern']),
  claim: z.string(),
  questionId: z.string(),
  quote: z.string(),
  reason: z.enum(['quote-not-in-answer', 'quote-too-short', 'unknown-question']),
});
export type DroppedClaim = z.infer<typeof DroppedClaim>;

export const SYNTHESIS_KINDS = ['llm', 'offline'] as const;
export type SynthesisKind = (typeof SYNTHESIS_KINDS)[number];
export const SYNTHESIS_KIND_LABELS: Record<SynthesisKind, string> = { llm: 'AI synthesis', offline: 'Offline synthesis' };

export const Synthesis = z.object({
  kind: z.enum(SYNTHESIS_KINDS),
  /** "AI synthesis" or "Offline synthesis", shown wherever it appears. */
  label: z.string(),
  recommendation: z.enum(RECOMMENDATIONS),
  confidence: z.number(),
  summary: z.string(),
  competencies: z.array(
    z.object({ id: z.string(), label: z.string(), rating: z.nullable(z.number()), rationale: z.string(), questionIds: z.array(z.string()) }),
  ),
  strengths: z.array(CheckedClaim),
  concerns: z.array(CheckedClaim),
  uncovered: z.array(z.string()),
  followUps: z.array(z.string()),
  dropped: z.array(DroppedClaim),
  /** False when too many claims failed the evidence check twice, or the recommendation contradicts the scores. */
  reliable: z.boolean(),
  /** What the host should know about how it was made (fallback reason, condensed input, disagreement). */
  notes: z.array(z.string()),
  fairness: z.string(),
});
export type Synthesis = z.infer<typeof Synthesis>;
