/**
 * The wrap-up's kept status reading of an interview's documents (sync-server/synthesis/status-sources.ts) is always
 * what a fresh reading of the same documents gives: kept through changes to types it does not read (the staff chat, the
 * stage's uploads), made again after a change to any type it does read, written here or received from another
 * device, and for a document loaded again. Each change below is one the synthesis input or the status shows, so a
 * reading that kept the old parts would differ.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '../../src/domain/access';
import { assembleSynthesisInput, type SourceScore, type SourceTranscript } from '../../src/domain/wrap-up/synthesis-input';
import { z } from '../../src/domain/zod-mini';
import {
  publishStaffTranscript,
  publishTranscript,
  publishUpload,
  readScores,
  readStaffTranscripts,
  readTranscripts,
  scoreKey,
  writeScore,
  type ScoreRecord,
  type TranscriptRecord,
} from '../../src/sync/answer-results';
import { readFullPlan, writePlan } from '../../src/sync/plan-doc';
import { publishStageState, readStageState } from '../../src/sync/stage-doc';
import { addReaction, postChatMessage, Rating, Reaction, setRating } from '../../src/sync/staff-doc';
import { uniqueById } from '../../src/sync/record-id';
import { validRecords } from '../../src/sync/valid-records';
import { mayMoveStatus, noteStatusRead, sourceScore, statusFacts, statusInputHash, wrapUpSources, type StatusFacts, type WrapUpDocs, type WrapUpSources } from '../../sync-server/synthesis/status-sources';
import { inputHash } from '../../sync-server/synthesis/synthesis-runner';
import { seedInterview } from '../support/results-seed';

const ID = 'iv-sources';

async function seeded() {
  const docs = new Map<string, Y.Doc>();
  const open = (name: string) => {
    let d = docs.get(name);
    if (!d) docs.set(name, (d = new Y.Doc()));
    return d;
  };
  const { plan, stage } = await seedInterview(open, {
    interviewId: ID,
    seed: 3,
    maxQuestions: 4,
    aiScore: (i) => (i % 2 === 0 ? 3 : undefined),
    ratings: [{ questionIndex: 0, score: 4, by: 'Ivan', role: 'interviewer' }],
    reactions: 2,
    chat: 2,
  });
  const of = (kind: keyof WrapUpDocs) => open(docName(ID, kind));
  const wrapUp: WrapUpDocs = { plan: of('plan'), key: of('key'), stage: of('stage'), staff: of('staff'), assessment: of('assessment') };
  return { docs: wrapUp, plan, stage };
}

const copyOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/**
 * The reading as the status projection made it before anything was kept (read-interview.ts until this change):
 * every part parsed again from the same documents. (Not from copies: a Y.Map lists its keys in the order its copy
 * integrated them, so a copy's reading may list ratings in another order.)
 */
function fresh(docs: WrapUpDocs): WrapUpSources {
  const stage = readStageState(docs.stage);
  const scores = readScores(docs.assessment);
  const transcripts = new Map<string, SourceTranscript>();
  for (const t of [...readTranscripts(docs.stage), ...readStaffTranscripts(docs.assessment)]) {
    transcripts.set(t.recordingId, { text: t.text, segments: t.segments, durationSec: t.durationSec });
  }
  const flags = new Map(validRecords(FlagsRecord, docs.stage.getMap('transcriptFlags').values()).map((f) => [f.recordingId, f.flags]));
  const plan = readFullPlan(docs.plan, docs.key);
  const input =
    plan && plan.meta.id === ID && plan.questions.length > 0
      ? assembleSynthesisInput({
          plan,
          stage,
          transcripts,
          flags,
          scores: new Map(scores.map((s) => [scoreKey(s), sourceScore(s)])),
          ratings: validRecords(Rating, docs.staff.getMap('ratings').values()).map((r) => ({ questionId: r.questionId, score: r.score, role: r.role })),
          reactions: uniqueById(validRecords(Reaction, docs.staff.getArray('reactions').toArray())).map((r) => ({ questionId: r.questionId, kind: r.kind, role: r.role, momentMs: r.momentMs })),
        })
      : null;
  return { stage, plan, input, transcribedRecordingIds: new Set(transcripts.keys()), scoreKeys: new Set(scores.map(scoreKey)) };
}

