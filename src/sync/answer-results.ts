/**
 * On-device AI results, laid out in the interview's Yjs documents by who may read them.
 *
 * `<id>.stage` (guest and host write, staff read): what the guest's device may share.
 * - Map `transcripts`: recordingId → TranscriptRecord. Written by whichever device transcribed the answer (the
 *   guest's, or later a staff device from the uploaded audio). One record per take, so a re-recorded answer never
 *   shows the old take's words.
 * - Map `aiPolicy`: key `transcription` → TranscriptionPolicy, set by the host: where answers are transcribed and
 *   with which model.
 * - Map `uploads`: recordingId → UploadRecord, written by the guest's device once the take's audio is on the sync
 *   server. `transcribeOn: 'staff-device'` asks a staff device with the speech model to transcribe it.
 *
 * `<id>.assessment` (written by host and interviewers, the roles that hold the answer key; moderator and tech
 * support read; the guest can never open it): what is scored against the answer key.
 * - Map `scores`: recordingId (spoken), `mcq:<questionId>` or `code:<questionId>` → ScoreRecord. The rubric (and a
 *   coding task's hidden tests) lives in the key document, which the guest's device never has, so scores are always
 *   computed on a staff device.
 * - Map `staffTranscripts`: recordingId → TranscriptRecord made on a staff device that may not write the stage
 *   document (an interviewer only reads it). The sync server (and a host's device) copies them to the stage
 *   document's `transcripts` (relay-staff-transcripts.ts), so the guest sees them too; staff read both maps
 *   (readAllTranscripts). Not in the staff document, which moderators and tech support may write: a transcript
 *   forged there would reach the guest's stage document through the relay.
 *
 * Map entries are whole immutable records: two devices writing the same key while offline merge to one of the two
 * (Yjs picks the same winner everywhere), and a score is deterministic for a given transcript, so either is right.
 * Everything read back is validated: a buggy client cannot break other screens.
 */
import type * as Y from 'yjs';
import { FINGERPRINT_SCHEME, MAX_HASHES } from '../domain/coding/fingerprint';
import { VERDICT_STATES } from '../domain/coding/judge';
import { z } from '../domain/zod-mini';
import { validRecords } from './valid-records';

export const PROCESSED_ON = ['guest-device', 'staff-device'] as const;
export type ProcessedOn = (typeof PROCESSED_ON)[number];

export const PROCESSED_ON_LABEL: Record<ProcessedOn, string> = {
  'guest-device': "Processed on the candidate's device",
  'staff-device': 'Processed on a staff device',
};

const timestamp = z.number().check(z.nonnegative());
const shortText = z.string().check(z.maxLength(500));

export const TranscriptRecord = z.object({
  recordingId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  text: z.string().check(z.maxLength(50_000)),
  segments: z
    .array(z.object({ start: z.number(), end: z.number(), text: z.string().check(z.maxLength(5000)) }))
    .check(z.maxLength(2000)),
  /** Length of the recording in seconds (delivery figures need it). */
  durationSec: z.number().check(z.nonnegative()),
  processedOn: z.enum(PROCESSED_ON),
  model: z.string().check(z.maxLength(200)),
  backend: z.string().check(z.maxLength(40)),
  at: timestamp,
});
export type TranscriptRecord = z.infer<typeof TranscriptRecord>;

export const HOST_REQUIREMENTS = ['either', 'local', 'staff'] as const;
export const TranscriptionPolicy = z.object({
  /** either: the guest's device when it can (model cached or fast link); local: always the guest's; staff: never. */
  requires: z.enum(HOST_REQUIREMENTS),
  /** Model the guest's device uses; null for the manifest's default. */
  modelId: z.nullable(z.string().check(z.regex(/^[\w.-]+$/), z.maxLength(100))),
  setBy: z.string().check(z.maxLength(200)),
  at: timestamp,
});
export type TranscriptionPolicy = z.infer<typeof TranscriptionPolicy>;

export const DEFAULT_POLICY: TranscriptionPolicy = { requires: 'either', modelId: null, setBy: '', at: 0 };

