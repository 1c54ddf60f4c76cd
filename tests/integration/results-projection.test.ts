/**
 * The dashboard's results projection (sync-server/admin/results-projection.ts) on a real SQLite file with documents
 * written by the app's own writers: the live path writes only what changed (an unchanged digest writes nothing, a
 * moved count rewrites one row), and after every step, whatever was skipped, its rows equal those of the same
 * documents projected from scratch into an empty database: a rating changed and changed back, a count that returns
 * to an earlier value, a transaction that rolled back, tables dropped and set up again.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName, parseDocName, type DocKind } from '../../src/domain/access';
import { addReaction, postChatMessage, setRating } from '../../src/sync/staff-doc';
import { readSubmissions, submitQuestion } from '../../src/sync/audience-doc';
import { decide } from '../../src/sync/moderation-doc';
import { recordIncident } from '../../src/sync/support-doc';
import { resultsProjection } from '../../sync-server/admin/results-projection';
import { openDatabase, type Db } from '../../sync-server/db/open';
import type { Projection } from '../../sync-server/projections/projection';
import { seedInterview } from '../support/results-seed';
import { tempDir } from '../support/yws-client';

const IID = 'acme-rp-1';
const TABLES = ['admin_digests', 'admin_results', 'admin_answers', 'admin_ratings', 'admin_incidents'];
const host = { by: 'Hana', role: 'host' as const };
const opened: Db[] = [];

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function freshDb(): { db: Db; projection: Projection } {
  const db = openDatabase(path.join(tempDir('interq-results-projection-'), 'interq.sqlite'));
  opened.push(db);
  const projection = resultsProjection();
  projection.setup(db);
  return { db, projection };
}

/** Applies documents as the projector does: in one transaction, ended by endBatch. */
function applyDocs(db: Db, projection: Projection, docs: ReadonlyMap<string, Y.Doc>, names: readonly string[] = [...docs.keys()]): void {
  db.transaction(() => {
    for (const name of names) {
      const parsed = parseDocName(name)!;
      if (!(projection.kinds as readonly string[]).includes(parsed.kind)) continue;
      projection.apply({ name, interviewId: parsed.interviewId, kind: parsed.kind }, docs.get(name)!);
    }
    projection.endBatch?.();
  })();
}

/** Applies one document as the projector does, then the transaction fails after endBatch and rolls back. */
function applyRolledBack(db: Db, projection: Projection, docs: ReadonlyMap<string, Y.Doc>, name: string): void {
  expect(() =>
    db.transaction(() => {
      applyDocs(db, projection, docs, [name]);
      throw new Error('the watermark write failed');
    })(),
  ).toThrow('the watermark write failed');
}

/** Every row of the projection's tables, in a stable order. */
function tableRows(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).raw().all()]));
}

/**
 * The rows the same documents' states give when projected into an empty database, as a rebuild from storage does:
 * from fresh copies, so nothing kept from reading the live documents (digests.ts's parts) is reused.
 */
function fromScratch(docs: ReadonlyMap<string, Y.Doc>): Record<string, unknown[]> {
  const { db, projection } = freshDb();
  const copies = new Map<string, Y.Doc>();
  for (const [name, live] of docs) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
    copies.set(name, copy);
  }
  applyDocs(db, projection, copies);
  return tableRows(db);
}

const changesOf = (db: Db): number => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

async function seeded(): Promise<Map<string, Y.Doc>> {
  const docs = new Map<string, Y.Doc>();
  const open = (name: string) => {
    if (!docs.has(name)) docs.set(name, new Y.Doc());
    return docs.get(name)!;
  };
  await seedInterview(open, {
    interviewId: IID,
    maxQuestions: 4,
    aiScore: (i) => [4, 2, 5, 3][i],
    ratings: [{ questionIndex: 0, by: 'Ivo', role: 'interviewer', score: 4, note: 'clear' }],
    reactions: 2,
    chat: 2,
    audience: 2,
    approved: 1,
    micFailure: true,
  });
  return docs;
}

