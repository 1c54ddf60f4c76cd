/**
 * The guest's runtime outside the browser: the session persists every state in
 * IndexedDB (fake-indexeddb) and publishes it to a real Y.Doc, refused events
 * are logged and never applied, host commands from the stage document go
 * through the same machine, reload recovery reads real stored recordings, and
 * the processing queue waits for a processor and stores what it returns.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterqDatabase } from '../../src/storage/db';
import { appendChunk, createRecording, finalizeRecording, getRecording } from '../../src/storage/recordings';
import { loadStageState, quarantineStageState, saveStageState, stageStateKey } from '../../src/storage/stage-state';
import { createStageState, type StageState } from '../../src/domain/stage';
import type { PublicQuestion } from '../../src/domain/plan-split';
import { pushHostCommand, readStageState, commandResult } from '../../src/sync/stage-doc';
import { GuestSession } from '../../src/guest/session';
import { openGuestRuntime, type GuestRuntime } from '../../src/guest/runtime';
import { HUMAN_REVIEW_DETAIL, ProcessingQueue, registerAnswerProcessor, type AnswerProcessingJob } from '../../src/guest/processing-queue';
import { loadTranscript } from '../../src/guest/transcripts';
import { slotsFromPublicQuestions } from '../../src/guest/plan-slots';

const IV = 'guest-unit';
let dbCount = 0;
const opened: InterqDatabase[] = [];
const runtimes: GuestRuntime[] = [];
const unplug: Array<() => void> = [];
const sessions: GuestSession[] = [];

function newSession(state: StageState, db: InterqDatabase, warn?: (m: string, d: unknown) => void): GuestSession {
  const s = new GuestSession(state, warn ? { db, warn } : { db });
  sessions.push(s);
  return s;
}

function freshDb(): InterqDatabase {
  dbCount += 1;
  const db = new InterqDatabase(`guest-runtime-${dbCount}-${Date.now()}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const u of unplug.splice(0)) u();
  for (const s of sessions.splice(0)) await s.flush();
  for (const r of runtimes.splice(0)) {
    await r.session.flush();
    r.dispose();
  }
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
  vi.restoreAllMocks();
});

const QUESTIONS: PublicQuestion[] = [
  { id: 'q1', kind: 'spoken', topic: 't', difficulty: 2, archetypes: ['backend'], depths: ['standard'], source: 'bank', prompt: 'Explain caching in a few sentences.', timeLimitSec: 120 },
  {
    id: 'q2',
    kind: 'mcq',
    topic: 't',
    difficulty: 2,
    archetypes: ['backend'],
    depths: ['standard'],
    source: 'bank',
    prompt: 'Which status code means not found?',
    options: ['200', '301', '404', '500'],
    timeLimitSec: 60,
  },
];

const guest = { role: 'guest' as const };

function freshState(now = 1_000): StageState {
  return createStageState({ interviewId: IV, questions: slotsFromPublicQuestions(QUESTIONS), now });
}

/** A state on question 1 with a take running, as the machine makes it. */
function recordingState(session: GuestSession, recordingId: string): void {
  const t = Date.now();
  expect(session.dispatch({ type: 'TECH_CHECK_PASSED', actor: guest, at: t }).ok).toBe(true);
  expect(session.dispatch({ type: 'CONSENT_GIVEN', actor: guest, at: t, recording: true, aiScoring: true }).ok).toBe(true);
  expect(session.dispatch({ type: 'START_INTERVIEW', actor: guest, at: t }).ok).toBe(true);
  expect(session.dispatch({ type: 'START_RECORDING', actor: guest, at: t, recordingId }).ok).toBe(true);
}

async function storeTake(db: InterqDatabase, id: string, seconds: number, finalize: boolean): Promise<void> {
  await createRecording({ interviewId: IV, questionId: 'q1', mimeType: 'audio/webm;codecs=opus', startedAt: Date.now(), id }, db);
  for (let i = 0; i < seconds; i += 1) await appendChunk({ recordingId: id, seq: i, endMs: (i + 1) * 1000, data: new Blob([`chunk-${i}`]) }, db);
  if (finalize) await finalizeRecording(id, {}, db);
}