const ConceptFound = z.object({
  concept: shortText,
  /** Transcript words that matched the concept's words, as said. */
  words: z
    .array(
      z.object({
        conceptWord: shortText,
        said: shortText,
        start: z.number().check(z.int(), z.nonnegative()),
        end: z.number().check(z.int(), z.nonnegative()),
      }),
    )
    .check(z.maxLength(50)),
  negated: z.boolean(),
});
const ConceptMissed = z.object({ concept: shortText, missingWords: z.array(shortText).check(z.maxLength(50)) });

export const SpokenScoreRecord = z.object({
  kind: z.literal('spoken'),
  recordingId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** `at` of the transcript scored, so a newer transcript of the same take is scored again. */
  transcriptAt: timestamp,
  accuracy: z.object({
    score: z.number().check(z.gte(0), z.lte(5)),
    band: z.enum(['none', 'weak', 'partial', 'strong']),
    conceptsFound: z.array(ConceptFound).check(z.maxLength(100)),
    conceptsMissed: z.array(ConceptMissed).check(z.maxLength(100)),
    conceptSource: z.enum(['rubric', 'reference']),
    reasons: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(20)),
    reviewSuggested: z.boolean(),
    explanation: z.string().check(z.maxLength(4000)),
  }),
  tone: z.object({
    assessed: z.boolean(),
    assertiveness: z.enum(['confident', 'neutral', 'hedging']),
    polarity: z.enum(['positive', 'neutral', 'negative']),
    hedges: z.array(shortText).check(z.maxLength(50)),
    confidentCues: z.array(shortText).check(z.maxLength(50)),
    explanation: z.string().check(z.maxLength(2000)),
  }),
  delivery: z.object({
    wordCount: z.number().check(z.int(), z.nonnegative()),
    wordsPerMinute: z.nullable(z.number()),
    pace: z.enum(['slow', 'comfortable', 'fast', 'unknown']),
    fillerCount: z.number().check(z.int(), z.nonnegative()),
    fillerRate: z.number().check(z.nonnegative()),
    longPauses: z.number().check(z.int(), z.nonnegative()),
    timed: z.boolean(),
    explanation: z.string().check(z.maxLength(2000)),
  }),
  empty: z.boolean(),
  explanation: z.string().check(z.maxLength(8000)),
  modelVersion: z.number(),
  /**
   * The team's rated answers this device had when it scored (ratedAnswersKey of the whole set it sent): when the set
   * or the model changes, the answer is scored again. Absent on scores made before rated answers were used.
   */
  ratedLibraryKey: z.optional(z.string().check(z.maxLength(100))),
  /** Which rated answers moved the accuracy score, and how; null when none matched the question. */
  rated: z.optional(
    z.nullable(
      z.object({
        count: z.number().check(z.int(), z.nonnegative()),
        before: z.number(),
        nearest: z
          .array(z.object({ id: shortText, label: shortText, rating: z.number(), similarity: z.number() }))
          .check(z.maxLength(3)),
        explanation: z.string().check(z.maxLength(2000)),
      }),
    ),
  ),
  /** Where the transcript was made, and that the score was computed on a staff device. */
  transcribedOn: z.enum(PROCESSED_ON),
  processedOn: z.literal('staff-device'),
  scoredBy: shortText,
  at: timestamp,
});
export type SpokenScoreRecord = z.infer<typeof SpokenScoreRecord>;

export const McqScoreRecord = z.object({
  kind: z.literal('mcq'),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  chosenIndex: z.nullable(z.number().check(z.int())),
  correct: z.boolean(),
  chosenOption: z.nullable(z.string().check(z.maxLength(2000))),
  correctOption: z.string().check(z.maxLength(2000)),
  score: z.union([z.literal(0), z.literal(5)]),
  explanation: z.string().check(z.maxLength(4000)),
  processedOn: z.literal('staff-device'),
  scoredBy: shortText,
  at: timestamp,
});
export type McqScoreRecord = z.infer<typeof McqScoreRecord>;

const clippedJson = z.string().check(z.maxLength(600));