/** What the status reads of the fresh reading: the input by its hash. */
function freshStatus(docs: WrapUpDocs): StatusFacts & { inputHash: string | null } {
  const { input, plan, stage, transcribedRecordingIds, scoreKeys } = fresh(docs);
  return { stage, transcribedRecordingIds, scoreKeys, planPresent: plan !== null, inputHash: input ? inputHash(input) : null };
}

/** The status's kept reading in its two steps: what it decides on, and the input by its hash. */
const statusReading = (docs: WrapUpDocs) => ({ ...statusFacts(docs), inputHash: statusInputHash(ID, docs) });

const FlagsRecord = z.object({
  recordingId: z.string(),
  flags: z.array(z.object({ quote: z.string(), note: z.nullable(z.string()) })).check(z.maxLength(200)),
});


function transcript(recordingId: string, questionId: string, text: string, processedOn: 'guest-device' | 'staff-device'): TranscriptRecord {
  return { recordingId, questionId, text, segments: [{ start: 0, end: 1, text }], durationSec: 10, processedOn, model: 'whisper-tiny', backend: 'wasm', at: 9_000 };
}

describe('the wrap-up reading the status keeps (statusFacts, statusInputHash)', () => {
  it('is a fresh reading, kept as the same object through changes to types it does not read', async () => {
    const { docs } = await seeded();
    const first = statusReading(docs);
    expect(first.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first).toEqual(freshStatus(docs));
    const facts = statusFacts(docs);
    expect(statusFacts(docs)).toBe(facts);
    // A synthesis's reading is the same, assembled for it alone.
    expect(wrapUpSources(ID, docs)).toEqual(fresh(docs));
    expect(wrapUpSources(ID, docs).input).not.toBe(wrapUpSources(ID, docs).input);

    postChatMessage(docs.staff, 'a chat message', { by: 'host', role: 'host' }, 8_000);
    publishUpload(docs.stage, { recordingId: 'rec-x', questionId: 'q-x', mimeType: 'audio/webm', bytes: 10, sha256: 'c'.repeat(64), durationSec: 1, transcribeOn: 'guest-device', at: 8_000 });
    expect(statusFacts(docs)).toBe(facts);
    expect(statusReading(docs)).toEqual(first);
    expect(first).toEqual(freshStatus(docs));
    // The facts do not read the staff document at all: a reaction keeps them (only the input's hash moves).
    addReaction(docs.staff, 'strong', { questionId: 'q-any', questionIndex: 0, recordingId: null, momentMs: null }, { by: 'host', role: 'host' }, 8_500);
    expect(statusFacts(docs)).toBe(facts);
    expect(statusReading(docs)).toEqual(freshStatus(docs));
  });

  const changes: Array<[string, (docs: WrapUpDocs, ctx: Awaited<ReturnType<typeof seeded>>) => void]> = [
    ['a staff rating', (d, { plan }) => void setRating(d.staff, plan.questions[1]!.id, 2, { by: 'Rita', role: 'reviewer' }, 9_000)],
    [
      'a reaction',
      (d, { plan }) =>
        void addReaction(d.staff, 'concern', { questionId: plan.questions[1]!.id, questionIndex: 1, recordingId: null, momentMs: 1_000 }, { by: 'host', role: 'host' }, 9_000),
    ],
    ['a transcript flag', (d, { stage }) => d.stage.getMap('transcriptFlags').set(firstRecording(stage), { recordingId: firstRecording(stage), flags: [{ quote: 'start', note: null }] })],
    ['a transcript from the guest device', (d, { stage }) => publishTranscript(d.stage, transcript(firstRecording(stage), firstAnswered(stage), 'new words here', 'guest-device'))],
    ['a transcript from a staff device', (d, { stage }) => publishStaffTranscript(d.assessment, transcript(firstRecording(stage), firstAnswered(stage), 'staff words here', 'staff-device'))],
    // The guest's device left this take untranscribed: only the staff's transcript says it is done (both readings count it).
    ['a staff transcript of a take the guest device did not transcribe', (d, { stage }) => publishStaffTranscript(d.assessment, transcript('rec-staff-only', firstAnswered(stage), 'staff only', 'staff-device'))],
    [
      'a score',
      (d) => {
        const s = readScores(d.assessment).find((r) => r.kind === 'spoken')!;
        if (s.kind !== 'spoken') throw new Error('no spoken score seeded');
        writeScore(d.assessment, { ...s, accuracy: { ...s.accuracy, score: s.accuracy.score === 1 ? 2 : 1 } });
      },
    ],
    ['the stage state', (d) => publishStageState(d.stage, { ...readStageState(d.stage)!, humanReviewOnly: true })],
    ['the plan', (d, { plan }) => writePlan(d.plan, d.key, { ...plan, questions: plan.questions.map((q, i) => (i === 0 && q.kind !== 'coding' ? { ...q, prompt: 'An edited prompt?' } : q)) })],
  ];

  it.each(changes)('is read again after %s, and equals a fresh reading', async (_what, change) => {
    const ctx = await seeded();
    const { docs } = ctx;
    const before = statusReading(docs);
    const beforeCopy = structuredClone(before);
    change(docs, ctx);
    const after = statusReading(docs);
    expect(after).toEqual(freshStatus(docs));
    // The change shows in what is read, so keeping the old reading would have been wrong.
    expect(after).not.toEqual(beforeCopy);
    expect(wrapUpSources(ID, docs)).toEqual(fresh(docs));
  });

  it('follows a change received from another device', async () => {
    const { docs, plan } = await seeded();
    const before = statusReading(docs);
    const other = copyOf(docs.staff);
    addReaction(other, 'strong', { questionId: plan.questions[0]!.id, questionIndex: 0, recordingId: null, momentMs: null }, { by: 'Ivan', role: 'interviewer' }, 9_500);
    Y.applyUpdate(docs.staff, Y.encodeStateAsUpdate(other, Y.encodeStateVector(docs.staff)));
    const after = statusReading(docs);
    expect(after.inputHash).not.toBe(before.inputHash);
    expect(after).toEqual(freshStatus(docs));
  });

  it('reads a document loaded again afresh (a new Y.Doc with other contents)', async () => {
    const { docs, plan } = await seeded();
    const before = statusReading(docs);
    const reloaded = copyOf(docs.staff);
    setRating(reloaded, plan.questions[0]!.id, 1, { by: 'Rita', role: 'reviewer' }, 9_000);
    const after = { ...statusFacts({ ...docs, staff: reloaded }), inputHash: statusInputHash(ID, { ...docs, staff: reloaded }) };
    expect(after.inputHash).not.toBe(before.inputHash);
    expect(after).toEqual(freshStatus({ ...docs, staff: reloaded }));
  });
});

