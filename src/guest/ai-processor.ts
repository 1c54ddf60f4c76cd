/**
 * The guest's answer processor: decides where each recorded answer is transcribed and, when it is this device,
 * runs Whisper in the ASR worker and shares the transcript with staff.
 *
 * Where (worker/asr/placement.ts): here when the model is already cached, when the connection is fast enough to
 * fetch it, or when the host requires it; otherwise the answer is marked "queued for a staff device": the upload
 * queue (src/upload) sends the take to the sync server and its UploadRecord says `transcribeOn: 'staff-device'`
 * (transcribeOnFor), a host's or interviewer's device transcribes it (src/staff-ai/transcribe-queued.ts), and when
 * that transcript reaches the stage document this device shows it and says where it was processed
 * (followStaffTranscripts). The guest never scores: the rubric is in the staff-only key document, so staff devices
 * score the published transcript.
 *
 * How: the recording is assembled from IndexedDB, decoded and resampled to 16 kHz in the worker (WebCodecs; the
 * page decodes only where the worker cannot), transcribed, saved with saveTranscript (by the processing queue) and
 * published to the stage document (src/sync/answer-results.ts). The worker and transformers.js are imported
 * lazily, so none of it is in the guest's first load.
 *
 * Failures never lose audio: a clear "could not transcribe: …" on the answer (kv `ai-status:<recordingId>`),
 * retried by the queue where retrying can help, and a Retry button for the guest after that.
 */
import type * as Y from 'yjs';
import { canTranscribeLocally } from '../../worker/asr/placement';
import type { AsrClient } from '../../worker/asr/client';
import { findModel, type ModelEntry, type ModelManifest } from '../../worker/asr/model-manifest';
import { parseManifest } from '../../worker/asr/model-manifest';
import type { Transcript } from '../../worker/asr/protocol';
import { couldNotTranscribe, describeModelFailure } from '../speech-model/asr-failure';
import { fetchManifest, manifestUrl, modelCacheState, openModelCache, preferredModelId, serverHasModelFiles, type ModelCacheState } from '../speech-model/model-library';
import { browserNavigatorFacts, describePlacement, placementInputFor, type NavigatorFacts } from '../speech-model/placement-input';
import { appDb, type InterqDatabase } from '../storage/db';
import { assembleRecording } from '../storage/recordings';
import { observeTranscripts, publishTranscript, publishUpload, readTranscriptionPolicy, readTranscripts, readUpload, type ProcessedOn, type TranscriptRecord } from '../sync/answer-results';
import type { AnswerProcessingJob, AnswerProcessingResult, AnswerProcessor } from './processing-queue';
import { loadTranscript, saveTranscript, type TranscriptInput } from './transcripts';

export type AiAnswerState = 'deciding' | 'transcribing' | 'transcribed' | 'queued-staff' | 'failed';

/** What the guest's screen shows on an answer: where it was processed, or why it could not be. */
export interface AiAnswerStatus {
  recordingId: string;
  interviewId: string;
  questionId: string;
  state: AiAnswerState;
  detail: string;
  processedOn: 'guest-device' | 'staff-device' | null;
  model: string | null;
  backend: string | null;
  /** A failure the guest can retry (the recording is kept either way). */
  retryable: boolean;
  at: number;
}

export function aiStatusKey(recordingId: string): string {
  return `ai-status:${recordingId}`;
}

export async function loadAiStatus(recordingId: string, db: InterqDatabase = appDb()): Promise<AiAnswerStatus | null> {
  const row = await db.kv.get(aiStatusKey(recordingId));
  return (row?.value as AiAnswerStatus | undefined) ?? null;
}

/** The slice of the ASR client this module uses (tests pass the real client over a Node worker thread). */
export type AsrClientLike = Pick<AsrClient, 'load' | 'transcribeRecording'>;