/** One of the interview's documents; a kind the seed did not write (support) starts empty. */
function doc(docs: Map<string, Y.Doc>, kind: DocKind): Y.Doc {
  const name = docName(IID, kind);
  if (!docs.has(name)) docs.set(name, new Y.Doc());
  return docs.get(name)!;
}

/** Flags the transcript of the first answer that has a recording (the guest's transcript flags). */
function flagAnswer(docs: Map<string, Y.Doc>): void {
  const stage = doc(docs, 'stage');
  const recordingId = stage.getMap<{ answers: Array<{ recordingId: string | null }> }>('session').get('state')!.answers.find((a) => a.recordingId)!.recordingId!;
  stage.getMap('transcriptFlags').set(recordingId, { flags: [{ at: 1 }, { at: 2 }] });
}

/** Moves one first-pass score: the stored record with another score. */
function rescore(docs: Map<string, Y.Doc>): void {
  const scores = doc(docs, 'assessment').getMap<Record<string, unknown>>('scores');
  const [key, record] = [...scores.entries()].find(([, r]) => r.kind === 'mcq')!;
  scores.set(key, { ...record, correct: !record.correct, score: record.score === 5 ? 0 : 5 });
}

/** The moderator approves the newest audience question. */
function approveLast(docs: Map<string, Y.Doc>): void {
  const submissions = readSubmissions(doc(docs, 'audience'));
  decide(doc(docs, 'moderation'), submissions[submissions.length - 1]!, { action: 'approve' }, { by: 'Mo', role: 'moderator' }, 3_150);
}