describe('stage state storage', () => {
  it('saves and loads the state under stage:<id>, and reports a corrupt copy instead of using it', async () => {
    const db = freshDb();
    expect(await loadStageState(IV, db)).toBeNull();
    const state = freshState();
    await saveStageState(state, db);
    expect(await loadStageState(IV, db)).toEqual({ ok: true, state });

    await db.kv.put({ key: stageStateKey(IV), value: { ...state, currentIndex: 'two' } });
    const bad = await loadStageState(IV, db);
    expect(bad).toMatchObject({ ok: false });
    expect(bad && !bad.ok && bad.reason).toMatch(/currentIndex/);
    const kept = await quarantineStageState(IV, db);
    expect(kept).toMatch(/^stage-unreadable:guest-unit:/);
    expect(await loadStageState(IV, db)).toBeNull();
    expect((await db.kv.get(kept!))?.value).toMatchObject({ currentIndex: 'two' });
  });
});

describe('guest session', () => {
  it('persists every accepted event, newest last, and publishes it to the stage document', async () => {
    const db = freshDb();
    const doc = new Y.Doc();
    const session = newSession(freshState(), db);
    session.attachStageDoc(doc);
    recordingState(session, 'take-1');
    await session.flush();
    const stored = await loadStageState(IV, db);
    expect(stored?.ok && stored.state.stage).toBe('recording');
    expect(stored?.ok && stored.state.revision).toBe(session.getState().revision);
    expect(readStageState(doc)?.stage).toBe('recording');
    expect(session.getPersistStatus()).toEqual({ state: 'saved' });
  });

  it('refuses an illegal event: logged, kept in the refusal list, state otherwise unchanged', async () => {
    const db = freshDb();
    const warn = vi.fn();
    const session = newSession(freshState(), db, warn);
    const before = session.getState();
    const result = session.guest({ type: 'START_RECORDING', recordingId: 'too-early' });
    expect(result.ok).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('START_RECORDING refused'), expect.anything());
    const after = session.getState();
    expect(after.stage).toBe('setup');
    expect(after.answers).toEqual(before.answers);
    expect(after.refusals).toHaveLength(1);
    expect(after.refusals[0]).toMatchObject({ type: 'START_RECORDING' });
    await session.flush();
    const stored = await loadStageState(IV, db);
    expect(stored?.ok && stored.state.refusals).toHaveLength(1);
  });

  it('reports a failed write and recovers on the next one', async () => {
    const db = freshDb();
    const warn = vi.fn();
    const session = newSession(freshState(), db, warn);
    const put = vi.spyOn(db.kv, 'put').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    session.guest({ type: 'TECH_CHECK_PASSED' });
    await session.flush();
    expect(session.getPersistStatus()).toMatchObject({ state: 'failed', message: expect.stringContaining('QuotaExceededError') });
    put.mockRestore();
    session.guest({ type: 'CONSENT_GIVEN', recording: true, aiScoring: false });
    await session.flush();
    expect(session.getPersistStatus()).toEqual({ state: 'saved' });
    const stored = await loadStageState(IV, db);
    expect(stored?.ok && stored.state.humanReviewOnly).toBe(true);
  });
});