export interface GuestAiDeps {
  /** The interview's stage document, once open. */
  stageDoc: () => Y.Doc | null;
  db?: InterqDatabase;
  /** The ASR client; by default the browser worker, created on first use. */
  asr?: () => Promise<AsrClientLike>;
  manifest?: () => Promise<ModelManifest>;
  manifestUrl?: string;
  cacheState?: (model: ModelEntry) => Promise<ModelCacheState>;
  /** Whether the server has the model's files (a missing install is found before any worker starts). */
  serverHasModel?: (model: ModelEntry) => Promise<boolean>;
  navigator?: () => NavigatorFacts;
  now?: () => number;
}

/** The guest's status when the server has no speech model (a new install still fetching it, or one that cannot). */
export const NO_SERVER_MODEL = 'no speech model on the server';

let browserAsr: Promise<AsrClient> | null = null;

/** One ASR worker for the page, started on the first local transcription. */
function defaultAsr(): Promise<AsrClient> {
  browserAsr ??= import('../../worker/asr/create-client').then((m) => m.createAsrClient());
  return browserAsr;
}

/** The manifest from the network, or the copy the worker stored in the model cache (offline with a cached model). */
async function defaultManifest(url: string): Promise<ModelManifest> {
  try {
    return await fetchManifest(url);
  } catch (err) {
    const cached = await (await openModelCache()).match(url);
    if (cached) return parseManifest(await cached.json());
    throw err;
  }
}

/** Decodes on the page where the worker cannot (no WebCodecs); decodeAudioData runs off the main thread. */
async function decodeOnPage(bytes: ArrayBuffer): Promise<{ samples: Float32Array; sampleRate: number }> {
  const ctx = new OfflineAudioContext(1, 1, 16000);
  const buffer = await ctx.decodeAudioData(bytes.slice(0));
  return { samples: buffer.getChannelData(0), sampleRate: buffer.sampleRate };
}

function toTranscriptInput(t: Transcript, model: string): TranscriptInput {
  return {
    text: t.text.trim(),
    segments: t.segments.map((s) => ({ startMs: Math.round(s.start * 1000), endMs: Math.round(s.end * 1000), text: s.text })),
    source: model,
  };
}

const RECORDING_PROBLEMS = new Set(['empty-audio', 'no-speech', 'corrupt-audio']);

function isAboutTheRecording(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RECORDING_PROBLEMS.has(code);
}

export interface GuestAi {
  processor: AnswerProcessor;
  /** Runs transcription again for an answer whose processing failed (the Retry button). */
  retry(recordingId: string): Promise<AiAnswerStatus | null>;
}

let active: GuestAi | null = null;

/** The processor registered on this page, for the Retry button. */
export function activeGuestAi(): GuestAi | null {
  return active;
}

type JobFacts = Pick<AnswerProcessingJob, 'interviewId' | 'questionId' | 'recordingId' | 'loadAudio' | 'signal'>;

