/**
 * The guest device's memory of each upload (IndexedDB `kv` rows
 * `upload:<recordingId>`), so the UI can show "uploaded", "waiting for the
 * network" or a failure after a reload, before the server has been asked.
 */
import { appDb, type InterqDatabase } from '../storage/db';
import { UPLOAD_STATUS_KEY_PREFIX, uploadStatusKey, type UploadStatus } from './protocol';

export async function saveUploadStatus(status: UploadStatus, db: InterqDatabase = appDb()): Promise<void> {
  await db.kv.put({ key: uploadStatusKey(status.recordingId), value: status });
}

export async function readUploadStatus(recordingId: string, db: InterqDatabase = appDb()): Promise<UploadStatus | null> {
  const row = await db.kv.get(uploadStatusKey(recordingId));
  return (row?.value as UploadStatus | undefined) ?? null;
}

/** Every remembered upload of one interview, oldest first. */
export async function listUploadStatuses(interviewId: string, db: InterqDatabase = appDb()): Promise<UploadStatus[]> {
  const rows = await db.kv.where('key').startsWith(UPLOAD_STATUS_KEY_PREFIX).toArray();
  return rows
    .map((r) => r.value as UploadStatus)
    .filter((s) => s.interviewId === interviewId)
    .sort((a, b) => a.at - b.at);
}
