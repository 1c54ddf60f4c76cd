/**
 * Transcription on a staff device of the answers the guest's device queued for staff (issue #5 item 7): a guest on
 * a slow link never downloads the speech model; their device uploads the take to the sync server and publishes an
 * UploadRecord with `transcribeOn: 'staff-device'` in the stage document. A host's or interviewer's device that
 * already has the model downloads each such take, checks it against the uploaded size and SHA-256, transcribes it
 * and writes the transcript back with `processedOn: 'staff-device'`. The staff scoring loop (score-answers.ts)
 * then scores it like any other transcript.
 *
 * Where the transcript goes: the stage document when this device may write it (host), so the guest's device sees
 * it too; otherwise (interviewer, read-only on the stage) the assessment document, from which the sync server (and any
 * host's device) copies it to the stage document (src/sync/relay-staff-transcripts.ts).
 *
 * One answer failing (audio not downloadable, damaged, silent) is reported with its reason and the rest go on;
 * the caller retries failures later. Audio is never deleted: the server and the guest's device keep it.
 *
 * No DOM and no worker here: the ASR client and the audio fetcher are passed in (the browser worker and
 * fetchRecordingAudio in the app, the same client over a Node worker thread in tests).
 */
import type * as Y from 'yjs';
import type { AsrClient } from '../../worker/asr/client';
import type { ModelEntry } from '../../worker/asr/model-manifest';
import type { Transcript } from '../../worker/asr/protocol';
import { couldNotTranscribe } from '../speech-model/asr-failure';
import { sha256Hex } from '../domain/sha256';
import { readStageState } from '../sync/stage-doc';
import { claimedElsewhere, claimTranscription, releaseClaim } from '../sync/transcription-claims';
import {
  pendingStaffTranscriptions,
  publishStaffTranscript,
  publishTranscript,
  readStaffTranscripts,
  readTranscript,
  type TranscriptRecord,
  type UploadRecord,
} from '../sync/answer-results';

export type AsrClientLike = Pick<AsrClient, 'load' | 'transcribeRecording'>;

export type StaffTranscriptionPhase = 'downloading' | 'loading-model' | 'transcribing' | 'done' | 'failed';

export interface StaffTranscriptionProgress {
  recordingId: string;
  questionId: string;
  phase: StaffTranscriptionPhase;
  /** 0..1 within the phase where it is known (windows transcribed), else null. */
  fraction: number | null;
  detail: string;
}

export interface StaffTranscriptionFailure {
  recordingId: string;
  questionId: string;
  reason: string;
  /** Whether trying again later can help (the network, a busy device) or the take itself is the problem. */
  retryable: boolean;
}

export interface TranscribeQueuedInput {
  stageDoc: Y.Doc;
  /** Needed when writeTo is 'assessment'; also read so takes an interviewer already transcribed are skipped. */
  assessmentDoc?: Y.Doc | null;
  writeTo: 'stage' | 'assessment';
  /** The complete uploaded audio of a take (fetchRecordingAudio with this device's token in the app). */
  fetchAudio: (recordingId: string, signal: AbortSignal) => Promise<Blob>;
  asr: AsrClientLike;
  model: ModelEntry;
  manifestUrl: string;
  now?: () => number;
  signal?: AbortSignal;
  onProgress?: (progress: StaffTranscriptionProgress) => void;
  /** Takes to leave for now (e.g. failed ones waiting for their retry time). */
  skip?: (recordingId: string) => boolean;
  /**
   * Who this device is, to claim each take in the assessment document before working on it so other staff devices leave
   * it alone (src/sync/transcription-claims.ts); takes another device claimed are skipped. Needs assessmentDoc.
   */
  claimAs?: { by: string; device: string };
  /** Decodes on the calling thread where the worker cannot (browsers without WebCodecs). */
  fallbackDecode?: (bytes: ArrayBuffer) => Promise<{ samples: Float32Array; sampleRate: number }>;
}

export interface TranscribeQueuedReport {
  transcribed: string[];
  failed: StaffTranscriptionFailure[];
  /** Takes the guest recorded again since: the current take is the one that counts. */
  superseded: string[];
  /** Takes another staff device is working on. */
  elsewhere: Array<{ recordingId: string; by: string }>;
}

