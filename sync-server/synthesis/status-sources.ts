/**
 * What the wrap-up reads of an interview's documents (the stage, transcripts, flags, scores, ratings and reactions,
 * joined with the plan into the synthesis input), kept until one of the top-level types it is read from changes.
 *
 * The status projection reads an interview's five documents a quarter second after each stored change to any of
 * them, and every reading parsed them all again, assembled the synthesis input and hashed it (about a quarter of the
 * app server's allocation per update at bench:sync's 500 sessions), although most changes are to types it never
 * reads: the staff document's chat, code comments. Each document's part is now kept by read-cache.ts under the
 * versions of the types it reads (they move in every transaction that changes one, local or received), the plan by
 * plan-memo.ts. The status is read in two steps: what it decides on (statusFacts: the stage state, transcripts,
 * scores, the plan's presence), kept while those parts are the same objects; and the synthesis input by its hash
 * (statusInputHash), which matters only once the interview is scored (is a synthesis of this input done? is one
 * due?) and is assembled and hashed only then, again only when something it is made of changed. mayMoveStatus tells
 * the projection's hook which stored changes cannot move what the last reading gave (a reaction before "scored",
 * a chat message), so those schedule no reading at all. Same parts, same result: what a fresh reading gives
 * (tests/unit/status-sources.test.ts). The parts are shared by every reading of the interview: read them, never
 * change them.
 */
