/**
 * Runs staff-device transcription (src/staff-ai/transcribe-queued.ts) while the live session is open on a host's
 * or interviewer's device: whenever the stage document gains an uploaded answer the guest's device queued for
 * staff, and this device has a speech model in its cache, the take is downloaded with this device's token,
 * transcribed in the ASR worker and written back. Failed takes are tried again later (backoff for what a retry can
 * fix; only the Retry button for silence or a damaged take). Nothing is downloaded to get the model: a device
 * without it says so, and the ModelManager below the results downloads it (onModelReady re-checks).
 *
 * A host's device also copies transcripts an interviewer's device made (assessment document) to the stage document, as
 * the sync server does, so the guest's device sees them even when the two reconnect while the server is away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AsrClient } from '../../../../worker/asr/client';
import type { ModelEntry } from '../../../../worker/asr/model-manifest';
import { canWrite, parseDocName, type Role } from '../../../domain/access';
import type { DocHandle } from '../../../sync/doc-connection';
import { observeStaffTranscripts, pendingStaffTranscriptions } from '../../../sync/answer-results';
import { relayStaffTranscripts } from '../../../sync/relay-staff-transcripts';
import { transcribeQueuedAnswers, type StaffTranscriptionFailure, type StaffTranscriptionProgress } from '../../../staff-ai/transcribe-queued';
import { fetchRecordingAudio } from '../../../api/recordings-client';
import { fetchManifest, manifestUrl, modelCacheState, preferredModelId, visibleModels } from '../../../speech-model/model-library';
import { canScore } from './use-staff-scoring';
import { serialRunner } from './serial-runner';
import { browserKey } from '../../browser-key';
import { CLAIM_TTL_MS, claimsByOthers, observeClaims } from '../../../sync/transcription-claims';

/** Tells this staff device's claims on queued answers apart from the same person's other devices. */
const DEVICE_KEY = 'interq-staff-device';

export type StaffModelState =
  | { status: 'checking' }
  | { status: 'ready'; model: ModelEntry }
  /** No model of the manifest is complete in this device's cache. */
  | { status: 'missing'; modelId: string }
  | { status: 'unavailable'; detail: string };

export interface StaffFailure extends StaffTranscriptionFailure {
  attempts: number;
  /** When the next automatic try is due; null: only the Retry button (retrying cannot help by itself). */
  nextTryAt: number | null;
}

export interface StaffTranscription {
  /** This role transcribes queued answers (host, interviewer). */
  active: boolean;
  model: StaffModelState;
  /** The take being worked on now, with its phase and progress. */
  running: StaffTranscriptionProgress | null;
  failures: ReadonlyMap<string, StaffFailure>;
  /** Takes waiting for a staff device (uploaded, not transcribed yet). */
  pendingCount: number;
  error: string | null;
  retry(recordingId: string): void;
  /** Re-reads the model cache (after the ModelManager stored a model). */
  recheckModel(): void;
  /** This device's key in transcription claims (to tell its claims from other devices'). */
  device: string;
}

export interface StaffTranscriptionDocs {
  stage: DocHandle | null;
  assessment: DocHandle | null;
}

const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 5 * 60_000;
/** How often a device without the model looks at its cache again while answers wait (the download may finish). */
const MODEL_RECHECK_MS = 15_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** The model to transcribe with: this device's preferred one if it is stored, else any stored one it may use. */
async function storedModel(url: string): Promise<StaffModelState> {
  let manifest;
  try {
    manifest = await fetchManifest(url);
  } catch (err) {
    return { status: 'unavailable', detail: err instanceof Error ? err.message : String(err) };
  }
  const preferred = preferredModelId(manifest);
  const candidates = visibleModels(manifest).sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  for (const m of candidates) {
    if ((await modelCacheState(m, url)).complete) return { status: 'ready', model: m };
  }
  return { status: 'missing', modelId: preferred };
}

/** Decodes on the page where the worker cannot (no WebCodecs); decodeAudioData runs off the main thread. */
async function decodeOnPage(bytes: ArrayBuffer): Promise<{ samples: Float32Array; sampleRate: number }> {
  const ctx = new OfflineAudioContext(1, 1, 16000);
  const buffer = await ctx.decodeAudioData(bytes.slice(0));
  return { samples: buffer.getChannelData(0), sampleRate: buffer.sampleRate };
}

