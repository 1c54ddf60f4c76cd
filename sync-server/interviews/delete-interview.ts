/**
 * Deleting an interview from the server: its Yjs documents (every `<id>.<kind>`), its answer recordings with their
 * bytes, its invites (revoked first, so every guest and staff link stops working at once, uploads included), and
 * its row in the host's list. The id stays in `deleted_interviews` with who deleted it, when and what went: a
 * device that still holds the documents offline would otherwise bring them back on its next sync, so the sync
 * server refuses them (410) from then on.
 *
 * The one deletion path: the host's DELETE /api/interviews/<id> and the dashboard's DELETE
 * /api/admin/candidates/<id> both call it. Everything happens synchronously, in one SQLite transaction, then the
 * read models forget the interview and the loaded documents are dropped from memory and their sockets closed,
 * before anything else can run.
 */
import type { Db } from '../db/open';
import type { Logger } from '../log';
import type { CollabServer } from '../collab/collab-server';
import type { InterviewDeletion } from '../../src/domain/interview-deletion';

export class InterviewNotFoundError extends Error {
  override name = 'InterviewNotFoundError';
}

export interface DeleteInterviewDeps {
  db: Db;
  /** Only the two parts deletion needs, so a caller without a running sync server can pass its own. */
  collab: Pick<CollabServer, 'evictInterview' | 'revoke'>;
  /** The read models built from the documents (the dashboard's projector): they forget the interview at once. */
  readModels: { forgetInterview(interviewId: string): void };
  log: Logger;
}

/** Whether an interview id was deleted; cached in memory, since the sync server asks on every upgrade. */
export function deletedInterviews(db: Db): { has(interviewId: string): boolean; note(interviewId: string): void } {
  const known = new Set((db.prepare('SELECT id FROM deleted_interviews').all() as { id: string }[]).map((r) => r.id));
  return { has: (id) => known.has(id), note: (id) => void known.add(id) };
}

type Summary = Omit<InterviewDeletion, 'interviewId' | 'deletedAt' | 'deletedBy' | 'alreadyDeleted'>;

/**
 * Deletes everything the server holds about one interview. Throws InterviewNotFoundError when the server never
 * held anything of it; deleting it again returns the first deletion's record with `alreadyDeleted: true`.
 * `deleted` is the same registry the sync server was given, so it refuses the documents from now on.
 */
export function deleteInterview(
  deps: DeleteInterviewDeps,
  deleted: ReturnType<typeof deletedInterviews>,
  interviewId: string,
  deletedBy: string,
  now = Date.now(),
): InterviewDeletion {
  const { db } = deps;
  const earlier = db.prepare('SELECT deleted_at AS deletedAt, deleted_by AS deletedBy, summary FROM deleted_interviews WHERE id = ?').get(interviewId) as
    | { deletedAt: number; deletedBy: string; summary: string }
    | undefined;
  if (earlier) {
    return { interviewId, deletedAt: earlier.deletedAt, deletedBy: earlier.deletedBy, ...(JSON.parse(earlier.summary) as Summary), alreadyDeleted: true };
  }

  // Document names are `<id>.<kind>` and ids are [a-z0-9-], so a prefix match on "<id>." is exact.
  const prefix = `${interviewId}.`;
  const docsOf = 'substr(doc, 1, @len) = @prefix';
  const removeAll = db.transaction(() => {
    const documents = (
      db.prepare(`SELECT COUNT(*) AS n FROM (SELECT doc FROM yjs_updates WHERE ${docsOf} UNION SELECT doc FROM yjs_snapshots WHERE ${docsOf})`).get({ len: prefix.length, prefix }) as {
        n: number;
      }
    ).n;
    const recordings = db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(received_bytes), 0) AS bytes FROM recordings WHERE interview_id = ?').get(interviewId) as {
      n: number;
      bytes: number;
    };
    const invites = (db.prepare('SELECT jti FROM invites WHERE interview_id = ?').all(interviewId) as { jti: string }[]).map((r) => r.jti);
    const indexed = db.prepare('SELECT 1 FROM interviews WHERE id = ?').get(interviewId) !== undefined;
    if (documents === 0 && recordings.n === 0 && invites.length === 0 && !indexed) return null;

    db.prepare(`DELETE FROM yjs_updates WHERE ${docsOf}`).run({ len: prefix.length, prefix });
    db.prepare(`DELETE FROM yjs_snapshots WHERE ${docsOf}`).run({ len: prefix.length, prefix });
    db.prepare(`DELETE FROM yjs_client_owners WHERE ${docsOf}`).run({ len: prefix.length, prefix });
    // Watermarks go now so a later interview of the same id cannot inherit them; the read models' rows go right
    // after the transaction (readModels.forgetInterview), so the dashboard never lists a deleted candidate.
    db.prepare(`DELETE FROM projection_watermarks WHERE ${docsOf}`).run({ len: prefix.length, prefix });
    db.prepare('DELETE FROM recording_parts WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM recordings WHERE interview_id = ?').run(interviewId);
    const revoke = db.prepare('INSERT OR IGNORE INTO revoked_tokens (jti, revoked_at) VALUES (?, ?)');
    for (const jti of invites) revoke.run(jti, now);
    db.prepare('DELETE FROM invites WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM interviews WHERE id = ?').run(interviewId);
    // The wrap-up's status and syntheses quote the candidate's answers: they go too.
    db.prepare('DELETE FROM syntheses WHERE interview_id = ?').run(interviewId);
    db.prepare('DELETE FROM interview_status WHERE interview_id = ?').run(interviewId);
    const summary: Omit<Summary, 'connectionsClosed'> = { documents, recordings: recordings.n, recordingBytes: recordings.bytes, invitesRevoked: invites.length };
    db.prepare('INSERT INTO deleted_interviews (id, deleted_at, deleted_by, summary) VALUES (?, ?, ?, ?)').run(
      interviewId,
      now,
      deletedBy,
      JSON.stringify({ ...summary, connectionsClosed: 0 }),
    );
    return { summary, invites };
  });

  const removed = removeAll();
  if (!removed) throw new InterviewNotFoundError(`This server holds nothing of interview ${interviewId}.`);
  // Same tick as the transaction: no debounced write of a loaded document can run in between and store it anew.
  deleted.note(interviewId);
  deps.readModels.forgetInterview(interviewId);
  const evicted = deps.collab.evictInterview(interviewId);
  // Closes sockets opened with those links on other documents too (revoke() also keeps them refused in memory).
  for (const jti of removed.invites) deps.collab.revoke(jti);
  db.prepare("UPDATE deleted_interviews SET summary = json_set(summary, '$.connectionsClosed', ?) WHERE id = ?").run(evicted.connections, interviewId);
  const result: InterviewDeletion = {
    interviewId,
    deletedAt: now,
    deletedBy,
    ...removed.summary,
    connectionsClosed: evicted.connections,
    alreadyDeleted: false,
  };
  deps.log('info', 'Deleted interview', {
    interview: interviewId,
    by: deletedBy,
    documents: result.documents,
    recordings: result.recordings,
    recordingBytes: result.recordingBytes,
    invitesRevoked: result.invitesRevoked,
    connectionsClosed: result.connectionsClosed,
  });
  return result;
}
