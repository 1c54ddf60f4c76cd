/**
 * A candidate's access request: everything the server holds about one
 * candidate interview, as a ZIP: `interview.json` (every document's content,
 * invites issued for it, recordings' metadata, the read model's rows) and
 * `audio/<recording>.<ext>` for each complete recording the server still holds. A recording whose audio retention
 * deleted is listed under `expiredRecordings`, each with the sentence saying so: the candidate learns the audio was
 * kept and then deleted, not that it never arrived.
 */
import { DOC_KINDS, docName } from '../../src/domain/access';
import type { Db } from '../db/open';
import type { DocumentStorage } from '../storage/document-storage';
import type { RecordingStore } from '../uploads/recording-store';
import { audioExpiredSentence } from '../uploads/expired-audio';
import { candidateSummary, type OpenDoc } from './candidate-detail';
import { zip, type ZipEntry } from './zip';

export async function exportCandidateZip(
  db: Db,
  storage: Pick<DocumentStorage, 'interviewDocs'>,
  invites: { list(interviewId: string): Promise<unknown[]> },
  openDoc: OpenDoc,
  recordings: RecordingStore,
  interviewId: string,
): Promise<Buffer | null> {
  if ((await storage.interviewDocs(interviewId)).length === 0) return null;
  const documents: Record<string, unknown> = {};
  for (const kind of DOC_KINDS) documents[kind] = (await openDoc(docName(interviewId, kind))).toJSON();
  const recs = await recordings.list(interviewId);
  const entries: ZipEntry[] = [];
  for (const r of recs) {
    if (!r.complete) continue;
    const parts: Buffer[] = [];
    let offset = 0;
    while (offset < r.totalBytes) {
      const part = await recordings.partFrom(interviewId, r.recordingId, offset);
      if (!part || part.offset !== offset) break;
      parts.push(part.data);
      offset += part.data.length;
    }
    const ext = r.mimeType.includes('ogg') ? 'ogg' : r.mimeType.includes('mp4') ? 'm4a' : 'webm';
    entries.push({ name: `audio/${r.recordingId}.${ext}`, data: Buffer.concat(parts) });
  }
  const json = {
    kind: 'interq-candidate-export',
    interviewId,
    exportedAt: new Date().toISOString(),
    documents,
    invites: await invites.list(interviewId),
    recordings: recs,
    expiredRecordings: (await recordings.expired(interviewId)).map((e) => ({
      ...e,
      completedAt: new Date(e.completedAt).toISOString(),
      expiredAt: new Date(e.expiredAt).toISOString(),
      audio: audioExpiredSentence(e),
    })),
    results: candidateSummary(db, interviewId) ?? null,
  };
  return zip([{ name: 'interview.json', data: Buffer.from(JSON.stringify(json, null, 2)) }, ...entries]);
}
