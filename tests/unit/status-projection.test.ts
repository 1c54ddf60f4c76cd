/**
 * The wrap-up's status projection (sync-server/synthesis/status-projection.ts) as the app server composes it: a real
 * SQLite status store, the real interview reader over real Yjs documents, the real recording store (which uploads are
 * complete) and the real runner (no model key: the offline synthesis). It writes the status row, and so announces a
 * `view` (which the cluster's wrap-up mirror publishes to PostgreSQL), only when the status or the synthesis decision
 * moves: a reaction or a rating during the interview, though it changes the synthesis input, writes nothing and
 * schedules no reading, while an answer given still writes; from "scored" on a reaction is a new input and counts.
 * Every reading gives what a fresh, uncached reading of the same documents gives (the synthesis's own reading).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { publishTranscript, writeScore } from '../../src/sync/answer-results';
import { writePlan } from '../../src/sync/plan-doc';
import { publishStageState } from '../../src/sync/stage-doc';
import { addReaction, setRating } from '../../src/sync/staff-doc';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { INPUT_DOC_KINDS } from '../../sync-server/synthesis/read-interview';
import { inputHash } from '../../sync-server/synthesis/synthesis-runner';
import { createRecordingStore } from '../../sync-server/uploads/sqlite-recording-store';
import { completedStage, fixturePlan, fixtureTranscripts, recordingOf } from '../support/synthesis-fixtures';
import { scoreRecords } from '../support/synthesis-interview';
import { wrapUpInProcess } from '../support/wrap-up-in-process';

const ID = 'iv-projection';
let db: Db | null = null;
let dir = '';
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
  db?.close();
  db = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(opts: { resynthesisQuietMs?: number } = {}) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-status-projection-'));
  db = openDatabase(path.join(dir, 'interq.sqlite'));
  const wrapUp = wrapUpInProcess(db, createRecordingStore(db), ID, opts);
  const { doc, store, reader, projection, events, stored, settleAfterTimers, upload, scoredInterview } = wrapUp;
  close = wrapUp.close;
  /** Every `view` the store announced (each one a row the cluster's mirror would publish). */
  const views: number[] = [];
  events.subscribe(ID, (change) => {
    if (change === 'view') views.push(views.length + 1);
  });
  /** The status a fresh reading of the same documents gives, with the input's hash (the synthesis's reading). */
  const freshReading = async () => {
    let hash: string | null = null;
    const read = await reader.read(ID, (input) => {
      hash = input ? inputHash(input) : null;
      return hash !== null && store.doneFor(ID, hash) !== null;
    });
    return { status: read.status, hash };
  };
  return { doc, store, projection, views, stored, settleAfterTimers, upload, freshReading, scoredInterview };
}

describe('the status projection writes the row only when the status or the synthesis decision moves', () => {
  it('during the interview: a reaction or a rating after an answer was scored writes nothing; an answer given does', async () => {
    const t = setUp();
    const plan = fixturePlan(ID);
    writePlan(t.doc('plan'), t.doc('key'), plan);
    const stage = completedStage(plan, { completed: false });
    // The first answer given, the rest not yet.
    const given = (n: number) => ({ ...stage, answers: stage.answers.map((a, i) => (i < n ? a : { ...a, status: 'pending' as const, recordingId: null, attempts: [], mcqChoice: null, code: null })) });
    publishStageState(t.doc('stage'), given(4));
    for (const r of scoreRecords(plan).slice(0, 4)) writeScore(t.doc('assessment'), r);
    await t.projection.refresh(ID);
    const first = t.store.status(ID)!;
    expect(first).toMatchObject({ status: 'in-progress', answers: 4, scored: 4, inputHash: null });
    expect(t.views).toHaveLength(1);

    addReaction(t.doc('staff'), 'concern', { questionId: 'q-cache', questionIndex: 0, recordingId: null, momentMs: 1_000 }, { by: 'host', role: 'host' }, 6_000);
    await t.stored('staff');
    setRating(t.doc('staff'), 'q-cache', 4, { by: 'Ivan', role: 'interviewer' }, 6_500);
    await t.stored('staff');
    expect(t.views).toHaveLength(1);
    // Even a reading forced now (the API's, a takeover's) leaves the row as it was: its input changed, its status did not.
    await t.projection.refresh(ID);
    expect(t.views).toHaveLength(1);
    expect(t.store.status(ID)).toEqual(first);
    expect((await t.freshReading()).status).toEqual({ status: 'in-progress', humanReviewOnly: false, counts: expect.objectContaining({ answers: 4, scored: 4 }) });

    publishStageState(t.doc('stage'), given(5));
    await t.stored('stage');
    expect(t.views).toHaveLength(2);
    expect(t.store.status(ID)).toMatchObject({ status: 'in-progress', answers: 5, scored: 4, inputHash: null });
  });

  it('from "scored" on: the row names the input; a reaction is a new input (a new synthesis), and each reading equals a fresh one', async () => {
    const t = setUp();
    const plan = fixturePlan(ID);
    writePlan(t.doc('plan'), t.doc('key'), plan);
    for (const q of plan.questions) if (q.kind === 'spoken') await t.upload(recordingOf(q.id), q.id);
    for (const [recordingId, tr] of fixtureTranscripts(plan)) {
      const q = plan.questions.find((x) => recordingOf(x.id) === recordingId)!;
      publishTranscript(t.doc('stage'), { recordingId, questionId: q.id, text: tr.text, segments: [...tr.segments], durationSec: tr.durationSec, processedOn: 'guest-device', model: 'whisper-tiny.en', backend: 'wasm', at: 3_000 });
    }
    publishStageState(t.doc('stage'), completedStage(plan));
    await t.stored('stage');
    expect(t.store.status(ID)).toMatchObject({ status: 'transcribed', inputHash: null });
    expect((await t.freshReading()).status.status).toBe('transcribed');

    for (const r of scoreRecords(plan)) writeScore(t.doc('assessment'), r);
    await t.stored('assessment');
    // Scored, so the offline synthesis of this input was made, and the status says so with the input's hash.
    const fresh = await t.freshReading();
    expect(fresh.status.status).toBe('synthesized');
    expect(t.store.status(ID)).toMatchObject({ status: 'synthesized', inputHash: fresh.hash });
    const views = t.views.length;

    addReaction(t.doc('staff'), 'strong', { questionId: 'q-trace', questionIndex: 1, recordingId: null, momentMs: null }, { by: 'host', role: 'host' }, 9_000);
    await t.stored('staff');
    const after = await t.freshReading();
    expect(after.hash).not.toBe(fresh.hash);
    expect(after.status.status).toBe('synthesized');
    expect(t.store.status(ID)).toMatchObject({ status: 'synthesized', inputHash: after.hash });
    expect(t.views.length).toBeGreaterThan(views);
  });

  it('counts an upload the server completed once told of it, with no document change after it', async () => {
    const t = setUp();
    const plan = fixturePlan(ID);
    writePlan(t.doc('plan'), t.doc('key'), plan);
    const spoken = plan.questions.filter((q) => q.kind === 'spoken');
    for (const q of spoken.slice(1)) await t.upload(recordingOf(q.id), q.id);
    publishStageState(t.doc('stage'), completedStage(plan));
    await t.stored('stage');
    expect(t.store.status(ID)).toMatchObject({ status: 'completed', recordings: 3, uploaded: 2 });

    const vectors = INPUT_DOC_KINDS.map((k) => Y.encodeStateVector(t.doc(k)).join());
    await t.upload(recordingOf(spoken[0]!.id), spoken[0]!.id);
    t.projection.uploadCompleted(ID);
    await t.settleAfterTimers();
    expect(t.store.status(ID)).toMatchObject({ status: 'uploaded', recordings: 3, uploaded: 3 });
    // No document moved: the upload's completion alone moved the status.
    expect(INPUT_DOC_KINDS.map((k) => Y.encodeStateVector(t.doc(k)).join())).toEqual(vectors);
  });
});

