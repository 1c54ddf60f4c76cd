/**
 * Reads everything a status or a synthesis needs from one interview's documents. The documents are loaded first
 * (async), then read in one synchronous step, so no update can land between reading the stage and the scores; the
 * state vectors taken in that same step let a finished synthesis tell whether any document moved meanwhile.
 */
import * as Y from 'yjs';
import type { RecordingStore } from '../uploads/recording-store';
import { docName, type DocKind } from '../../src/domain/access';
import { interviewStatus, type StatusResult } from '../../src/domain/wrap-up/status';
import type { SynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { noteStatusRead, statusFacts, statusInputHash, wrapUpSources } from './status-sources';

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

/** What the status needs of a reading: the input by its hash, no state vectors. */
export interface StatusRead extends Omit<InterviewRead, 'stateVectors' | 'input'> {
  /** inputHash (synthesis-runner.ts) of the synthesis input once the status is "scored" or "synthesized"; else null. */
  inputHash: string | null;
}

export type OpenDoc = (name: string) => Promise<Y.Doc>;

/** `recordings` says which answers' audio reached the server (in PostgreSQL with DATABASE_URL: from any node). */
export function createInterviewReader(recordings: Pick<RecordingStore, 'completedIds'>, openDoc: OpenDoc) {

  async function loadDocs(interviewId: string): Promise<Record<InputDocKind, Y.Doc>> {
    const docs = await Promise.all(INPUT_DOC_KINDS.map((k) => openDoc(docName(interviewId, k))));
    return Object.fromEntries(INPUT_DOC_KINDS.map((k, i) => [k, docs[i]!])) as Record<InputDocKind, Y.Doc>;
  }

  /** Everything below runs without an await: one consistent reading of all five documents. */
  function readLoaded(interviewId: string, docs: Record<InputDocKind, Y.Doc>, uploaded: string[], synthesized: (input: SynthesisInput | null) => boolean): Omit<InterviewRead, 'stateVectors'> {
    const { stage, plan, input, transcribedRecordingIds, scoreKeys } = wrapUpSources(interviewId, docs);
    const status = interviewStatus({ stage, uploadedRecordingIds: new Set(uploaded), transcribedRecordingIds, scoreKeys, synthesized: synthesized(input) });
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
    /**
     * The status projection's reading, after a change that may move the status: no state vectors (five encodings,
     * which only a synthesis keeps), and the synthesis input only by its hash, taken only when the interview is
     * scored. Before that the input decides nothing (the status is the stage, uploads, transcripts and scores), so
     * the row names no input (null): a reaction or a rating during the interview neither rewrites the row nor costs
     * an assembly and a SHA-256. From "scored" on the hash says which input a synthesis is of (`synthesized`: is one
     * done?) and which one is due. What it reads of the documents is kept until a type it is read from changes
     * (status-sources.ts); the uploads are asked every time (SQLite, or PostgreSQL for every node's).
     */
    async readStatus(interviewId: string, synthesized: (inputHash: string) => boolean): Promise<StatusRead> {
      const [docs, uploaded] = await Promise.all([loadDocs(interviewId), recordings.completedIds(interviewId)]);
      const { stage, planPresent, transcribedRecordingIds, scoreKeys } = statusFacts(docs);
      const facts = { stage, uploadedRecordingIds: new Set(uploaded), transcribedRecordingIds, scoreKeys };
      let status = interviewStatus({ ...facts, synthesized: false });
      let inputHash: string | null = null;
      if (status.status === 'scored') {
        inputHash = statusInputHash(interviewId, docs);
        if (inputHash !== null && synthesized(inputHash)) status = interviewStatus({ ...facts, synthesized: true });
      }
      // In this synchronous step: a change stored after it is one the hook sees as new.
      noteStatusRead(docs, status.status === 'scored' || status.status === 'synthesized');
      return { status, inputHash, completedAt: stage?.completedAt ?? null, planPresent };
    },
    /** Whether any document moved since `before` was taken. */
    async moved(interviewId: string, before: Record<string, string>): Promise<boolean> {
      const docs = await loadDocs(interviewId);
      return INPUT_DOC_KINDS.some((k) => Buffer.from(Y.encodeStateVector(docs[k])).toString('base64') !== before[k]);
    },
  };
}

export type InterviewReader = ReturnType<typeof createInterviewReader>;