describe('guest runtime', () => {
  async function open(db: InterqDatabase, doc: Y.Doc | null = null): Promise<GuestRuntime> {
    const rt = await openGuestRuntime({ interviewId: IV, questions: QUESTIONS, stageDoc: doc, db });
    runtimes.push(rt);
    return rt;
  }

  it('creates the state on first visit and saves it', async () => {
    const db = freshDb();
    const rt = await open(db);
    expect(rt.resumed).toBe(false);
    expect(rt.session.getState().stage).toBe('setup');
    expect(rt.session.getState().questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    const stored = await loadStageState(IV, db);
    expect(stored?.ok).toBe(true);
  });

  it('after a reload mid-recording, offers the cut-off take with the audio actually stored', async () => {
    const db = freshDb();
    const session = newSession(freshState(), db);
    recordingState(session, 'cut-take');
    await session.flush();
    await storeTake(db, 'cut-take', 4, false);

    const rt = await open(db);
    const state = rt.session.getState();
    expect(rt.resumed).toBe(true);
    expect(state.stage).toBe('question');
    expect(state.answers[0]).toMatchObject({ status: 'interrupted', interrupted: { recordingId: 'cut-take', durationMs: 4000 } });
    expect(rt.resumeNotes.join()).toContain('cut off after 4000 ms');
    const stored = await loadStageState(IV, db);
    expect(stored?.ok && stored.state.answers[0]!.status).toBe('interrupted');
  });

  it('after a reload with the take finalized but not yet stopped in the state, settles it as the answer', async () => {
    const db = freshDb();
    const session = newSession(freshState(), db);
    recordingState(session, 'done-take');
    await session.flush();
    await storeTake(db, 'done-take', 3, true);
    const rt = await open(db);
    expect(rt.session.getState().answers[0]).toMatchObject({ status: 'processing', recordingId: 'done-take', durationMs: 3000 });
    expect(rt.queue.getView()).toMatchObject({ waiting: ['q1'], running: null, processorAvailable: false });
  });

  it('applies host commands from the stage document through the machine, with the guest clock, and marks them', async () => {
    const db = freshDb();
    const doc = new Y.Doc();
    const rt = await open(db, doc);
    const hostEvent = (event: object) => ({ ...event, actor: { role: 'host', id: 'h' }, at: 1 }) as never;
    pushHostCommand(doc, { id: 'c1', event: hostEvent({ type: 'HOST_SET_ACCOMMODATIONS', accommodations: { extraTimePct: 50, extraRerecords: 2, typingInsteadOfSpeaking: true } }), issuedBy: 'h', at: 1 });
    // Not a host override: refused and marked, never applied.
    pushHostCommand(doc, { id: 'c2', event: { type: 'TECH_CHECK_PASSED', actor: { role: 'guest' }, at: 1 } as never, issuedBy: 'h', at: 1 });
    // Not allowed in setup: refused by the machine.
    pushHostCommand(doc, { id: 'c3', event: hostEvent({ type: 'HOST_PAUSE' }), issuedBy: 'h', at: 1 });
    await new Promise((r) => setTimeout(r, 10));
    const state = rt.session.getState();
    expect(state.accommodations).toEqual({ extraTimePct: 50, extraRerecords: 2, typingInsteadOfSpeaking: true });
    expect(state.stage).toBe('setup');
    const applied = state.log.find((l) => l.type === 'HOST_SET_ACCOMMODATIONS')!;
    expect(applied.actor).toEqual({ role: 'host', id: 'h' });
    expect(applied.at).toBeGreaterThan(1_000_000);
    expect(commandResult(doc, 'c1')).toMatchObject({ ok: true });
    expect(commandResult(doc, 'c2')).toMatchObject({ ok: false, reason: expect.stringContaining('only host overrides') });
    expect(commandResult(doc, 'c3')).toMatchObject({ ok: false, reason: expect.stringContaining("not allowed in stage 'setup'") });
    expect(readStageState(doc)?.accommodations.extraTimePct).toBe(50);
    await rt.session.flush();
    const stored = await loadStageState(IV, db);
    expect(stored?.ok && stored.state.accommodations.typingInsteadOfSpeaking).toBe(true);
  });
});

describe('a second device of the same guest', () => {
  /** What the first device published: the interview under way on question 1, then finished. */
  async function publishedElsewhere(doc: Y.Doc, finished: boolean): Promise<StageState> {
    const other = newSession(freshState(), freshDb());
    other.attachStageDoc(doc);
    const t = Date.now();
    other.dispatch({ type: 'TECH_CHECK_PASSED', actor: guest, at: t });
    other.dispatch({ type: 'CONSENT_GIVEN', actor: guest, at: t, recording: true, aiScoring: true });
    other.dispatch({ type: 'START_INTERVIEW', actor: guest, at: t });
    if (finished) other.replace({ ...other.getState(), stage: 'completed', completedAt: t, revision: other.getState().revision + 1 });
    await other.flush();
    other.dispose();
    return readStageState(doc)!;
  }

  async function open(db: InterqDatabase, doc: Y.Doc): Promise<GuestRuntime> {
    const rt = await openGuestRuntime({ interviewId: IV, questions: QUESTIONS, stageDoc: doc, db });
    runtimes.push(rt);
    return rt;
  }

  it('continues from the published state instead of publishing a fresh one over a finished interview', async () => {
    const doc = new Y.Doc();
    const published = await publishedElsewhere(doc, true);
    expect(published.stage).toBe('completed');
    const rt = await open(freshDb(), doc);
    expect(rt.session.getState().stage).toBe('completed');
    expect(readStageState(doc)?.stage).toBe('completed');
    expect(readStageState(doc)!.revision).toBeGreaterThan(published.revision);
    expect(rt.session.getState().log.at(-1)?.detail).toMatch(/^continued on another device/);
  });

  // Which of two concurrent writes keeps a map entry depends on the Yjs client ids: try both orders.
  it.each([
    ['this device writes with the lower client id', 1, 2 ** 30],
    ['this device writes with the higher client id', 2 ** 30, 1],
  ])('takes the published state when it arrives from the server after the device opened (%s)', async (_name, mine, theirs) => {
    const doc = new Y.Doc();
    doc.clientID = mine;
    const rt = await open(freshDb(), doc);
    expect(rt.session.getState().stage).toBe('setup');
    expect(readStageState(doc)?.stage).toBe('setup');
    const server = new Y.Doc();
    server.clientID = theirs;
    await publishedElsewhere(server, false);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server), 'server');
    await new Promise((r) => setTimeout(r, 10));
    expect(rt.session.getState().stage).toBe('question');
    expect(readStageState(doc)?.stage).toBe('question');
    // The server ends where this device is, whichever write won the entry.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
    expect(readStageState(server)?.stage).toBe('question');
  });

  it('keeps its own progress when it has any: a device that did something is the authority', async () => {
    const db = freshDb();
    const mine = newSession(freshState(), db);
    mine.dispatch({ type: 'TECH_CHECK_PASSED', actor: guest, at: Date.now() });
    await mine.flush();
    const doc = new Y.Doc();
    await publishedElsewhere(doc, true);
    const rt = await open(db, doc);
    expect(rt.session.getState().stage).toBe('intro');
    expect(readStageState(doc)?.stage).toBe('intro');
  });

  it('does not publish its untouched state over one already there', async () => {
    const doc = new Y.Doc();
    const first = newSession(freshState(1), freshDb());
    first.attachStageDoc(doc);
    const before = readStageState(doc)!;
    const second = newSession(freshState(2), freshDb());
    second.attachStageDoc(doc);
    expect(readStageState(doc)).toEqual(before);
  });
});

