/**
 * Reads everything a status or a synthesis needs from one interview's documents. The documents are loaded first
 * (async), then read in one synchronous step, so no update can land between reading the stage and the scores; the
 * state vectors taken in that same step let a finished synthesis tell whether any document moved meanwhile.
 */
import * as Y from 'yjs';
import type { RecordingStore } from '../uploads/recording-store';
import { docName, type DocKind } from '../../src/domain/access';
import { interviewStatus, type StatusResult } from '../../src/domain/wrap-up/status';
import { assembleSynthesisInput, type SourceScore, type SourceTranscript, type SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { readScores, readStaffTranscripts, readTranscripts, type ScoreRecord } from '../../src/sync/answer-results';
import { fullPlanOf } from './plan-memo';
import { readStageState } from '../../src/sync/stage-doc';
import { Rating, readReactions } from '../../src/sync/staff-doc';
import { validRecords } from '../../src/sync/valid-records';
import { z } from '../../src/domain/zod-mini';

export const INPUT_DOC_KINDS = ['plan', 'key', 'stage', 'staff', 'assessment'] as const satisfies readonly DocKind[];
export type InputDocKind = (typeof INPUT_DOC_KINDS)[number];

export interface InterviewRead {
  status: StatusResult;
  /** Null while the plan or its key is not on the server. */
  input: SynthesisInput | null;
  completedAt: number | null;
  /** Whether the server holds the interview's plan at all (a deleted or never-published interview has none). */
  planPresent: boolean;
  /** Base64 state vector of each document, as read (what a synthesis records, to tell later whether any moved). */
  stateVectors: Record<InputDocKind, string>;
}

/** What the status needs of a reading: no state vectors (five encodings a read, which only a synthesis keeps). */
export type StatusRead = Omit<InterviewRead, 'stateVectors'>;

export type OpenDoc = (name: string) => Promise<Y.Doc>;

/** The guest's transcript flags, read with a schema of their own (the app's module pulls in the browser's storage). */
const FlagsRecord = z.object({
  recordingId: z.string(),
  flags: z.array(z.object({ quote: z.string(), note: z.nullable(z.string()) })).check(z.maxLength(200)),
});

/** `recordings` says which answers' audio reached the server (in PostgreSQL with DATABASE_URL: from any node). */
export function createInterviewReader(recordings: Pick<RecordingStore, 'completedIds'>, openDoc: OpenDoc) {

  async function loadDocs(interviewId: string): Promise<Record<InputDocKind, Y.Doc>> {
    const docs = await Promise.all(INPUT_DOC_KINDS.map((k) => openDoc(docName(interviewId, k))));
    return Object.fromEntries(INPUT_DOC_KINDS.map((k, i) => [k, docs[i]!])) as Record<InputDocKind, Y.Doc>;
  }

  /** Everything below runs without an await: one consistent reading of all five documents. */
  function readLoaded(interviewId: string, docs: Record<InputDocKind, Y.Doc>, uploaded: string[], synthesized: (input: SynthesisInput | null) => boolean): StatusRead {
    const stage = readStageState(docs.stage);
    const scores = readScores(docs.assessment);
    const transcripts = new Map<string, SourceTranscript>();
    // The stage's transcript comes from the guest's device; a staff device's transcript of the same take wins.
    for (const t of [...readTranscripts(docs.stage), ...readStaffTranscripts(docs.assessment)]) {
      transcripts.set(t.recordingId, { text: t.text, segments: t.segments, durationSec: t.durationSec });
    }
    const flags = new Map(validRecords(FlagsRecord, docs.stage.getMap('transcriptFlags').values()).map((f) => [f.recordingId, f.flags]));
    const plan = fullPlanOf(docs.plan, docs.key);
    const input =
      plan && plan.meta.id === interviewId && plan.questions.length > 0
        ? assembleSynthesisInput({
            plan,
            stage,
            transcripts,
            flags,
            scores: new Map(scores.map((s) => [scoreKeyOf(s), sourceScore(s)])),
            ratings: validRecords(Rating, docs.staff.getMap('ratings').values()).map((r) => ({ questionId: r.questionId, score: r.score, role: r.role })),
            reactions: readReactions(docs.staff).map((r) => ({ questionId: r.questionId, kind: r.kind, role: r.role, momentMs: r.momentMs })),
          })
        : null;
    const status = interviewStatus({
      stage,
      uploadedRecordingIds: new Set(uploaded),
      transcribedRecordingIds: new Set(transcripts.keys()),
      scoreKeys: new Set(scores.map(scoreKeyOf)),
      synthesized: synthesized(input),
    });
    return { status, input, completedAt: stage?.completedAt ?? null, planPresent: plan !== null };
  }

  const stateVectorsOf = (docs: Record<InputDocKind, Y.Doc>): Record<InputDocKind, string> =>
    Object.fromEntries(INPUT_DOC_KINDS.map((k) => [k, Buffer.from(Y.encodeStateVector(docs[k])).toString('base64')])) as Record<InputDocKind, string>;

  return {
    async read(interviewId: string, synthesized: (input: SynthesisInput | null) => boolean): Promise<InterviewRead> {
      const [docs, uploaded] = await Promise.all([loadDocs(interviewId), recordings.completedIds(interviewId)]);
      // In the same synchronous step as the reading, so the vectors are those of what was read.
      return { ...readLoaded(interviewId, docs, uploaded, synthesized), stateVectors: stateVectorsOf(docs) };
    },
    /** The same reading without the state vectors: the status projection's, after every change. */
    async readStatus(interviewId: string, synthesized: (input: SynthesisInput | null) => boolean): Promise<StatusRead> {
      const [docs, uploaded] = await Promise.all([loadDocs(interviewId), recordings.completedIds(interviewId)]);
      return readLoaded(interviewId, docs, uploaded, synthesized);
    },
    /** Whether any document moved since `before` was taken. */
    async moved(interviewId: string, before: Record<string, string>): Promise<boolean> {
      const docs = await loadDocs(interviewId);
      return INPUT_DOC_KINDS.some((k) => Buffer.from(Y.encodeStateVector(docs[k])).toString('base64') !== before[k]);
    },
  };
}

export type InterviewReader = ReturnType<typeof createInterviewReader>;

function scoreKeyOf(s: ScoreRecord): string {
  return s.kind === 'spoken' ? s.recordingId : s.kind === 'mcq' ? `mcq:${s.questionId}` : `code:${s.questionId}`;
}

function sourceScore(s: ScoreRecord): SourceScore {
  switch (s.kind) {
    case 'spoken':
      return { kind: 'spoken', score: s.accuracy.score, band: s.accuracy.band, explanation: s.accuracy.explanation, conceptsMissed: s.accuracy.conceptsMissed.map((c) => c.concept) };
    case 'mcq':
      return { kind: 'mcq', correct: s.correct, chosenOption: s.chosenOption, correctOption: s.correctOption };
    case 'coding':
      return { kind: 'coding', passed: s.passed, total: s.total, examplesPassed: s.examplesPassed, examplesTotal: s.examplesTotal, loadError: s.loadError };
  }
}
