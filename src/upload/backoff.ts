import { jitteredBackoffMs } from '../domain/backoff';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Delay before the n-th consecutive upload retry (n ≥ 1): jittered exponential backoff (src/domain/backoff.ts). */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  return jitteredBackoffMs(attempt, options.baseMs, options.maxMs, random());
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
