/**
 * A long answer on the guest's device without minutes of recording: a finished take of random bytes written to
 * the app's IndexedDB the way the recorder leaves one (a `complete` recording row and its audio chunk), then the
 * app's upload queue is woken the way a returning network wakes it. Also reads the queue's status row back.
 * Used by the slow-link e2e and bench:slow-network.
 */
import type { Page } from '@playwright/test';

export async function storeFinishedTake(page: Page, take: { interviewId: string; questionId: string; bytes: number }): Promise<string> {
  return page.evaluate(async ({ interviewId, questionId, bytes }) => {
    const id = `stored-take-${Date.now()}`;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const data = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i += 65536) crypto.getRandomValues(data.subarray(i, Math.min(bytes, i + 65536)));
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['recordings', 'audioChunks'], 'readwrite');
      tx.objectStore('recordings').put({ id, interviewId, questionId, attempt: 1, mimeType: 'audio/webm', startedAt: Date.now() - 60_000, status: 'complete', durationMs: 60_000, bytes });
      tx.objectStore('audioChunks').put({ recordingId: id, seq: 0, endMs: 60_000, data: new Blob([data], { type: 'audio/webm' }) });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    // The queue runs on `online` (as after a dropped connection).
    window.dispatchEvent(new Event('online'));
    return id;
  }, take);
}

/** The upload queue's status row for a take (`kv` row `upload:<id>`), or null before the queue wrote one. */
export async function uploadRow(page: Page, recordingId: string): Promise<{ state: string; sentBytes: number; totalBytes: number } | null> {
  return page.evaluate(async (key) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const row = await new Promise<{ value: { state: string; sentBytes: number; totalBytes: number } } | undefined>((resolve, reject) => {
      const r = db.transaction('kv', 'readonly').objectStore('kv').get(key);
      r.onsuccess = () => resolve(r.result as never);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return row ? { state: row.value.state, sentBytes: row.value.sentBytes, totalBytes: row.value.totalBytes } : null;
  }, `upload:${recordingId}`);
}
