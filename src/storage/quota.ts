/** Recognising a full disk, whichever storage API (IndexedDB, Cache Storage) reports it and however it is wrapped. */

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED', 'NS_ERROR_FILE_NO_DEVICE_SPACE']);
/** Legacy DOMException code for QUOTA_EXCEEDED_ERR. */
const QUOTA_CODE = 22;

/**
 * Whether an error is, or wraps, a storage quota error. IndexedDB reports a full
 * disk by aborting the transaction, so the error that reaches us is often an
 * AbortError whose cause sits in Dexie's `inner`, in `cause`, in a transaction's
 * or request's `error`, or among a bulk operation's `failures`.
 */
export function isQuotaExceeded(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 32) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; error?: unknown; failures?: unknown; target?: unknown };
    if (typeof e.name === 'string' && QUOTA_NAMES.has(e.name)) return true;
    if (e.code === QUOTA_CODE && typeof e.name === 'string' && e.name !== 'Error') return true;
    queue.push(e.inner, e.cause, e.error);
    if (Array.isArray(e.failures)) queue.push(...e.failures);
    if (e.failures && typeof e.failures === 'object' && !Array.isArray(e.failures)) queue.push(...Object.values(e.failures));
    if (e.target && typeof e.target === 'object') queue.push((e.target as { error?: unknown }).error);
  }
  return false;
}
