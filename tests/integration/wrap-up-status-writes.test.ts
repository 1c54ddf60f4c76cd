/**
 * What moves the server's interview status, end to end (a real server process, stock y-websocket clients, the real
 * upload API), with the documents in SQLite and in PostgreSQL: an upload the server completes moves the status by
 * itself, with no document change after it; a reaction or a rating during the interview, after answers were scored,
 * writes nothing (no `view` on the synthesis stream and, on PostgreSQL, no new publication of the wrap-up row that
 * every other node copies), while the next answer given does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { publishTranscript, writeScore } from '../../src/sync/answer-results';
import { writePlan } from '../../src/sync/plan-doc';
import { publishStageState } from '../../src/sync/stage-doc';
import { addReaction, readReactions, setRating } from '../../src/sync/staff-doc';
import { ndjsonLines } from '../../src/api/ndjson-lines';
import type { SynthesisEvent } from '../../src/domain/wrap-up/synthesis-records';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { storageBackends } from '../support/storage-backends';
import { completedStage, fixturePlan, fixtureTranscripts, recordingOf } from '../support/synthesis-fixtures';
import { InterviewSeeder, scoreRecords, type SynthesisView } from '../support/synthesis-interview';
import { waitFor } from '../support/yws-client';

const backends = storageBackends();
let n = 0;
const nextId = () => `sw-${++n}-${randomBytes(3).toString('hex')}`;

describe.each(backends)('the interview status on $name', (backend) => {
  if (backend.skip) {
    it.skip('needs PostgreSQL (see the warning above)', () => undefined);
    return;
  }
  let server: ServerProcess;
  let seeder: InterviewSeeder;
  let url: string | null = null;
  let client: pg.Client | null = null;

  beforeAll(async () => {
    url = backend.name === 'postgres' ? (await backend.open()).url! : null;
    // No model key: a scored interview gets the offline synthesis.
    server = await startServer({ env: url ? { DATABASE_URL: url } : {} });
    seeder = new InterviewSeeder(server, readSecret(server.dataDir));
    if (url) {
      client = new pg.Client({ connectionString: url });
      await client.connect();
    }
  });
  afterAll(async () => {
    seeder?.destroy();
    await client?.end();
    await server?.stop();
  });

  const view = async (iid: string): Promise<SynthesisView> => (await (await seeder.api('GET', `/api/interviews/${iid}/synthesis`, 'interviewer', iid)).json()) as SynthesisView;

  it('counts an upload the server completed, with no document change after it', async () => {
    const plan = fixturePlan(nextId());
    const iid = plan.meta.id;
    const planDoc = await seeder.open(iid, 'plan', 'host');
    const keyDoc = await seeder.open(iid, 'key', 'host');
    writePlan(planDoc.doc, keyDoc.doc, plan);
    const spoken = plan.questions.filter((q) => q.kind === 'spoken');
    for (const q of spoken.slice(1)) await seeder.upload(iid, recordingOf(q.id), q.id);
    const stage = await seeder.open(iid, 'stage', 'guest');
    for (const [recordingId, t] of fixtureTranscripts(plan)) {
      const q = plan.questions.find((x) => recordingOf(x.id) === recordingId)!;
      publishTranscript(stage.doc, { recordingId, questionId: q.id, text: t.text, segments: [...t.segments], durationSec: t.durationSec, processedOn: 'guest-device', model: 'whisper-tiny.en', backend: 'wasm', at: 3000 });
    }
    publishStageState(stage.doc, completedStage(plan));
    const assessment = await seeder.open(iid, 'assessment', 'interviewer');
    for (const r of scoreRecords(plan)) writeScore(assessment.doc, r);
    await seeder.waitForSynthesis(iid, (v) => v.status?.status === 'completed' && v.status.uploaded === 2 && v.status.scored === 5, 'completed, one upload short');
    // Four times the status's quiet time, so no reading the documents' changes scheduled is still to come (one would
    // count the upload too, and hide a server that is never told of it). The server under test needs no such wait.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await seeder.upload(iid, recordingOf(spoken[0]!.id), spoken[0]!.id);
    // Nothing else is written: the server's own completion of the upload is what moves the status on.
    const moved = await seeder.waitForSynthesis(iid, (v) => v.status?.uploaded === 3, 'the status counting the third upload');
    expect(moved.status).toMatchObject({ recordings: 3, uploaded: 3, transcribed: 3 });
    expect(['scored', 'synthesized']).toContain(moved.status!.status);
  });

  it('writes nothing for a reaction or a rating during the interview, after answers were scored; the next answer given writes', async () => {
    const plan = fixturePlan(nextId());
    const iid = plan.meta.id;
    const planDoc = await seeder.open(iid, 'plan', 'host');
    const keyDoc = await seeder.open(iid, 'key', 'host');
    writePlan(planDoc.doc, keyDoc.doc, plan);
    const full = completedStage(plan, { completed: false });
    const given = (count: number) => ({
      ...full,
      answers: full.answers.map((a, i) => (i < count ? a : { ...a, status: 'pending' as const, recordingId: null, attempts: [], mcqChoice: null, code: null })),
    });
    const stage = await seeder.open(iid, 'stage', 'guest');
    publishStageState(stage.doc, given(4));
    const assessment = await seeder.open(iid, 'assessment', 'interviewer');
    for (const r of scoreRecords(plan).slice(0, 4)) writeScore(assessment.doc, r);
    await seeder.waitForSynthesis(iid, (v) => v.status?.answers === 4 && v.status.scored === 4, 'four answers scored');

    const abort = new AbortController();
    const res = await fetch(`${server.url}/api/interviews/${iid}/synthesis/events`, { headers: { Authorization: `Bearer ${seeder.token('interviewer', iid)}` }, signal: abort.signal });
    const views: SynthesisView[] = [];
    const reading = (async () => {
      for await (const line of ndjsonLines(res.body!)) {
        const e = JSON.parse(line) as SynthesisEvent;
        if (e.type === 'view') views.push(e.view);
      }
    })().catch(() => undefined);
    try {
      await waitFor(() => views.length > 0, 'the stream’s first view');
      expect(views[0]!.status).toMatchObject({ status: 'in-progress', answers: 4, scored: 4 });
      const published = async () => (await client!.query<{ v: string; status_json: string }>('SELECT xmin::text AS v, status_json FROM interview_wrapup WHERE interview_id = $1', [iid])).rows[0];
      let before: { v: string; status_json: string } | undefined;
      if (client) {
        await waitFor(async () => JSON.parse((await published())?.status_json ?? 'null')?.answers === 4, 'the wrap-up row published to PostgreSQL');
        before = await published();
      }

      const staff = await seeder.open(iid, 'staff', 'interviewer');
      addReaction(staff.doc, 'concern', { questionId: 'q-cache', questionIndex: 0, recordingId: null, momentMs: 1_000 }, { by: 'interviewer-1', role: 'interviewer' }, 6_000);
      setRating(staff.doc, 'q-cache', 4, { by: 'interviewer-1', role: 'interviewer' }, 6_500);
      // Stored: the server relays an update to another client only after storing it.
      const watcher = await seeder.open(iid, 'staff', 'host');
      await waitFor(() => readReactions(watcher.doc).length === 1 && watcher.doc.getMap('ratings').size === 1, 'the reaction and rating stored');
      // Four times the status's quiet time (250 ms): the old projection rewrote the row (a new input hash) by then.
      // Nothing here depends on it being long enough: the change under test writes nothing, however long it waits.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(views).toHaveLength(1);
      if (client) expect(await published()).toEqual(before);

      publishStageState(stage.doc, given(5));
      await waitFor(() => views.some((v) => v.status?.answers === 5), 'the view with the fifth answer');
      expect(views.map((v) => v.status?.answers)).toEqual([4, 5]);
      if (client) await waitFor(async () => JSON.parse((await published())?.status_json ?? 'null')?.answers === 5, 'the fifth answer published to PostgreSQL');
    } finally {
      abort.abort();
      await reading;
    }
  });
});