describe('results projection', () => {
  it('equals a projection from scratch after every live step, a rating changed back and a count that returns included', async () => {
    const docs = await seeded();
    const { db, projection } = freshDb();
    applyDocs(db, projection, docs);
    const initial = tableRows(db);
    expect(initial).toEqual(fromScratch(docs));
    expect(initial.admin_answers).toHaveLength(4);
    expect(initial.admin_ratings).toHaveLength(1);

    const staff = doc(docs, 'staff');
    const plan = doc(docs, 'plan');
    const q0 = plan.getArray<{ id: string }>('questions').get(0).id;
    const q1 = plan.getArray<{ id: string }>('questions').get(1).id;
    const staffName = docName(IID, 'staff');
    const steps: Array<[string, () => void, string]> = [
      ['a new rating of another question', () => setRating(staff, q1, 2, host, 1_000), staffName],
      ['the rating changed', () => setRating(staff, q1, 5, host, 1_000), staffName],
      ['the rating changed back', () => setRating(staff, q1, 2, host, 1_000), staffName],
      ['a reaction', () => addReaction(staff, 'strong', { questionId: q0, questionIndex: 0, recordingId: null, momentMs: null }, host, 2_000), staffName],
      ['a chat message', () => postChatMessage(staff, 'one more', host, 3_000), staffName],
      ['the chat message deleted: the count returns', () => staff.getArray('chat').delete(staff.getArray('chat').length - 1, 1), staffName],
      ['a transcript flag on an answer\'s recording', () => flagAnswer(docs), docName(IID, 'stage')],
      ['a first-pass score changed', () => rescore(docs), docName(IID, 'assessment')],
      ['an audience question', () => submitQuestion(doc(docs, 'audience'), 'And the cache?', { author: 'viewer-9', authorKey: 'audience:viewer-9' }, 3_100), docName(IID, 'audience')],
      ['it is approved', () => approveLast(docs), docName(IID, 'moderation')],
      [
        'a reaction and a rating note in one change: not a count alone',
        () =>
          staff.transact(() => {
            addReaction(staff, 'concern', { questionId: q1, questionIndex: 1, recordingId: null, momentMs: null }, host, 3_200);
            setRating(staff, q1, 2, host, 3_200, 'second look');
          }),
        staffName,
      ],
      ['a support incident', () => recordIncident(doc(docs, 'support'), { id: 'i-net', at: 4_000, kind: 'reconnects', by: 'Sam', role: 'moderator', questionId: q0, detail: 'reconnect 1' }), docName(IID, 'support')],
    ];
    for (const [what, change, name] of steps) {
      change();
      applyDocs(db, projection, docs, [name]);
      expect(tableRows(db), what).toEqual(fromScratch(docs));
    }
    // The rating changed back: the answers hold what they held before it was given (one more rating, then none).
    expect(tableRows(db).admin_ratings).toHaveLength(2);
  });

  it('writes nothing for a document whose digest did not change, and only the results row for a moved count', async () => {
    const docs = await seeded();
    const { db, projection } = freshDb();
    applyDocs(db, projection, docs);
    const staffName = docName(IID, 'staff');

    let before = changesOf(db);
    applyDocs(db, projection, docs, [staffName]);
    expect(changesOf(db) - before, 'an unchanged staff document').toBe(0);

    // A transcript flag on a recording no answer holds: the stage digest changes, none of the recomputed rows do.
    const stage = doc(docs, 'stage');
    stage.getMap('transcriptFlags').set('not-an-answer', { flags: [{ at: 1 }] });
    before = changesOf(db);
    applyDocs(db, projection, docs, [docName(IID, 'stage')]);
    expect(changesOf(db) - before, 'the stage digest only').toBe(1);

    const staff = doc(docs, 'staff');
    const q0 = doc(docs, 'plan').getArray<{ id: string }>('questions').get(0).id;
    addReaction(staff, 'concern', { questionId: q0, questionIndex: 0, recordingId: null, momentMs: null }, host, 5_000);
    before = changesOf(db);
    applyDocs(db, projection, docs, [staffName]);
    // The digest (1) and the results row's counts (1 UPDATE); the answers, ratings and incidents are not read back.
    expect(changesOf(db) - before, 'a reaction').toBe(2);
    expect(tableRows(db)).toEqual(fromScratch(docs));
  });

  it('recomputes a count change whole where the results row is missing, and again after it rolled back', async () => {
    const docs = await seeded();
    const { db, projection } = freshDb();
    applyDocs(db, projection, docs);
    const staff = doc(docs, 'staff');
    const staffName = docName(IID, 'staff');
    const q0 = doc(docs, 'plan').getArray<{ id: string }>('questions').get(0).id;
    const react = (at: number) => addReaction(staff, 'strong', { questionId: q0, questionIndex: 0, recordingId: null, momentMs: null }, host, at);

    db.exec('DELETE FROM admin_results');
    react(7_000);
    applyDocs(db, projection, docs, [staffName]);
    expect(tableRows(db)).toEqual(fromScratch(docs));

    react(7_100);
    applyRolledBack(db, projection, docs, staffName);
    applyDocs(db, projection, docs, [staffName]);
    expect(tableRows(db)).toEqual(fromScratch(docs));
  });

  it('is not misled by a transaction that rolled back, nor by tables dropped and set up again', async () => {
    const docs = await seeded();
    const { db, projection } = freshDb();
    applyDocs(db, projection, docs);
    const staff = doc(docs, 'staff');
    const q0 = doc(docs, 'plan').getArray<{ id: string }>('questions').get(0).id;
    setRating(staff, q0, 1, host, 6_000);
    applyRolledBack(db, projection, docs, docName(IID, 'staff'));
    // The same state again: what rolled back must be written now.
    applyDocs(db, projection, docs, [docName(IID, 'staff')]);
    expect(tableRows(db)).toEqual(fromScratch(docs));

    for (const t of [...TABLES].reverse()) db.exec(`DROP TABLE ${t}`);
    projection.setup(db);
    applyDocs(db, projection, docs);
    expect(tableRows(db)).toEqual(fromScratch(docs));
    expect(tableRows(db).admin_answers).toHaveLength(4);
  });
});