export function createGuestAi(deps: GuestAiDeps): GuestAi {
  const db = deps.db ?? appDb();
  const now = deps.now ?? (() => Date.now());
  const url = deps.manifestUrl ?? manifestUrl();
  const asr = deps.asr ?? defaultAsr;
  const getManifest = deps.manifest ?? (() => defaultManifest(url));
  const cacheState = deps.cacheState ?? ((m: ModelEntry) => modelCacheState(m, url));
  const serverHas = deps.serverHasModel ?? ((m: ModelEntry) => serverHasModelFiles(m, url));
  const nav = deps.navigator ?? browserNavigatorFacts;

  const setStatus = async (job: JobFacts, patch: Omit<AiAnswerStatus, 'recordingId' | 'interviewId' | 'questionId' | 'at'>): Promise<AiAnswerStatus> => {
    const status: AiAnswerStatus = { recordingId: job.recordingId, interviewId: job.interviewId, questionId: job.questionId, ...patch, at: now() };
    await db.kv.put({ key: aiStatusKey(job.recordingId), value: status });
    return status;
  };

  const queuedForStaff = async (job: JobFacts, why: string): Promise<AnswerProcessingResult> => {
    const detail = `queued for a staff device: ${why}`;
    await setStatus(job, { state: 'queued-staff', detail, processedOn: 'staff-device', model: null, backend: null, retryable: false });
    // The take may have finished uploading before this decision (a fast upload, a retry after a failure): its
    // record must ask staff for it now.
    const doc = deps.stageDoc();
    const upload = doc ? readUpload(doc, job.recordingId) : null;
    if (doc && upload && upload.transcribeOn !== 'staff-device') publishUpload(doc, { ...upload, transcribeOn: 'staff-device', at: now() });
    return { outcome: 'ok', transcript: null, detail };
  };

  /** Transcribes here; returns the transcript, or throws what the worker reported. */
  const transcribeHere = async (job: JobFacts, model: ModelEntry): Promise<{ input: TranscriptInput; transcript: Transcript }> => {
    await setStatus(job, { state: 'transcribing', detail: 'transcribing on this device', processedOn: 'guest-device', model: model.id, backend: null, retryable: false });
    const audio = await job.loadAudio();
    const client = await asr();
    // The dtype the model manager downloads, so a cached model is used as stored (WebGPU would otherwise pick fp32).
    await client.load({ modelId: model.id, manifestUrl: url, dtype: model.defaultDtype });
    const transcript = await client.transcribeRecording(audio, { timestamps: 'segment' }, { signal: job.signal, fallbackDecode: decodeOnPage });
    const input = toTranscriptInput(transcript, model.id);
    const doc = deps.stageDoc();
    if (doc) {
      publishTranscript(doc, {
        recordingId: job.recordingId,
        questionId: job.questionId,
        text: input.text,
        segments: transcript.segments.map((s) => ({ start: s.start, end: s.end, text: s.text })),
        durationSec: transcript.durationSeconds,
        processedOn: 'guest-device',
        model: transcript.modelId,
        backend: transcript.backend,
        at: now(),
      });
    }
    await setStatus(job, {
      state: 'transcribed',
      detail: `transcribed on this device (${transcript.modelId}, ${transcript.backend})`,
      processedOn: 'guest-device',
      model: transcript.modelId,
      backend: transcript.backend,
      retryable: false,
    });
    return { input, transcript };
  };

  const chooseModel = async (): Promise<ModelEntry> => {
    const manifest = await getManifest();
    const policy = readTranscriptionPolicy(deps.stageDoc());
    return findModel(manifest, policy.modelId ?? preferredModelId(manifest));
  };

  const failed = async (job: JobFacts, model: ModelEntry | null, err: unknown): Promise<{ detail: string; retryable: boolean }> => {
    const { detail, retryable: workerRetryable } = couldNotTranscribe(err);
    // Silence or a damaged recording will read the same however often it is tried: recording again is the remedy.
    const retryable = workerRetryable && !isAboutTheRecording(err);
    await setStatus(job, { state: 'failed', detail, processedOn: 'guest-device', model: model?.id ?? null, backend: null, retryable });
    return { detail, retryable };
  };

  const processor: AnswerProcessor = async (job) => {
    await setStatus(job, { state: 'deciding', detail: 'deciding where to transcribe', processedOn: null, model: null, backend: null, retryable: false });
    let model: ModelEntry;
    try {
      model = await chooseModel();
    } catch (err) {
      return queuedForStaff(job, `the list of speech models could not be read (${err instanceof Error ? err.message : String(err)})`);
    }
    const policy = readTranscriptionPolicy(deps.stageDoc());
    const state = await cacheState(model);
    const decision = canTranscribeLocally(placementInputFor(policy, state, nav()));
    if (!decision.local) {
      // A model the server does not have cannot be fetched however fast the link: name that, not the connection's
      // speed (on localhost the estimate blamed a "slow" link). The host's choice and the device's limits stay the reason.
      const aboutTheLink = decision.reason === 'slow-connection' || decision.reason === 'unknown-connection';
      if (aboutTheLink && !state.complete && !(await serverHas(model))) return queuedForStaff(job, NO_SERVER_MODEL);
      return queuedForStaff(job, describePlacement(decision));
    }
    if (!state.complete && !(await serverHas(model))) return queuedForStaff(job, NO_SERVER_MODEL);
    try {
      const { input } = await transcribeHere(job, model);
      return { outcome: 'ok', transcript: input, detail: `transcribed on this device (${model.id})` };
    } catch (err) {
      if (job.signal.aborted) throw err;
      if (describeModelFailure(err).kind === 'not-installed') return queuedForStaff(job, NO_SERVER_MODEL);
      const { detail, retryable } = await failed(job, model, err);
      // Retryable failures (crash, out of memory, network) go back to the queue, which tries again shortly.
      if (retryable) throw new Error(detail);
      return { outcome: 'failed', detail };
    }
  };

  const retry = async (recordingId: string): Promise<AiAnswerStatus | null> => {
    const status = await loadAiStatus(recordingId, db);
    if (!status) return null;
    const job: JobFacts = {
      interviewId: status.interviewId,
      questionId: status.questionId,
      recordingId,
      loadAudio: () => assembleRecording(recordingId, db),
      signal: new AbortController().signal,
    };
    let model: ModelEntry | null = null;
    try {
      model = await chooseModel();
      const { input } = await transcribeHere(job, model);
      await saveTranscript({ ...input, recordingId, interviewId: job.interviewId, questionId: job.questionId }, db);
    } catch (err) {
      await failed(job, model, err);
    }
    return loadAiStatus(recordingId, db);
  };

  const ai: GuestAi = { processor, retry };
  return ai;
}

