/**
 * A recorded take's bytes on both ends of its upload: the server's stored audio (fetched with the host's token) and
 * the device's copy (its IndexedDB chunks in order), each as a SHA-256, for specs that check an upload arrived whole.
 */
import { createHash } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import type { ServerProcess } from '../../support/server-process';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function serverTakeSha256(server: ServerProcess, interviewId: string, recordingId: string): Promise<string> {
  const res = await fetch(`${server.url}/api/interviews/${interviewId}/recordings/${recordingId}/audio`, { headers: { Authorization: `Bearer ${server.hostToken}` } });
  expect(res.status).toBe(200);
  return sha256(Buffer.from(await res.arrayBuffer()));
}

/** The stored take's bytes as the device holds them (its chunks in order). */
export async function localTakeSha256(page: Page, recordingId: string): Promise<string> {
  const bytes = await page.evaluate(async (rid) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('interq');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const chunks = await new Promise<Array<{ recordingId: string; seq: number; data: Blob }>>((resolve, reject) => {
      const r = db.transaction('audioChunks', 'readonly').objectStore('audioChunks').getAll();
      r.onsuccess = () => resolve(r.result as Array<{ recordingId: string; seq: number; data: Blob }>);
      r.onerror = () => reject(r.error);
    });
    db.close();
    const mine = chunks.filter((c) => c.recordingId === rid).sort((a, b) => a.seq - b.seq);
    return Array.from(new Uint8Array(await new Blob(mine.map((c) => c.data)).arrayBuffer()));
  }, recordingId);
  return sha256(Buffer.from(bytes));
}