export const CodingScoreRecord = z.object({
  kind: z.literal('coding'),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** SHA-256 of the code that was run, so changed code is run again. */
  codeSha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** Why nothing ran (syntax error, no such function); null when the tests ran. */
  loadError: z.nullable(z.string().check(z.maxLength(1000))),
  passed: z.number().check(z.int(), z.nonnegative()),
  total: z.number().check(z.int(), z.nonnegative()),
  examplesPassed: z.number().check(z.int(), z.nonnegative()),
  examplesTotal: z.number().check(z.int(), z.nonnegative()),
  tests: z
    .array(
      z.object({
        hidden: z.boolean(),
        state: z.enum(VERDICT_STATES),
        /** Arguments, expected and returned values as JSON text, cut to 600 characters. */
        args: clippedJson,
        expected: clippedJson,
        got: z.nullable(clippedJson),
        detail: z.nullable(z.string().check(z.maxLength(1000))),
        ms: z.nullable(z.number().check(z.nonnegative())),
      }),
    )
    .check(z.maxLength(100)),
  /** 5 × the share of tests passed. */
  score: z.number().check(z.gte(0), z.lte(5)),
  explanation: z.string().check(z.maxLength(4000)),
  /** Token fingerprint of the code (src/domain/coding/fingerprint.ts), for Solution Analysis to flag similar
   * submissions of the same task. Absent on scores written before fingerprints existed (they are scored again). */
  fingerprint: z.optional(
    z.object({
      scheme: z.literal(FINGERPRINT_SCHEME),
      hashes: z.array(z.number().check(z.int(), z.nonnegative(), z.lte(0xffffffff))).check(z.maxLength(MAX_HASHES)),
    }),
  ),
  processedOn: z.literal('staff-device'),
  scoredBy: shortText,
  at: timestamp,
});
export type CodingScoreRecord = z.infer<typeof CodingScoreRecord>;

export const ScoreRecord = z.discriminatedUnion('kind', [SpokenScoreRecord, McqScoreRecord, CodingScoreRecord]);
export type ScoreRecord = z.infer<typeof ScoreRecord>;

