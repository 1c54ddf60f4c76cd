/**
 * Deleting an interview from the server: its Yjs documents (every `<id>.<kind>`), its answer recordings with their
 * bytes, its invites (revoked first, so every guest and staff link stops working at once, uploads included), and
 * its row in the host's list. The id stays in `deleted_interviews` with who deleted it, when and what went: a
 * device that still holds the documents offline would otherwise bring them back on its next sync, so the sync
 * server refuses them (410) from then on.
 *
 * The one deletion path: the host's DELETE /api/interviews/<id> and the dashboard's DELETE
 * /api/admin/candidates/<id> both call it. Order matters, because the documents may live in another database
 * (PostgreSQL) reached asynchronously: first the id is marked deleted (no upgrade or load of its documents from
 * then on), the read models forget it and its loaded documents are dropped from memory and their sockets closed;
 * once their writes already in flight have landed, the stored documents are deleted (one transaction in their
 * store), the invites revoked, and the rest goes in one SQLite transaction with the record of the deletion.
 */
import type { Db } from '../db/open';
import type { Logger } from '../log';
import type { CollabServer } from '../collab/collab-server';
import type { DocumentStorage } from '../storage/document-storage';
import { recordSqliteDeletion, type DeletionRecord, type InterviewStore } from '../storage/interview-store';
import type { InviteStore } from '../storage/invite-store';
import type { RecordingStore } from '../uploads/recording-store';
import type { InterviewDeletion } from '../../src/domain/interview-deletion';

export class InterviewNotFoundError extends Error {
  override name = 'InterviewNotFoundError';
}

export interface DeleteInterviewDeps {
  db: Db;
  /** Where the Yjs documents and revocations are stored (SQLite or PostgreSQL). */
  documents: Pick<DocumentStorage, 'interviewDocs' | 'deleteInterviewDocs' | 'revoke'>;
  /** The interview index and the deletion record (SQLite, or PostgreSQL shared by every node). */
  interviews: InterviewStore;
  /** Issued links (SQLite, or PostgreSQL shared by every node). */
  invites: InviteStore;
  /** Answer recordings and their parts (SQLite, or PostgreSQL shared by every node). */
  recordings: Pick<RecordingStore, 'backend' | 'totals' | 'removeFor'>;
  /** The index's writes still on their way (interview-index.ts): awaited before its row is removed. */
  index: { settled(interviewId: string): Promise<void> };
  /** Only the two parts deletion needs, so a caller without a running sync server can pass its own. */
  collab: Pick<CollabServer, 'evictInterview' | 'revoke'>;
  /** The read models built from the documents (the dashboard's projector): they forget the interview at once. */
  readModels: { forgetInterview(interviewId: string): void };
  log: Logger;
}

/**
 * Whether an interview id was deleted: the ids known at start in memory (the sync server asks on every upgrade),
 * and `check` for an id another node may have deleted since (asks the store once it is not known here).
 */
export async function deletedInterviews(store: InterviewStore): Promise<DeletedInterviews> {
  const known = new Set(await store.deletedIds());
  return {
    has: (id) => known.has(id),
    note: (id) => void known.add(id),
    async check(id) {
      if (known.has(id)) return true;
      if (!(await store.deletion(id))) return false;
      known.add(id);
      return true;
    },
    running: new Map(),
  };
}

export interface DeletedInterviews {
  has(interviewId: string): boolean;
  /** `has`, or else the store: true when another node deleted it since this one started. */
  check(interviewId: string): Promise<boolean>;
  note(interviewId: string): void;
  /** Deletions under way: a second request for the same interview waits for the first and gets its record. */
  running: Map<string, Promise<InterviewDeletion>>;
}

type Summary = Omit<InterviewDeletion, 'interviewId' | 'deletedAt' | 'deletedBy' | 'alreadyDeleted'>;

/**
 * Deletes everything the server holds about one interview. Rejects with InterviewNotFoundError when the server never
 * held anything of it; deleting it again returns the first deletion's record with `alreadyDeleted: true`.
 * `deleted` is the same registry the sync server was given, so it refuses the documents from now on.
 * `epoch` (cluster mode): the interview lease epoch the request was admitted under; the shared stores refuse the
 * deletion of the audio and the documents under a stale one (StaleEpochError: another node took the interview over).
 */
export async function deleteInterview(
  deps: DeleteInterviewDeps,
  deleted: DeletedInterviews,
  interviewId: string,
  deletedBy: string,
  epoch?: number,
  now = Date.now(),
): Promise<InterviewDeletion> {
  const running = deleted.running.get(interviewId);
  if (running) return { ...(await running), alreadyDeleted: true };
  const deletion = deleteNow(deps, deleted, interviewId, deletedBy, epoch, now);
  deleted.running.set(interviewId, deletion);
  try {
    return await deletion;
  } finally {
    deleted.running.delete(interviewId);
  }
}

