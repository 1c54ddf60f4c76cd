/**
 * The app's IndexedDB database (Dexie). Everything a user must never lose lives
 * here first and syncs later: interview plans, the guest's progress, answers and
 * audio chunks. Yjs documents are persisted separately by y-indexeddb.
 *
 * Schema changes: append a version to APP_DB_VERSIONS (db-schema.ts); never edit an old one. The first screen
 * creates an absent database from the same list without loading Dexie (first-screen-idb.ts).
 */
import type { RatedAnswer } from '../domain/scoring';
import Dexie, { type Table } from 'dexie';
import { APP_DB_NAME, APP_DB_VERSIONS } from './db-schema';
import type { InterviewPlan } from '../domain/interview';
import type { Role } from '../domain/access';
import type { PublishedVersion } from '../domain/plan-edits';
import type { GenerationRecord } from '../domain/generation/note';

export interface LocalInterview {
  id: string;
  /** The plan guests get: the last published version (status 'draft' until first published). */
  plan: InterviewPlan;
  /** The host's working copy while reviewing edits to a published plan. */
  draft?: InterviewPlan;
  /** Every published version, oldest first: edits after publishing are never silent. */
  history?: PublishedVersion[];
  /** Which generator produced the questions, and why, as told to the host (rows saved before `generation` existed). */
  generationNote?: string;
  /** What the generator reported (note, counts per source, why the bank stepped in): the note is redone from it as the host edits. */
  generation?: GenerationRecord;
  /** Which of this device's users owns it: the host who planned it, or a guest/staff who opened an invite. */
  localRole: Role;
  updatedAt: number;
}

/** A role token this device holds, from an invite link or the host link. */
export interface Credential {
  /** Interview id, or `*` for a host token covering the whole workspace. */
  scope: string;
  token: string;
  role: Role;
  subject: string;
  expiresAt: number;
}

export interface RecordingRecord {
  id: string;
  interviewId: string;
  questionId: string;
  /** Attempt number: a re-record is a new recording that replaces the answer only once complete. */
  attempt: number;
  mimeType: string;
  startedAt: number;
  /** `recording` until stopped; a recording left in `recording` after a crash was cut off. */
  status: 'recording' | 'complete' | 'discarded';
  durationMs: number;
  bytes: number;
}

export interface AudioChunk {
  id?: number;
  recordingId: string;
  seq: number;
  /** Milliseconds from the start of the recording to the end of this chunk. */
  endMs: number;
  data: Blob;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

/** An answer the team rated, kept on a staff device so later interviews are scored with the team's standard offline. */
export interface StoredRatedAnswer {
  /** answerIdOf(interview, recording). */
  id: string;
  interviewId: string;
  answer: RatedAnswer;
  storedAt: number;
}

export class InterqDatabase extends Dexie {
  ratedAnswers!: Table<StoredRatedAnswer, string>;
  interviews!: Table<LocalInterview, string>;
  credentials!: Table<Credential, string>;
  recordings!: Table<RecordingRecord, string>;
  audioChunks!: Table<AudioChunk, number>;
  kv!: Table<KeyValue, string>;

  constructor(name = APP_DB_NAME) {
    // Strict durability: a committed transaction is on disk, so a crash after a
    // chunk's write loses at most the chunk still being recorded.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const { version, stores } of APP_DB_VERSIONS) this.version(version).stores(stores);
  }
}

let instance: InterqDatabase | null = null;

export function appDb(): InterqDatabase {
  instance ??= new InterqDatabase();
  return instance;
}