/** An error from fetching the audio, with the HTTP status where the server answered. */
function httpStatusOf(err: unknown): number | null {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

function describeFetchFailure(err: unknown): { reason: string; retryable: boolean } {
  const message = err instanceof Error ? err.message : String(err);
  const status = httpStatusOf(err);
  if (status === 404) return { reason: `the server has no audio for this answer (${message})`, retryable: false };
  if (status === 401 || status === 403) return { reason: `this device may not download the answer's audio (${message})`, retryable: false };
  return { reason: `could not download the answer's audio: ${message}`, retryable: true };
}

class TakeProblem extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The downloaded bytes must be the take the guest uploaded: same size and SHA-256 as its record. */
async function checkedAudio(upload: UploadRecord, blob: Blob): Promise<Blob> {
  const bytes = await blob.arrayBuffer();
  if (bytes.byteLength !== upload.bytes) throw new TakeProblem(`the downloaded audio has ${bytes.byteLength} bytes, the upload had ${upload.bytes}`, true);
  if ((await sha256Hex(bytes)) !== upload.sha256) throw new TakeProblem('the downloaded audio does not match the uploaded checksum', true);
  return new Blob([bytes], { type: blob.type || upload.mimeType });
}

function toRecord(upload: UploadRecord, t: Transcript, at: number): TranscriptRecord {
  return {
    recordingId: upload.recordingId,
    questionId: upload.questionId,
    text: t.text.trim(),
    segments: t.segments.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    durationSec: t.durationSeconds,
    processedOn: 'staff-device',
    model: t.modelId,
    backend: t.backend,
    at,
  };
}

/** Whether the guest has recorded this question again since the take was uploaded. */
function isSuperseded(stageDoc: Y.Doc, upload: UploadRecord): boolean {
  const answer = readStageState(stageDoc)?.answers.find((a) => a.questionId === upload.questionId);
  return !!answer && answer.recordingId !== null && answer.recordingId !== upload.recordingId;
}

export async function transcribeQueuedAnswers(input: TranscribeQueuedInput): Promise<TranscribeQueuedReport> {
  const now = input.now ?? (() => Date.now());
  const signal = input.signal ?? new AbortController().signal;
  const assessmentDoc = input.assessmentDoc ?? null;
  if (input.writeTo === 'assessment' && !assessmentDoc) throw new Error('an assessment document is needed to keep transcripts this device may not write to the stage');
  const report: TranscribeQueuedReport = { transcribed: [], failed: [], superseded: [], elsewhere: [] };
  const claimAs = assessmentDoc ? input.claimAs : undefined;
  const progress = (upload: UploadRecord, phase: StaffTranscriptionPhase, detail: string, fraction: number | null = null) =>
    input.onProgress?.({ recordingId: upload.recordingId, questionId: upload.questionId, phase, fraction, detail });

  for (const upload of pendingStaffTranscriptions(input.stageDoc, assessmentDoc)) {
    signal.throwIfAborted();
    if (input.skip?.(upload.recordingId)) continue;
    if (isSuperseded(input.stageDoc, upload)) {
      report.superseded.push(upload.recordingId);
      continue;
    }
    if (claimAs) {
      const other = claimedElsewhere(assessmentDoc!, upload.recordingId, claimAs.device, now());
      if (other) {
        report.elsewhere.push({ recordingId: upload.recordingId, by: other.by });
        continue;
      }
      claimTranscription(assessmentDoc!, { recordingId: upload.recordingId, by: claimAs.by, device: claimAs.device, at: now() });
    }
    const fail = (reason: string, retryable: boolean) => {
      report.failed.push({ recordingId: upload.recordingId, questionId: upload.questionId, reason, retryable });
      progress(upload, 'failed', reason);
      if (claimAs) releaseClaim(assessmentDoc!, upload.recordingId, claimAs.device);
    };

    progress(upload, 'downloading', 'downloading the recording');
    let audio: Blob;
    try {
      audio = await checkedAudio(upload, await input.fetchAudio(upload.recordingId, signal));
    } catch (err) {
      if (signal.aborted) {
        if (claimAs) releaseClaim(assessmentDoc!, upload.recordingId, claimAs.device);
        throw err;
      }
      const { reason, retryable } = err instanceof TakeProblem ? { reason: err.message, retryable: err.retryable } : describeFetchFailure(err);
      fail(reason, retryable);
      continue;
    }

    try {
      progress(upload, 'loading-model', `loading ${input.model.id}`);
      // The dtype the model manager downloads, so the cached files are used as stored.
      await input.asr.load({ modelId: input.model.id, manifestUrl: input.manifestUrl, dtype: input.model.defaultDtype });
      progress(upload, 'transcribing', 'transcribing', 0);
      const transcript = await input.asr.transcribeRecording(
        audio,
        { timestamps: 'segment' },
        {
          signal,
          onPartial: (p) => progress(upload, 'transcribing', `transcribing (part ${p.window + 1} of ${p.windows})`, p.windows > 0 ? (p.window + 1) / p.windows : null),
          ...(input.fallbackDecode ? { fallbackDecode: input.fallbackDecode } : {}),
        },
      );
      // Another staff device may have finished the same take meanwhile: either transcript is right; keep the first.
      if (readTranscript(input.stageDoc, upload.recordingId) || (assessmentDoc && readStaffTranscripts(assessmentDoc).some((t) => t.recordingId === upload.recordingId))) {
        progress(upload, 'done', 'transcribed on another staff device', 1);
        continue;
      }
      const record = toRecord(upload, transcript, now());
      if (input.writeTo === 'stage') publishTranscript(input.stageDoc, record);
      else publishStaffTranscript(assessmentDoc!, record);
      report.transcribed.push(upload.recordingId);
      progress(upload, 'done', `transcribed on this device (${transcript.modelId}, ${transcript.backend})`, 1);
    } catch (err) {
      if (signal.aborted) {
        if (claimAs) releaseClaim(assessmentDoc!, upload.recordingId, claimAs.device);
        throw err;
      }
      const { detail, retryable } = couldNotTranscribe(err);
      // Silence or a damaged take reads the same however often it is tried.
      const code = (err as { code?: unknown } | null)?.code;
      fail(detail, retryable && code !== 'no-speech' && code !== 'corrupt-audio' && code !== 'empty-audio');
    }
  }
  return report;
}