import type * as Y from 'yjs';
import type { InterviewPlan } from '../../src/domain/interview';
import type { StageState } from '../../src/domain/stage/types';
import { assembleSynthesisInput, type SourceScore, type SourceTranscript, type SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { readScores, readStaffTranscripts, readTranscripts, scoreKey, type ScoreRecord, type TranscriptRecord } from '../../src/sync/answer-results';
import { cachedRead, changesOf } from '../../src/sync/read-cache';
import { readStageState } from '../../src/sync/stage-doc';
import { Rating, readReactions } from '../../src/sync/staff-doc';
import { validRecords } from '../../src/sync/valid-records';
import { z } from '../../src/domain/zod-mini';
import { fullPlanOf } from './plan-memo';
import { inputHash } from './synthesis-runner';

/** The guest's transcript flags, read with a schema of their own (the app's module pulls in the browser's storage). */
const FlagsRecord = z.object({
  recordingId: z.string(),
  flags: z.array(z.object({ quote: z.string(), note: z.nullable(z.string()) })).check(z.maxLength(200)),
});

/** The documents the wrap-up reads, as loaded. */
export interface WrapUpDocs {
  plan: Y.Doc;
  key: Y.Doc;
  stage: Y.Doc;
  staff: Y.Doc;
  assessment: Y.Doc;
}

interface StageParts {
  stage: StageState | null;
  transcripts: TranscriptRecord[];
  flags: ReadonlyMap<string, ReadonlyArray<{ quote: string; note: string | null }>>;
}

interface AssessmentParts {
  scores: ScoreRecord[];
  staffTranscripts: TranscriptRecord[];
}

interface StaffParts {
  ratings: Array<{ questionId: string; score: number; role: string }>;
  reactions: Array<{ questionId: string; kind: string; role: string; momentMs: number | null }>;
}

// The top-level types each part is read from (the names the readers in src/sync/ use): a change to any other type
// of the document (the staff chat, the stage's uploads and commands) keeps the part.
const stageTypes = (doc: Y.Doc) => [doc.getMap('session'), doc.getMap('transcripts'), doc.getMap('transcriptFlags')];
const assessmentTypes = (doc: Y.Doc) => [doc.getMap('scores'), doc.getMap('staffTranscripts')];
const staffTypes = (doc: Y.Doc) => [doc.getMap('ratings'), doc.getArray('reactions')];

const stageParts = (doc: Y.Doc): StageParts =>
  cachedRead(doc, 'wrap-up:stage', stageTypes(doc), () => ({
    stage: readStageState(doc),
    transcripts: readTranscripts(doc),
    flags: new Map(validRecords(FlagsRecord, doc.getMap('transcriptFlags').values()).map((f) => [f.recordingId, f.flags])),
  }));

const assessmentParts = (doc: Y.Doc): AssessmentParts =>
  cachedRead(doc, 'wrap-up:assessment', assessmentTypes(doc), () => ({
    scores: readScores(doc),
    staffTranscripts: readStaffTranscripts(doc),
  }));

const staffParts = (doc: Y.Doc): StaffParts =>
  cachedRead(doc, 'wrap-up:staff', staffTypes(doc), () => ({
    ratings: validRecords(Rating, doc.getMap('ratings').values()).map((r) => ({ questionId: r.questionId, score: r.score, role: r.role })),
    reactions: readReactions(doc).map((r) => ({ questionId: r.questionId, kind: r.kind, role: r.role, momentMs: r.momentMs })),
  }));

/**
 * The types a status reading read of each document: the stage state, the transcripts and the scores always; the
 * synthesis input's other parts (the guest's transcript flags, the staff's ratings and reactions) only when the
 * reading took the input's hash, which it does only from "scored" on (read-interview.ts readStatus). Before that,
 * no change to them can move the status or its row: the status is decided by the stage, uploads, transcripts and
 * scores, and the row names an input only for the synthesis decision.
 */
function readTypes(kind: 'stage' | 'staff' | 'assessment', doc: Y.Doc, withInput: boolean): Parameters<typeof changesOf>[1] {
  switch (kind) {
    case 'stage':
      return withInput ? stageTypes(doc) : [doc.getMap('session'), doc.getMap('transcripts')];
    case 'assessment':
      return assessmentTypes(doc);
    case 'staff':
      return withInput ? staffTypes(doc) : [];
  }
}

/** Per document, as the status last read it: whether it read the input, and the changes to the types it read. */
const notedAtRead = new WeakMap<Y.Doc, { withInput: boolean; changes: number }>();

/**
 * Notes what a status reading read of these documents (in the same synchronous step as the reading), for
 * mayMoveStatus: `withInput` when it took the synthesis input's hash.
 */
export function noteStatusRead(docs: WrapUpDocs, withInput: boolean): void {
  for (const kind of ['stage', 'staff', 'assessment'] as const) {
    const doc = docs[kind];
    notedAtRead.set(doc, { withInput, changes: changesOf(doc, readTypes(kind, doc, withInput)) });
  }
}

/**
 * Whether a stored change to this document can move the interview's status or its row: false for a stage, staff or
 * assessment document none of whose read types (readTypes, as of the status's last reading) changed since, when a
 * reading now would give exactly the status and row kept: a chat message, a code comment, the stage's uploads list
 * (an upload is counted when the server completes it: status-projection.ts uploadCompleted), and, before
 * "scored", a reaction, a rating or a transcript flag. A document never read (or loaded again: a new Y.Doc), the
 * plan and the key always count.
 */
export function mayMoveStatus(kind: string, doc: Y.Doc): boolean {
  if (kind !== 'stage' && kind !== 'staff' && kind !== 'assessment') return true;
  const noted = notedAtRead.get(doc);
  return noted === undefined || noted.changes !== changesOf(doc, readTypes(kind, doc, noted.withInput));
}

/** Everything the status and a synthesis take from the documents (the uploads and the synthesis runs come from SQLite). */
export interface WrapUpSources extends AnswersDone {
  stage: StageState | null;
  /** The interview's full plan (plan joined with its key), null while either is missing. */
  plan: InterviewPlan | null;
  /** Null while the plan or its key is not on the server, names another interview, or has no questions. */
  input: SynthesisInput | null;
}

/** What the status decides on, before the synthesis: everything but the input. */
export interface StatusFacts extends AnswersDone {
  stage: StageState | null;
  planPresent: boolean;
}

/** Which takes have a transcript and which answers a score: what the status counts of the transcripts and scores. */
interface AnswersDone {
  transcribedRecordingIds: ReadonlySet<string>;
  scoreKeys: ReadonlySet<string>;
}

/**
 * The one derivation of AnswersDone, for the status (statusFacts) and for the synthesis's reading (assemble): a take
 * is transcribed when the guest's device or a staff device published its transcript.
 */
function answersDone(stageTranscripts: readonly TranscriptRecord[], staffTranscripts: readonly TranscriptRecord[], scores: readonly ScoreRecord[]): AnswersDone {
  return {
    transcribedRecordingIds: new Set([...stageTranscripts, ...staffTranscripts].map((t) => t.recordingId)),
    scoreKeys: new Set(scores.map(scoreKey)),
  };
}

/** Per stage document (as loaded: a document loaded again is a new Y.Doc and is read afresh). */
const keptFacts = new WeakMap<Y.Doc, { parts: readonly unknown[]; facts: StatusFacts }>();
const keptHash = new WeakMap<Y.Doc, { interviewId: string; parts: readonly unknown[]; hash: string | null }>();

/** The reading a synthesis is made from: assembled afresh, so the caller has an input of its own. */
export function wrapUpSources(interviewId: string, docs: WrapUpDocs): WrapUpSources {
  return assemble(interviewId, stageParts(docs.stage), assessmentParts(docs.assessment), staffParts(docs.staff), fullPlanOf(docs.plan, docs.key));
}

/**
 * What the status reads of these documents but the input: kept while the stage and assessment parts and the plan
 * are the same objects (the staff document and the transcript flags are not read here at all).
 */
export function statusFacts(docs: WrapUpDocs): StatusFacts {
  const stage = stageParts(docs.stage);
  const assessment = assessmentParts(docs.assessment);
  const plan = fullPlanOf(docs.plan, docs.key);
  const parts = [stage, assessment, plan];
  const last = keptFacts.get(docs.stage);
  if (last && last.parts.every((p, i) => p === parts[i])) return last.facts;
  const facts: StatusFacts = {
    stage: stage.stage,
    planPresent: plan !== null,
    ...answersDone(stage.transcripts, assessment.staffTranscripts, assessment.scores),
  };
  keptFacts.set(docs.stage, { parts, facts });
  return facts;
}

/**
 * inputHash (synthesis-runner.ts) of the synthesis input these documents make, null when there is none: assembled
 * and hashed again only after a type it is made of changed (the input itself is not kept: nobody else holds it, so
 * nothing can change it under the kept hash).
 */
export function statusInputHash(interviewId: string, docs: WrapUpDocs): string | null {
  const stage = stageParts(docs.stage);
  const assessment = assessmentParts(docs.assessment);
  const staff = staffParts(docs.staff);
  const plan = fullPlanOf(docs.plan, docs.key);
  const parts = [stage, assessment, staff, plan, docs.plan, docs.key, docs.staff, docs.assessment];
  const last = keptHash.get(docs.stage);
  if (last && last.interviewId === interviewId && last.parts.every((p, i) => p === parts[i])) return last.hash;
  const { input } = assemble(interviewId, stage, assessment, staff, plan);
  const hash = input ? inputHash(input) : null;
  keptHash.set(docs.stage, { interviewId, parts, hash });
  return hash;
}

function assemble(interviewId: string, stageRead: StageParts, assessment: AssessmentParts, staff: StaffParts, plan: InterviewPlan | null): WrapUpSources {
  const transcripts = new Map<string, SourceTranscript>();
  // The stage's transcript comes from the guest's device; a staff device's transcript of the same take wins.
  for (const t of [...stageRead.transcripts, ...assessment.staffTranscripts]) {
    transcripts.set(t.recordingId, { text: t.text, segments: t.segments, durationSec: t.durationSec });
  }
  const { stage } = stageRead;
  const input =
    plan && plan.meta.id === interviewId && plan.questions.length > 0
      ? assembleSynthesisInput({
          plan,
          stage,
          transcripts,
          flags: stageRead.flags,
          scores: new Map(assessment.scores.map((s) => [scoreKey(s), sourceScore(s)])),
          ratings: staff.ratings,
          reactions: staff.reactions,
        })
      : null;
  return { stage, plan, input, ...answersDone(stageRead.transcripts, assessment.staffTranscripts, assessment.scores) };
}

/** A score as the synthesis input carries it. */
export function sourceScore(s: ScoreRecord): SourceScore {
  switch (s.kind) {
    case 'spoken':
      return { kind: 'spoken', score: s.accuracy.score, band: s.accuracy.band, explanation: s.accuracy.explanation, conceptsMissed: s.accuracy.conceptsMissed.map((c) => c.concept) };
    case 'mcq':
      return { kind: 'mcq', correct: s.correct, chosenOption: s.chosenOption, correctOption: s.correctOption };
    case 'coding':
      return { kind: 'coding', passed: s.passed, total: s.total, examplesPassed: s.examplesPassed, examplesTotal: s.examplesTotal, loadError: s.loadError };
  }
}
