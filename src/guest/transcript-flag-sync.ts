/**
 * The guest's "this passage is wrong" flags, shared with staff through the
 * `<id>.stage` document (the guest may write it, staff read it), next to the
 * transcripts the on-device processor publishes there (src/sync/answer-results.ts).
 *
 * Layout: Map `transcriptFlags`: recordingId → TranscriptFlagsRecord, one whole
 * record per take, replaced on every change (the guest's device is its only writer).
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { TranscriptFlag, type AnswerTranscript } from './transcripts';

export const TranscriptFlagsRecord = z.object({
  recordingId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  flags: z.array(TranscriptFlag).check(z.maxLength(200)),
  at: z.number().check(z.nonnegative()),
});
export type TranscriptFlagsRecord = z.infer<typeof TranscriptFlagsRecord>;

const MAP = 'transcriptFlags';

export function publishTranscriptFlags(stageDoc: Y.Doc, transcript: AnswerTranscript, now: number = Date.now()): void {
  const record: TranscriptFlagsRecord = { recordingId: transcript.recordingId, questionId: transcript.questionId, flags: transcript.flags, at: now };
  stageDoc.getMap<TranscriptFlagsRecord>(MAP).set(transcript.recordingId, record);
}

/** The flags on a take as staff see them; null when none were shared or the record is malformed. */
export function readTranscriptFlags(stageDoc: Y.Doc, recordingId: string): TranscriptFlagsRecord | null {
  const parsed = TranscriptFlagsRecord.safeParse(stageDoc.getMap(MAP).get(recordingId));
  return parsed.success ? parsed.data : null;
}
