/**
 * Removes everything this device keeps of one interview, after the server deleted it (or when it never reached
 * the server): the plan and credentials in Dexie, the guest's recordings with their audio chunks and the small
 * records about them (AI and upload status, transcripts, drafts, saved stage state), answers rated in it, every
 * Yjs document's own IndexedDB database (y-indexeddb) with its "unsent changes" flag, and answer audio a staff
 * device cached for listening. Left behind, the Yjs copies would try to sync a deleted interview on the next visit.
 */
import { DOC_KINDS, docName } from '../domain/access';
import { closeInterviewDocs } from '../sync/doc-connection';
import { forgetCachedAnswerAudio } from './answer-audio-cache';
import { appDb, type InterqDatabase } from './db';

export interface DeviceDeletion {
  interviewId: string;
  /** The Dexie interview row (the host's plan). */
  plan: boolean;
  recordings: number;
  audioChunks: number;
  /** kv rows: status, transcripts, drafts and saved state of this interview's answers. */
  records: number;
  ratedAnswers: number;
  /** Yjs documents' IndexedDB databases deleted. */
  documents: number;
  /** Answer recordings cached for listening. */
  cachedAudio: number;
}

/** kv keys that belong to one recording (src/guest/ai-processor.ts, src/upload/upload-status.ts, src/guest/transcripts.ts). */
const PER_RECORDING_KEYS = ['ai-status:', 'upload:', 'transcript:'];

export async function forgetInterviewOnDevice(interviewId: string, db: InterqDatabase = appDb()): Promise<DeviceDeletion> {
  // Open documents first: their IndexedDB connections would block deleting their databases.
  await closeInterviewDocs(interviewId);

  const counts = await db.transaction('rw', [db.interviews, db.credentials, db.recordings, db.audioChunks, db.kv, db.ratedAnswers], async () => {
    const plan = (await db.interviews.get(interviewId)) !== undefined;
    await db.interviews.delete(interviewId);
    await db.credentials.delete(interviewId);
    const recordingIds = (await db.recordings.where('interviewId').equals(interviewId).primaryKeys()) as string[];
    const audioChunks = await db.audioChunks.where('recordingId').anyOf(recordingIds).delete();
    await db.recordings.bulkDelete(recordingIds);
    const keys = [
      `stage:${interviewId}`,
      ...recordingIds.flatMap((id) => PER_RECORDING_KEYS.map((prefix) => `${prefix}${id}`)),
    ];
    const prefixed = (await db.kv
      .where('key')
      .startsWithAnyOf(`draft:${interviewId}:`, `stage-unreadable:${interviewId}:`)
      .primaryKeys()) as string[];
    const present = (await db.kv.bulkGet([...keys, ...prefixed])).filter((r) => r !== undefined).length;
    await db.kv.bulkDelete([...keys, ...prefixed]);
    const ratedAnswers = await db.ratedAnswers.where('interviewId').equals(interviewId).delete();
    return { plan, recordings: recordingIds.length, audioChunks, records: present, ratedAnswers };
  });

  let documents = 0;
  for (const kind of DOC_KINDS) {
    const name = docName(interviewId, kind);
    if (await deleteDatabase(`interq-yjs:${name}`)) documents++;
    try {
      window.localStorage.removeItem(`interq-pending:${name}`);
    } catch {
      // Storage blocked (privacy modes): the flag lived in memory only.
    }
  }
  const cachedAudio = await forgetCachedAnswerAudio(interviewId);
  const result: DeviceDeletion = { interviewId, ...counts, documents, cachedAudio };
  // The server logs its side; this line is the device's record of what it removed.
  console.info(`Deleted interview ${interviewId} from this device`, result);
  return result;
}

/** Deletes one IndexedDB database; true when it existed. Never waits forever on a connection left open elsewhere. */
async function deleteDatabase(name: string): Promise<boolean> {
  const existed = typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).some((d) => d.name === name) : true;
  if (!existed) return false;
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    // Another tab still has it open: the deletion completes when that tab closes it; do not hold the host up.
    req.onblocked = () => resolve();
  });
  return true;
}