describe('processing queue', () => {
  async function processingSession(db: InterqDatabase, aiScoring = true): Promise<GuestSession> {
    const session = newSession(freshState(), db);
    const t = Date.now();
    session.dispatch({ type: 'TECH_CHECK_PASSED', actor: guest, at: t });
    session.dispatch({ type: 'CONSENT_GIVEN', actor: guest, at: t, recording: true, aiScoring });
    session.dispatch({ type: 'START_INTERVIEW', actor: guest, at: t });
    session.dispatch({ type: 'START_RECORDING', actor: guest, at: t, recordingId: 'take-a' });
    await storeTake(db, 'take-a', 2, true);
    expect(session.dispatch({ type: 'STOP_RECORDING', actor: guest, at: t + 2000, recordingId: 'take-a', durationMs: 2000 }).ok).toBe(true);
    return session;
  }

  it('keeps answers waiting with no processor, then processes them once one is registered, storing the transcript', async () => {
    const db = freshDb();
    const session = await processingSession(db);
    const queue = new ProcessingQueue(session, { db, prompts: () => 'Explain caching.' });
    await new Promise((r) => setTimeout(r, 20));
    expect(session.getState().answers[0]!.status).toBe('processing');
    expect(queue.getView()).toMatchObject({ waiting: ['q1'], processorAvailable: false });

    const jobs: AnswerProcessingJob[] = [];
    let audioText = '';
    unplug.push(
      registerAnswerProcessor(async (job) => {
        jobs.push(job);
        audioText = await (await job.loadAudio()).text();
        return { outcome: 'ok', transcript: { text: 'A cache keeps data close. It must be invalidated.', source: 'test-transcriber' } };
      }),
    );
    await vi.waitFor(() => expect(session.getState().answers[0]!.status).toBe('answered'));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ interviewId: IV, questionId: 'q1', recordingId: 'take-a', mimeType: 'audio/webm;codecs=opus', durationMs: 2000, prompt: 'Explain caching.' });
    expect(audioText).toBe('chunk-0chunk-1');
    expect(session.getState().answers[0]!.processing).toMatchObject({ outcome: 'ok' });
    const transcript = await loadTranscript('take-a', db);
    expect(transcript).toMatchObject({ questionId: 'q1', source: 'test-transcriber', flags: [] });
    expect(transcript!.segments.map((s) => s.text)).toEqual(['A cache keeps data close.', 'It must be invalidated.']);
    queue.stop();
  });

  it('retries a failing processor and finally marks the answer processed as failed (kept for human review)', async () => {
    const db = freshDb();
    const session = await processingSession(db);
    let calls = 0;
    unplug.push(
      registerAnswerProcessor(async () => {
        calls += 1;
        throw new Error('worker crashed');
      }),
    );
    const queue = new ProcessingQueue(session, { db, retryDelayMs: () => 5 });
    await vi.waitFor(() => expect(session.getState().answers[0]!.status).toBe('answered'));
    expect(calls).toBe(3);
    expect(session.getState().answers[0]!.processing).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('worker crashed') });
    queue.stop();
  });

  it('never gives a declined guest’s answer to the processor: human review only', async () => {
    const db = freshDb();
    const session = await processingSession(db, false);
    const processor = vi.fn();
    unplug.push(registerAnswerProcessor(processor));
    const queue = new ProcessingQueue(session, { db });
    await vi.waitFor(() => expect(session.getState().answers[0]!.status).toBe('answered'));
    expect(processor).not.toHaveBeenCalled();
    expect(session.getState().answers[0]!.processing).toMatchObject({ outcome: 'ok', detail: HUMAN_REVIEW_DETAIL });
    expect(await getRecording('take-a', db)).toMatchObject({ status: 'complete' });
    queue.stop();
  });

  it('waits while the take is still being finalized in storage', async () => {
    const db = freshDb();
    const session = newSession(freshState(), db);
    recordingState(session, 'take-b');
    await storeTake(db, 'take-b', 1, false);
    // The host moves on mid-recording: the answer is processing but storage still says recording.
    session.dispatch({ type: 'HOST_NEXT', actor: { role: 'host' }, at: Date.now() });
    const processor = vi.fn(async () => ({ outcome: 'ok' as const }));
    unplug.push(registerAnswerProcessor(processor));
    const queue = new ProcessingQueue(session, { db });
    await new Promise((r) => setTimeout(r, 30));
    expect(processor).not.toHaveBeenCalled();
    await finalizeRecording('take-b', {}, db);
    queue.poke();
    await vi.waitFor(() => expect(processor).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(session.getState().answers[0]!.status).toBe('answered'));
    queue.stop();
  });
});