export const UploadRecord = z.object({
  recordingId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  mimeType: z.string().check(z.regex(/^audio\//, 'an answer recording must be audio'), z.maxLength(200)),
  bytes: z.number().check(z.int(), z.positive()),
  /** SHA-256 of the uploaded bytes, lowercase hex (the server checked it on the last part). */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  durationSec: z.number().check(z.nonnegative()),
  /** Where the guest's device decided the answer is transcribed. */
  transcribeOn: z.enum(PROCESSED_ON),
  at: timestamp,
});
export type UploadRecord = z.infer<typeof UploadRecord>;

const transcriptMap = (stageDoc: Y.Doc) => stageDoc.getMap<unknown>('transcripts');
const uploadMap = (stageDoc: Y.Doc) => stageDoc.getMap<unknown>('uploads');
const staffTranscriptMap = (assessmentDoc: Y.Doc) => assessmentDoc.getMap<unknown>('staffTranscripts');
const policyMap = (stageDoc: Y.Doc) => stageDoc.getMap<unknown>('aiPolicy');
const scoreMap = (assessmentDoc: Y.Doc) => assessmentDoc.getMap<unknown>('scores');

export function mcqScoreKey(questionId: string): string {
  return `mcq:${questionId}`;
}

export function codingScoreKey(questionId: string): string {
  return `code:${questionId}`;
}

export function scoreKey(record: ScoreRecord): string {
  return record.kind === 'spoken' ? record.recordingId : record.kind === 'mcq' ? mcqScoreKey(record.questionId) : codingScoreKey(record.questionId);
}

export function publishTranscript(stageDoc: Y.Doc, record: TranscriptRecord): void {
  const parsed = TranscriptRecord.parse(record);
  transcriptMap(stageDoc).set(parsed.recordingId, parsed);
}

export function readTranscript(stageDoc: Y.Doc, recordingId: string): TranscriptRecord | null {
  const parsed = TranscriptRecord.safeParse(transcriptMap(stageDoc).get(recordingId));
  return parsed.success ? parsed.data : null;
}

export function readTranscripts(stageDoc: Y.Doc): TranscriptRecord[] {
  return validRecords(TranscriptRecord, transcriptMap(stageDoc).values()).sort((a, b) => a.at - b.at);
}

/** A transcript made on a staff device that may not write the stage document (see the header). */
export function publishStaffTranscript(assessmentDoc: Y.Doc, record: TranscriptRecord): void {
  const parsed = TranscriptRecord.parse(record);
  if (parsed.processedOn !== 'staff-device') throw new Error('only transcripts made on a staff device go to the assessment document');
  staffTranscriptMap(assessmentDoc).set(parsed.recordingId, parsed);
}

/** Calls `fn` whenever the stage document's transcripts change; returns the function that stops it. */
export function observeTranscripts(stageDoc: Y.Doc, fn: () => void): () => void {
  const map = transcriptMap(stageDoc);
  map.observe(fn);
  return () => map.unobserve(fn);
}

/** Calls `fn` whenever the assessment document's transcripts change; returns the function that stops it. */
export function observeStaffTranscripts(assessmentDoc: Y.Doc, fn: () => void): () => void {
  const map = staffTranscriptMap(assessmentDoc);
  map.observe(fn);
  return () => map.unobserve(fn);
}

export function readStaffTranscripts(assessmentDoc: Y.Doc): TranscriptRecord[] {
  return validRecords(TranscriptRecord, staffTranscriptMap(assessmentDoc).values()).sort((a, b) => a.at - b.at);
}

/** Every transcript staff can see: the stage document's, and the assessment document's for takes the stage lacks. */
export function readAllTranscripts(stageDoc: Y.Doc, assessmentDoc: Y.Doc | null): TranscriptRecord[] {
  const byId = new Map(readTranscripts(stageDoc).map((t) => [t.recordingId, t]));
  if (assessmentDoc) for (const t of readStaffTranscripts(assessmentDoc)) if (!byId.has(t.recordingId)) byId.set(t.recordingId, t);
  return [...byId.values()].sort((a, b) => a.at - b.at);
}

export function publishUpload(stageDoc: Y.Doc, record: UploadRecord): void {
  const parsed = UploadRecord.parse(record);
  uploadMap(stageDoc).set(parsed.recordingId, parsed);
}

export function readUpload(stageDoc: Y.Doc, recordingId: string): UploadRecord | null {
  const parsed = UploadRecord.safeParse(uploadMap(stageDoc).get(recordingId));
  return parsed.success ? parsed.data : null;
}

export function readUploads(stageDoc: Y.Doc): UploadRecord[] {
  return validRecords(UploadRecord, uploadMap(stageDoc).values()).sort((a, b) => a.at - b.at);
}

/**
 * Uploaded takes the guest's device left to a staff device that nobody has transcribed yet (neither in the stage
 * document nor, when given, in the assessment document), oldest first.
 */
export function pendingStaffTranscriptions(stageDoc: Y.Doc, assessmentDoc: Y.Doc | null = null): UploadRecord[] {
  const done = new Set(readAllTranscripts(stageDoc, assessmentDoc).map((t) => t.recordingId));
  return readUploads(stageDoc).filter((u) => u.transcribeOn === 'staff-device' && !done.has(u.recordingId));
}

export function setTranscriptionPolicy(stageDoc: Y.Doc, policy: TranscriptionPolicy): void {
  policyMap(stageDoc).set('transcription', TranscriptionPolicy.parse(policy));
}

export function readTranscriptionPolicy(stageDoc: Y.Doc | null): TranscriptionPolicy {
  if (!stageDoc) return DEFAULT_POLICY;
  const parsed = TranscriptionPolicy.safeParse(policyMap(stageDoc).get('transcription'));
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export function writeScore(assessmentDoc: Y.Doc, record: ScoreRecord): void {
  const parsed = ScoreRecord.parse(record);
  scoreMap(assessmentDoc).set(scoreKey(parsed), parsed);
}

export function readScore(assessmentDoc: Y.Doc, key: string): ScoreRecord | null {
  const parsed = ScoreRecord.safeParse(scoreMap(assessmentDoc).get(key));
  return parsed.success ? parsed.data : null;
}

export function readScores(assessmentDoc: Y.Doc): ScoreRecord[] {
  return validRecords(ScoreRecord, scoreMap(assessmentDoc).values());
}
