/**
 * Turns what the ASR worker reports into the states people see. A model that is missing on the server comes back
 * from the worker's model store as `model-not-found` (no hub source) or `hub-not-allowed` (a hub source exists but
 * downloading from Hugging Face is off), with `<file url>: HTTP 404` in the detail: that is the "not installed on
 * this server" case, where an administrator has to run `npm run models:fetch`.
 */
import type { AsrErrorInfo } from '../../worker/asr/protocol';

export type ModelFailureKind = 'not-installed' | 'hash-mismatch' | 'quota' | 'offline' | 'out-of-memory' | 'crashed' | 'other';

export interface ModelFailure {
  kind: ModelFailureKind;
  message: string;
  retryable: boolean;
  /** For 'not-installed': the file the server did not have. */
  missingFile: string | null;
}

export const NOT_INSTALLED_MESSAGE =
  'The speech model is not on this server yet: the server fetches it by itself at start when it can reach the model host (progress on /healthz); otherwise its administrator runs npm run models:fetch';

function asInfo(err: unknown): AsrErrorInfo | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as { code?: unknown; message?: unknown; retryable?: unknown; detail?: unknown };
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return null;
  return { code: e.code as AsrErrorInfo['code'], message: e.message, retryable: e.retryable === true, ...(typeof e.detail === 'string' ? { detail: e.detail } : {}) };
}

export function describeModelFailure(err: unknown): ModelFailure {
  const info = asInfo(err);
  if (!info) return { kind: 'other', message: err instanceof Error ? err.message : String(err), retryable: true, missingFile: null };
  const detail = info.detail ?? '';
  if ((info.code === 'model-not-found' || info.code === 'hub-not-allowed') && /HTTP 404/.test(detail)) {
    const url = /^(\S+): HTTP 404/.exec(detail)?.[1] ?? null;
    return { kind: 'not-installed', message: NOT_INSTALLED_MESSAGE, retryable: false, missingFile: url ? new URL(url, 'http://x/').pathname : null };
  }
  if (info.code === 'model-integrity') return { kind: 'hash-mismatch', message: `Download failed: ${info.message}`, retryable: true, missingFile: null };
  if (info.code === 'storage-full') return { kind: 'quota', message: `Download failed: ${info.message}`, retryable: true, missingFile: null };
  if (info.code === 'out-of-memory') return { kind: 'out-of-memory', message: info.message, retryable: true, missingFile: null };
  if (info.code === 'network') return { kind: 'offline', message: `Download failed: ${info.message}`, retryable: true, missingFile: null };
  if (info.code === 'worker-crashed') return { kind: 'crashed', message: info.message, retryable: true, missingFile: null };
  return { kind: 'other', message: info.message, retryable: info.retryable, missingFile: null };
}

/** The line shown on an answer when transcription failed; the recording is always kept. */
export function couldNotTranscribe(err: unknown): { detail: string; retryable: boolean } {
  const f = describeModelFailure(err);
  return { detail: `could not transcribe: ${f.kind === 'not-installed' ? 'no speech model on the server' : f.message}`, retryable: f.retryable };
}