async function deleteNow(
  deps: DeleteInterviewDeps,
  deleted: DeletedInterviews,
  interviewId: string,
  deletedBy: string,
  epoch: number | undefined,
  now: number,
): Promise<InterviewDeletion> {
  const asRecord = (row: DeletionRecord): InterviewDeletion => ({
    interviewId,
    deletedAt: row.deletedAt,
    deletedBy: row.deletedBy,
    ...(JSON.parse(row.summary) as Summary),
    alreadyDeleted: true,
  });
  const before = await deps.interviews.deletion(interviewId);
  if (before) {
    // Shared stores (PostgreSQL): a deletion that stopped halfway (its node died, or was refused for a stale lease
    // epoch after it had recorded the deletion) is finished by the node asked again; every step below is idempotent.
    if (deps.interviews.backend !== 'sqlite') await removeEverything(deps, deleted, interviewId, before, epoch);
    return asRecord(before);
  }

  const documents = (await deps.documents.interviewDocs(interviewId)).length;
  const recordings = await deps.recordings.totals(interviewId);
  const invites = (await deps.invites.listFor(interviewId)).length;
  const indexed = (await deps.interviews.get(interviewId)) !== undefined;
  if (documents === 0 && recordings.recordings === 0 && invites === 0 && !indexed) {
    throw new InterviewNotFoundError(`This server holds nothing of interview ${interviewId}.`);
  }
  const record: DeletionRecord = { id: interviewId, deletedAt: now, deletedBy, summary: '' };
  const connections = await removeEverything(deps, deleted, interviewId, record, epoch, (connectionsClosed) => {
    const summary: Summary = { documents, recordings: recordings.recordings, recordingBytes: recordings.bytes, invitesRevoked: invites, connectionsClosed };
    record.summary = JSON.stringify(summary);
  });
  const result: InterviewDeletion = { interviewId, deletedAt: now, deletedBy, ...(JSON.parse(record.summary) as Summary), alreadyDeleted: false };
  deps.log('info', 'Deleted interview', {
    interview: interviewId,
    by: deletedBy,
    documents: result.documents,
    recordings: result.recordings,
    recordingBytes: result.recordingBytes,
    invitesRevoked: result.invitesRevoked,
    connectionsClosed: connections,
  });
  return result;
}

/**
 * The deletion's steps, in order; `summarize` fills the record's summary once the closed connections are counted
 * (a first deletion), else `record` is the one stored already. Returns the connections closed.
 */
async function removeEverything(
  deps: DeleteInterviewDeps,
  deleted: DeletedInterviews,
  interviewId: string,
  record: DeletionRecord,
  epoch: number | undefined,
  summarize?: (connectionsClosed: number) => void,
): Promise<number> {
  const { db } = deps;
  const invites = (await deps.invites.listFor(interviewId)).map((r) => r.jti);
  // From here no upgrade, load or late edit can bring a document of this interview back into memory.
  deleted.note(interviewId);
  deps.readModels.forgetInterview(interviewId);
  const evicted = deps.collab.evictInterview(interviewId);
  // Closes sockets opened with those links on other documents too (revoke() also keeps them refused in memory).
  for (const jti of invites) deps.collab.revoke(jti);
  summarize?.(evicted.connections);
  await evicted.settled;
  await deps.index.settled(interviewId);
  if (deps.interviews.backend !== 'sqlite') {
    // Shared (PostgreSQL): recorded before the rows go, so no node takes the documents again even if this one stops
    // halfway (the rows left would then be refused, never served, and the next DELETE finishes). Without
    // DATABASE_URL the SQLite transaction below does both.
    await deps.interviews.recordDeletion(record);
    await deps.interviews.remove(interviewId);
  }
  // Revoked first (below, in the document store), then forgotten; with SQLite the transaction below removes them.
  for (const jti of invites) await deps.documents.revoke(jti, record.deletedAt);
  if (deps.invites.backend !== 'sqlite') await deps.invites.removeFor(interviewId);
  // The links are revoked by now, so no upload of this interview is accepted while its audio goes. Under the
  // request's lease epoch: a node that lost the interview meanwhile deletes nothing more (StaleEpochError).
  if (deps.recordings.backend !== 'sqlite') await deps.recordings.removeFor(interviewId, epoch);
  await deps.documents.deleteInterviewDocs(interviewId, epoch);

  db.transaction(() => {
    // Watermarks go now so a later interview of the same id cannot inherit them (the read models forgot its rows above).
    const prefix = `${interviewId}.`;
    db.prepare('DELETE FROM projection_watermarks WHERE substr(doc, 1, @len) = @prefix').run({ len: prefix.length, prefix });
    db.prepare('DELETE FROM recording_parts WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM recordings WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM expired_recordings WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM invites WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM interviews WHERE id = ?').run(interviewId);
    // The wrap-up's status and syntheses quote the candidate's answers: they go too.
    db.prepare('DELETE FROM syntheses WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM interview_status WHERE interview_id = ?').run(interviewId);
    // The record (with PostgreSQL: the node's own copy, which its read models join to leave deleted interviews out).
    recordSqliteDeletion(db, record);
  })();
  return evicted.connections;
}