describe('automatic syntheses after the first wait for the review to settle', () => {
  it('a burst of staff changes after the first synthesis makes one new synthesis, once the input stayed the same for the quiet time', async () => {
    // Long enough that a loaded machine reads and asserts the waiting state well before it is due.
    const quietMs = 2_000;
    const t = setUp({ resynthesisQuietMs: quietMs });
    await t.scoredInterview();
    // The first synthesis starts at once.
    expect(t.store.status(ID)).toMatchObject({ status: 'synthesized' });
    expect(t.store.count(ID)).toBe(1);
    expect(t.projection.resynthesisDueAt(ID)).toBeNull();

    const start = Date.now();
    addReaction(t.doc('staff'), 'strong', { questionId: 'q-trace', questionIndex: 1, recordingId: null, momentMs: null }, { by: 'host', role: 'host' }, 9_000);
    await t.stored('staff');
    // A new input, not synthesised yet: scored, with the time its synthesis is due, and no run started.
    expect(t.store.status(ID)).toMatchObject({ status: 'scored', inputHash: (await t.freshReading()).hash });
    const firstDue = t.projection.resynthesisDueAt(ID)!;
    expect(firstDue).toBeGreaterThanOrEqual(start + quietMs);
    expect(t.store.count(ID)).toBe(1);
    expect(t.store.running(ID)).toBeNull();

    // More review before it is due: each change puts the due time off again, and still nothing runs.
    await new Promise((resolve) => setTimeout(resolve, quietMs / 4));
    setRating(t.doc('staff'), 'q-cache', 4, { by: 'Ivan', role: 'interviewer' }, 9_500);
    await t.stored('staff');
    const secondDue = t.projection.resynthesisDueAt(ID)!;
    expect(secondDue).toBeGreaterThan(firstDue);
    expect(t.store.count(ID)).toBe(1);

    // Left alone: one synthesis of the last input, at its due time, and none of the input in between.
    const last = (await t.freshReading()).hash!;
    while (t.store.status(ID)?.status !== 'synthesized') await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Date.now()).toBeGreaterThanOrEqual(secondDue);
    expect(t.store.count(ID)).toBe(2);
    expect(t.store.doneFor(ID, last)).not.toBeNull();
    expect(t.store.status(ID)).toMatchObject({ status: 'synthesized', inputHash: last });
    expect(t.projection.resynthesisDueAt(ID)).toBeNull();
  });

  it('a reading forced before the due time (the API, a takeover) does not start the synthesis early', async () => {
    const t = setUp({ resynthesisQuietMs: 60_000 });
    await t.scoredInterview();
    setRating(t.doc('staff'), 'q-cache', 2, { by: 'Ivan', role: 'interviewer' }, 9_500);
    await t.stored('staff');
    const due = t.projection.resynthesisDueAt(ID);
    await t.projection.refresh(ID);
    await t.projection.refresh(ID);
    expect(t.projection.resynthesisDueAt(ID)).toBe(due);
    expect(t.store.count(ID)).toBe(1);
    expect(t.store.status(ID)).toMatchObject({ status: 'scored' });
  });
});
