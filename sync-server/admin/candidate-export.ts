/**
 * A candidate's access request: everything the server holds about one
 * candidate interview, as a ZIP: `interview.json` (every document's content,
 * invites issued for it, recordings' metadata, the read model's rows) and
 * `audio/<recording>.<ext>` for each complete recording.
 */
import { DOC_KINDS, docName } from '../../src/domain/access';
import type { Db } from '../db/open';
import type { DocumentStorage } from '../storage/document-storage';
import type { RecordingStore } from '../uploads/recording-store';
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
    results: candidateSummary(db, interviewId) ?? null,
  };
  return zip([{ name: 'interview.json', data: Buffer.from(JSON.stringify(json, null, 2)) }, ...entries]);
}