export function useStaffTranscription(docs: StaffTranscriptionDocs, role: Role, token: string, subject: string): StaffTranscription {
  const active = canScore(role);
  const [device] = useState(() => browserKey(DEVICE_KEY));
  const [model, setModel] = useState<StaffModelState>({ status: 'checking' });
  const [running, setRunning] = useState<StaffTranscriptionProgress | null>(null);
  const [failures, setFailures] = useState<ReadonlyMap<string, StaffFailure>>(new Map());
  const [pendingCount, setPendingCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [modelCheck, setModelCheck] = useState(0);
  const failuresRef = useRef(new Map<string, StaffFailure>());
  const kick = useRef<() => void>(() => undefined);
  const { stage, assessment } = docs;

  // Which model this device has, re-read when asked and, while answers wait without one, now and then.
  useEffect(() => {
    if (!active) return;
    let alive = true;
    void storedModel(manifestUrl()).then((m) => alive && setModel(m));
    return () => {
      alive = false;
    };
  }, [active, modelCheck]);
  useEffect(() => {
    if (!active || model.status === 'ready' || model.status === 'checking' || pendingCount === 0) return;
    const t = setTimeout(() => setModelCheck((n) => n + 1), MODEL_RECHECK_MS);
    return () => clearTimeout(t);
  }, [active, model, pendingCount]);

  // Keyed by id: a re-check that finds the same model must not restart the worker.
  const readyModelId = model.status === 'ready' ? model.model.id : null;
  const readyModelRef = useRef<ModelEntry | null>(null);
  readyModelRef.current = model.status === 'ready' ? model.model : null;
  useEffect(() => {
    if (!active || !stage || !assessment) return;
    const interviewId = parseDocName(stage.name)?.interviewId;
    if (!interviewId) return;
    const writeTo = canWrite(role, 'stage') ? 'stage' : 'assessment';
    const controller = new AbortController();
    let asr: AsrClient | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let claimTimer: ReturnType<typeof setTimeout> | null = null;

    const publishFailures = () => setFailures(new Map(failuresRef.current));
    const transcribe = async () => {
      try {
        if (writeTo === 'stage') relayStaffTranscripts(stage.doc, assessment.doc);
        const pending = pendingStaffTranscriptions(stage.doc, assessment.doc);
        setPendingCount(pending.length);
        // Forget failures of takes that are done (another device transcribed them).
        const pendingIds = new Set(pending.map((u) => u.recordingId));
        for (const id of [...failuresRef.current.keys()]) if (!pendingIds.has(id)) failuresRef.current.delete(id);
        publishFailures();
        const readyModel = readyModelRef.current;
        if (!readyModel || pending.length === 0) return;
        if (!asr) {
          const { createAsrClient } = await import('../../../../worker/asr/create-client');
          if (controller.signal.aborted) return;
          asr = createAsrClient();
        }
        const now = Date.now();
        const report = await transcribeQueuedAnswers({
          stageDoc: stage.doc,
          assessmentDoc: assessment.doc,
          writeTo,
          // transcribeQueuedAnswers checks size and SHA-256 against the upload record itself.
          fetchAudio: (rid, signal) => fetchRecordingAudio(interviewId, rid, token, { signal }),
          asr,
          model: readyModel,
          manifestUrl: manifestUrl(),
          signal: controller.signal,
          onProgress: (p) => setRunning(p.phase === 'done' || p.phase === 'failed' ? null : p),
          skip: (rid) => {
            const f = failuresRef.current.get(rid);
            return !!f && (f.nextTryAt === null || f.nextTryAt > now);
          },
          claimAs: { by: subject, device },
          fallbackDecode: decodeOnPage,
        });
        if (report.elsewhere.length > 0) scheduleAfterClaims();
        for (const id of report.transcribed) failuresRef.current.delete(id);
        for (const f of report.failed) {
          const attempts = (failuresRef.current.get(f.recordingId)?.attempts ?? 0) + 1;
          failuresRef.current.set(f.recordingId, { ...f, attempts, nextTryAt: f.retryable ? Date.now() + retryDelayMs(attempts) : null });
        }
        publishFailures();
        setPendingCount(pendingStaffTranscriptions(stage.doc, assessment.doc).length);
        setError(null);
      } catch (err) {
        if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      } finally {
        setRunning(null);
      }
    };
    // Takes another device claimed become this device's to try when the claim lapses (that device may have gone).
    const scheduleAfterClaims = () => {
      if (claimTimer) clearTimeout(claimTimer);
      const expiries = [...claimsByOthers(assessment.doc, device, Date.now()).values()].map((c) => c.at + CLAIM_TTL_MS);
      if (expiries.length > 0) claimTimer = setTimeout(schedule, Math.max(0, Math.min(...expiries) - Date.now()) + 1000);
    };
    // The earliest automatic retry due, if any.
    const scheduleRetry = () => {
      if (retryTimer) clearTimeout(retryTimer);
      const due = [...failuresRef.current.values()].map((f) => f.nextTryAt).filter((t): t is number => t !== null);
      if (due.length === 0) return;
      retryTimer = setTimeout(schedule, Math.max(0, Math.min(...due) - Date.now()));
    };
    const runner = serialRunner(transcribe, 200, scheduleRetry);
    const schedule = runner.schedule;
    kick.current = schedule;
    stage.doc.on('update', schedule);
    const unwatch = observeStaffTranscripts(assessment.doc, schedule);
    // A claim that lapses or is given back makes its take this device's to try.
    const unwatchClaims = observeClaims(assessment.doc, schedule);
    void Promise.all([stage.whenLocal, assessment.whenLocal]).then(schedule);
    return () => {
      controller.abort();
      runner.stop();
      kick.current = () => undefined;
      if (retryTimer) clearTimeout(retryTimer);
      if (claimTimer) clearTimeout(claimTimer);
      stage.doc.off('update', schedule);
      unwatch();
      unwatchClaims();
      void asr?.dispose();
    };
  }, [active, stage, assessment, role, token, subject, device, readyModelId]);

  const retry = useCallback((recordingId: string) => {
    const f = failuresRef.current.get(recordingId);
    if (!f) return;
    failuresRef.current.set(recordingId, { ...f, nextTryAt: 0 });
    setFailures(new Map(failuresRef.current));
    kick.current();
  }, []);
  const recheckModel = useCallback(() => setModelCheck((n) => n + 1), []);

  return { active, model, running, failures, pendingCount, error, retry, recheckModel, device };
}
