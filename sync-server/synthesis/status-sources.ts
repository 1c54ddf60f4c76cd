/**
 * What the wrap-up reads of an interview's documents (the stage, transcripts, flags, scores, ratings and reactions,
 * joined with the plan into the synthesis input), kept until one of the top-level types it is read from changes.
 *
 * The status projection reads an interview's five documents a quarter second after each stored change to any of
 * them, and every reading parsed them all again, assembled the synthesis input and hashed it (about a quarter of the
 * app server's allocation per update at bench:sync's 500 sessions), although most changes are to types it never
 * reads: the staff document's chat, code comments. Each document's part is now kept by read-cache.ts under the
 * versions of the types it reads (they move in every transaction that changes one, local or received), the plan by
 * plan-memo.ts; the status's reading (the input by its hash) is kept while all of those parts are the same objects,
 * so a reading after a chat message costs a few version checks, and the input is assembled and hashed again only
 * when something it is made of did change. Same parts, same input: the result is what a fresh reading gives
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

/** Changes to the types the status reads of a staff or assessment document, as counted when the status last read it. */
const changesAtRead = new WeakMap<Y.Doc, number>();

/**
 * Whether a stored change to this document can move the interview's status: false only for a staff or assessment
 * document none of whose read types changed since the status last read it (a chat message, a code comment), when
 * a reading now would give exactly the reading kept. The stage always counts (the guest's device publishes its
 * finished uploads there, which the status counts from SQLite), and so do the plan and key.
 */
export function mayMoveStatus(kind: string, doc: Y.Doc): boolean {
  if (kind !== 'staff' && kind !== 'assessment') return true;
  const read = changesAtRead.get(doc);
  return read === undefined || read !== changesOf(doc, kind === 'staff' ? staffTypes(doc) : assessmentTypes(doc));
}

/** Everything the status and a synthesis take from the documents (the uploads and the synthesis runs come from SQLite). */
export interface WrapUpSources {
  stage: StageState | null;
  /** The interview's full plan (plan joined with its key), null while either is missing. */
  plan: InterviewPlan | null;
  /** Null while the plan or its key is not on the server, names another interview, or has no questions. */
  input: SynthesisInput | null;
  transcribedRecordingIds: ReadonlySet<string>;
  scoreKeys: ReadonlySet<string>;
}

/** What the status needs of the sources: the input only by its hash (synthesis-runner.ts inputHash). */
export interface StatusSources extends Omit<WrapUpSources, 'input' | 'plan'> {
  planPresent: boolean;
  /** inputHash of the synthesis input; null when there is none. */
  inputHash: string | null;
}

interface Kept {
  interviewId: string;
  parts: readonly unknown[];
  sources: StatusSources;
}

/** Per stage document (as loaded: a document loaded again is a new Y.Doc and is read afresh). */
const kept = new WeakMap<Y.Doc, Kept>();

/** The reading a synthesis is made from: assembled afresh, so the caller has an input of its own. */
export function wrapUpSources(interviewId: string, docs: WrapUpDocs): WrapUpSources {
  return assemble(interviewId, stageParts(docs.stage), assessmentParts(docs.assessment), staffParts(docs.staff), fullPlanOf(docs.plan, docs.key));
}

/**
 * The status projection's reading of these documents: assembled and hashed again only after a type it reads changed
 * (the input itself is not kept: nobody else holds it, so nothing can change it under the kept hash).
 */
export function statusSources(interviewId: string, docs: WrapUpDocs): StatusSources {
  const stage = stageParts(docs.stage);
  const assessment = assessmentParts(docs.assessment);
  const staff = staffParts(docs.staff);
  const plan = fullPlanOf(docs.plan, docs.key);
  const parts = [stage, assessment, staff, plan, docs.plan, docs.key, docs.staff, docs.assessment];
  changesAtRead.set(docs.staff, changesOf(docs.staff, staffTypes(docs.staff)));
  changesAtRead.set(docs.assessment, changesOf(docs.assessment, assessmentTypes(docs.assessment)));
  const last = kept.get(docs.stage);
  if (last && last.interviewId === interviewId && last.parts.every((p, i) => p === parts[i])) return last.sources;
  const { input, plan: _plan, ...rest } = assemble(interviewId, stage, assessment, staff, plan);
  const sources: StatusSources = { ...rest, planPresent: plan !== null, inputHash: input ? inputHash(input) : null };
  kept.set(docs.stage, { interviewId, parts, sources });
  return sources;
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
  return {
    stage,
    plan,
    input,
    transcribedRecordingIds: new Set(transcripts.keys()),
    scoreKeys: new Set(assessment.scores.map(scoreKey)),
  };
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
