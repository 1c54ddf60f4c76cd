/**
 * Errors that cross the worker boundary. Whatever fails inside the worker is mapped to an AsrErrorInfo with a stable
 * code, a short sentence the UI can show after "could not transcribe:", and whether retrying can help.
 */
import type { AsrErrorCode, AsrErrorInfo } from './protocol';

export class AsrError extends Error {
  override name = 'AsrError';
  constructor(
    readonly code: AsrErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly detail?: string,
  ) {
    super(message);
  }

  toInfo(): AsrErrorInfo {
    return { code: this.code, message: this.message, retryable: this.retryable, ...(this.detail ? { detail: this.detail } : {}) };
  }

  static fromInfo(info: AsrErrorInfo): AsrError {
    return new AsrError(info.code, info.message, info.retryable, info.detail);
  }
}

const OOM_PATTERNS = [/out of memory/i, /memory access out of bounds/i, /Array buffer allocation failed/i, /allocation failed/i, /RangeError: .*(Invalid typed array length|Array buffer)/i, /bad_alloc/i, /Aborted\(OOM\)/i];

/** Maps anything thrown inside the worker to the protocol's error shape. */
export function toAsrErrorInfo(err: unknown): AsrErrorInfo {
  if (err instanceof AsrError) return err.toInfo();
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (OOM_PATTERNS.some((p) => p.test(text))) {
    return {
      code: 'out-of-memory',
      message: 'the device ran out of memory. Close other apps or tabs, or choose the smaller model, then retry',
      retryable: true,
      detail: text,
    };
  }
  return { code: 'internal', message: 'the speech recogniser failed unexpectedly', retryable: true, detail: text };
}

/** The sentence the UI shows; the recording itself is always kept, so every failure offers a retry where it helps. */
export function describeAsrFailure(info: AsrErrorInfo): { title: string; retryable: boolean } {
  return { title: `could not transcribe: ${info.message}`, retryable: info.retryable };
}