describe('whether a stored change may move the status (mayMoveStatus, the projection’s hook)', () => {
  const reaction = (d: WrapUpDocs, questionId: string) =>
    void addReaction(d.staff, 'concern', { questionId, questionIndex: 1, recordingId: null, momentMs: 1_000 }, { by: 'host', role: 'host' }, 9_000);

  it('before "scored" (no input read): skips everything but the stage state, transcripts, scores, plan and key', async () => {
    const { docs, plan, stage } = await seeded();
    // Never read yet: every change counts.
    for (const kind of ['stage', 'staff', 'assessment'] as const) expect(mayMoveStatus(kind, docs[kind])).toBe(true);
    noteStatusRead(docs, false);
    for (const kind of ['stage', 'staff', 'assessment'] as const) expect(mayMoveStatus(kind, docs[kind])).toBe(false);

    postChatMessage(docs.staff, 'a chat message', { by: 'host', role: 'host' }, 8_000);
    docs.assessment.getMap('notes').set('n-1', { text: 'not read by the status' });
    publishUpload(docs.stage, { recordingId: 'rec-x', questionId: 'q-x', mimeType: 'audio/webm', bytes: 10, sha256: 'c'.repeat(64), durationSec: 1, transcribeOn: 'guest-device', at: 8_000 });
    // What only the synthesis input reads: no status before "scored" depends on it.
    reaction(docs, plan.questions[1]!.id);
    setRating(docs.staff, plan.questions[1]!.id, 2, { by: 'Rita', role: 'reviewer' }, 9_000);
    docs.stage.getMap('transcriptFlags').set(firstRecording(stage), { recordingId: firstRecording(stage), flags: [{ quote: 'start', note: null }] });
    for (const kind of ['stage', 'staff', 'assessment'] as const) expect(mayMoveStatus(kind, docs[kind])).toBe(false);
    for (const kind of ['plan', 'key'] as const) expect(mayMoveStatus(kind, docs[kind])).toBe(true);

    publishStageState(docs.stage, { ...readStageState(docs.stage)!, humanReviewOnly: true });
    expect(mayMoveStatus('stage', docs.stage)).toBe(true);
    noteStatusRead(docs, false);
    publishTranscript(docs.stage, transcript(firstRecording(stage), firstAnswered(stage), 'new words here', 'guest-device'));
    expect(mayMoveStatus('stage', docs.stage)).toBe(true);

    const s = readScores(docs.assessment).find((r) => r.kind === 'spoken')!;
    writeScore(docs.assessment, { ...s });
    expect(mayMoveStatus('assessment', docs.assessment)).toBe(true);
    noteStatusRead(docs, false);
    expect(mayMoveStatus('assessment', docs.assessment)).toBe(false);
    publishStaffTranscript(docs.assessment, transcript('rec-new', plan.questions[0]!.id, 'words', 'staff-device'));
    expect(mayMoveStatus('assessment', docs.assessment)).toBe(true);
  });

  it('from "scored" on (the input read): a reaction, a rating or a transcript flag counts too; the chat and uploads list still do not', async () => {
    const { docs, plan, stage } = await seeded();
    noteStatusRead(docs, true);
    postChatMessage(docs.staff, 'a chat message', { by: 'host', role: 'host' }, 8_000);
    publishUpload(docs.stage, { recordingId: 'rec-x', questionId: 'q-x', mimeType: 'audio/webm', bytes: 10, sha256: 'c'.repeat(64), durationSec: 1, transcribeOn: 'guest-device', at: 8_000 });
    for (const kind of ['stage', 'staff', 'assessment'] as const) expect(mayMoveStatus(kind, docs[kind])).toBe(false);
    reaction(docs, plan.questions[1]!.id);
    expect(mayMoveStatus('staff', docs.staff)).toBe(true);
    noteStatusRead(docs, true);
    setRating(docs.staff, plan.questions[1]!.id, 2, { by: 'Rita', role: 'reviewer' }, 9_000);
    expect(mayMoveStatus('staff', docs.staff)).toBe(true);
    docs.stage.getMap('transcriptFlags').set(firstRecording(stage), { recordingId: firstRecording(stage), flags: [{ quote: 'start', note: null }] });
    expect(mayMoveStatus('stage', docs.stage)).toBe(true);
  });

  it('counts a change received from another device, and reads a document loaded again afresh', async () => {
    const { docs, plan } = await seeded();
    noteStatusRead(docs, true);
    const other = copyOf(docs.staff);
    addReaction(other, 'strong', { questionId: plan.questions[0]!.id, questionIndex: 0, recordingId: null, momentMs: null }, { by: 'Ivan', role: 'interviewer' }, 9_500);
    Y.applyUpdate(docs.staff, Y.encodeStateAsUpdate(other, Y.encodeStateVector(docs.staff)));
    expect(mayMoveStatus('staff', docs.staff)).toBe(true);
    expect(mayMoveStatus('staff', copyOf(docs.staff))).toBe(true);
  });
});

function firstRecording(stage: { answers: Array<{ recordingId: string | null }> }): string {
  return stage.answers.find((a) => a.recordingId !== null)!.recordingId!;
}

function firstAnswered(stage: { answers: Array<{ recordingId: string | null; questionId: string }> }): string {
  return stage.answers.find((a) => a.recordingId !== null)!.questionId;
}