/**
 * Where the upload record of a take says it is transcribed: on a staff device when this device queued it for
 * staff (or a staff device already did it), otherwise here. Read by the upload queue's onUploaded wiring.
 */
export async function transcribeOnFor(recordingId: string, db: InterqDatabase = appDb()): Promise<ProcessedOn> {
  const status = await loadAiStatus(recordingId, db);
  return status && (status.state === 'queued-staff' || (status.state === 'transcribed' && status.processedOn === 'staff-device')) ? 'staff-device' : 'guest-device';
}

/**
 * Takes this device queued for staff whose transcript a staff device has published to the stage document: stores
 * the transcript here (the guest sees it like one made here) and marks the answer "Processed on a staff device".
 * Returns the recording ids it updated.
 */
export async function takeStaffTranscripts(stageDoc: Y.Doc, db: InterqDatabase = appDb(), now: () => number = () => Date.now()): Promise<string[]> {
  const updated: string[] = [];
  for (const t of readTranscripts(stageDoc)) {
    if (t.processedOn !== 'staff-device') continue;
    const status = await loadAiStatus(t.recordingId, db);
    if (!status || status.state !== 'queued-staff') continue;
    await storeStaffTranscript(t, status, db, now);
    updated.push(t.recordingId);
  }
  return updated;
}

async function storeStaffTranscript(t: TranscriptRecord, status: AiAnswerStatus, db: InterqDatabase, now: () => number): Promise<void> {
  if (!(await loadTranscript(t.recordingId, db))) {
    const segments = t.segments.map((s) => ({ startMs: Math.round(s.start * 1000), endMs: Math.round(s.end * 1000), text: s.text }));
    await saveTranscript({ recordingId: t.recordingId, interviewId: status.interviewId, questionId: status.questionId, text: t.text, segments, source: t.model }, db, now());
  }
  const next: AiAnswerStatus = {
    ...status,
    state: 'transcribed',
    detail: `transcribed on a staff device (${t.model}, ${t.backend})`,
    processedOn: 'staff-device',
    model: t.model,
    backend: t.backend,
    retryable: false,
    at: now(),
  };
  await db.kv.put({ key: aiStatusKey(t.recordingId), value: next });
}

/** Keeps takeStaffTranscripts running while the guest screens are open; returns the function that stops it. */
export function followStaffTranscripts(stageDoc: Y.Doc, db: InterqDatabase = appDb(), now: () => number = () => Date.now()): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const check = () => {
    running = running.then(() => takeStaffTranscripts(stageDoc, db, now)).catch((err: unknown) => console.error('Reading a staff device transcript failed', err));
  };
  check();
  return observeTranscripts(stageDoc, check);
}

/** Creates the guest's processor and makes it the page's active one (for Retry). */
export function createGuestAiProcessor(deps: GuestAiDeps): AnswerProcessor {
  const ai = createGuestAi(deps);
  active = ai;
  return ai.processor;
}
