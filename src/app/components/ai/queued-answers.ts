/**
 * The answers queued for a staff device and where each one stands, from what the documents say (the guest's stage
 * state and upload records, the transcripts) and what this device is doing (the take it transcribes now, its
 * failures). Pure, so the panel and the tests share it.
 */
import type { StageState } from '../../../domain/stage';
import type { TranscriptRecord, UploadRecord } from '../../../sync/answer-results';
import type { StaffTranscriptionProgress } from '../../../staff-ai/transcribe-queued';

export const STAFF_QUEUE_PREFIX = 'queued for a staff device';

export type QueuedAnswerState = 'waiting-upload' | 'ready' | 'transcribing' | 'elsewhere' | 'done' | 'failed';

export interface QueuedAnswerRow {
  recordingId: string;
  questionId: string;
  state: QueuedAnswerState;
  /** One sentence on the state: why the guest's device queued it, the phase, the failure reason. */
  detail: string;
  /** 0..1 while transcribing, where known. */
  fraction: number | null;
  /** A failed take can be tried again now. */
  canRetry: boolean;
}

export interface QueuedAnswerFacts {
  state: StageState | null;
  uploads: readonly UploadRecord[];
  transcripts: readonly TranscriptRecord[];
  running: StaffTranscriptionProgress | null;
  failures: ReadonlyMap<string, { reason: string; nextTryAt: number | null }>;
  /** Takes another staff device has claimed (src/sync/transcription-claims.ts), with who works on them. */
  claims?: ReadonlyMap<string, { by: string }>;
}

export function queuedAnswerRows(facts: QueuedAnswerFacts): QueuedAnswerRow[] {
  const current = new Map<string, string>();
  const queuedDetail = new Map<string, string>();
  for (const a of facts.state?.answers ?? []) {
    if (!a.recordingId) continue;
    current.set(a.questionId, a.recordingId);
    const detail = a.processing?.detail ?? '';
    if (detail.startsWith(STAFF_QUEUE_PREFIX)) queuedDetail.set(a.recordingId, detail.replace(/^queued for a staff device: /, ''));
  }
  const uploads = new Map(facts.uploads.map((u) => [u.recordingId, u]));
  const ids = new Set<string>(queuedDetail.keys());
  for (const u of facts.uploads) {
    // A take the guest recorded again since no longer counts.
    if (u.transcribeOn === 'staff-device' && (!facts.state || current.get(u.questionId) === u.recordingId)) ids.add(u.recordingId);
  }
  const transcripts = new Map(facts.transcripts.map((t) => [t.recordingId, t]));
  const questionOf = (id: string) => uploads.get(id)?.questionId ?? [...current].find(([, rid]) => rid === id)?.[0] ?? '';

  const rows: QueuedAnswerRow[] = [];
  for (const recordingId of ids) {
    const base = { recordingId, questionId: questionOf(recordingId), fraction: null, canRetry: false };
    const transcript = transcripts.get(recordingId);
    const failure = facts.failures.get(recordingId);
    if (transcript) {
      rows.push({ ...base, state: 'done', detail: transcript.processedOn === 'staff-device' ? `transcribed on a staff device (${transcript.model})` : `transcribed on the candidate's device (${transcript.model})` });
    } else if (facts.running?.recordingId === recordingId) {
      rows.push({ ...base, state: 'transcribing', detail: facts.running.detail, fraction: facts.running.fraction });
    } else if (facts.claims?.has(recordingId)) {
      rows.push({ ...base, state: 'elsewhere', detail: `being transcribed on ${facts.claims.get(recordingId)!.by || 'another staff member'}'s device` });
    } else if (failure) {
      const when = failure.nextTryAt === null ? 'Retry when the cause is fixed' : 'tried again automatically';
      rows.push({ ...base, state: 'failed', detail: `${failure.reason} (${when})`, canRetry: true });
    } else if (uploads.has(recordingId)) {
      rows.push({ ...base, state: 'ready', detail: 'uploaded; waiting for a staff device with the speech model' });
    } else {
      rows.push({ ...base, state: 'waiting-upload', detail: `waiting for the candidate's device to upload the recording${queuedDetail.has(recordingId) ? ` (queued because ${queuedDetail.get(recordingId)})` : ''}` });
    }
  }
  return rows;
}
