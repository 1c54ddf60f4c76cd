/**
 * The take controller keeps the recorder and the stage machine in step: real
 * ChunkRecorder and real IndexedDB storage (fake-indexeddb), with a scripted
 * MediaRecorder standing in for the browser's (Node has none). Covers a normal
 * take, a full disk mid-take (stops with a clear message, keeps what was
 * stored, offers it back), a failing microphone, host pause and override, and
 * the time limit.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { fillDiskAfter } from '../support/full-disk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterqDatabase } from '../../src/storage/db';
import { getRecording } from '../../src/storage/recordings';
import { createStageState, type StageState } from '../../src/domain/stage';
import type { MediaErrorInfo, MediaRecorderConstructor, MicrophoneResult } from '../../src/media';
import { GuestSession } from '../../src/guest/session';
import { TakeController } from '../../src/guest/take-controller';

class ScriptedRecorder extends EventTarget {
  static isTypeSupported = (t: string) => t === 'audio/webm;codecs=opus';
  static last: ScriptedRecorder | null = null;
  state: RecordingState = 'inactive';
  mimeType: string;
  constructor(
    readonly stream: MediaStream,
    options: MediaRecorderOptions = {},
  ) {
    super();
    this.mimeType = options.mimeType ?? '';
    ScriptedRecorder.last = this;
  }
  start() {
    this.state = 'recording';
  }
  pause() {
    this.state = 'paused';
  }
  resume() {
    this.state = 'recording';
  }
  emit(text: string) {
    this.dispatchEvent(Object.assign(new Event('dataavailable'), { data: new Blob([text], { type: this.mimeType }) }));
  }
  stop() {
    this.state = 'inactive';
    setTimeout(() => {
      this.emit('tail');
      this.dispatchEvent(new Event('stop'));
    }, 0);
  }
}
const Recorder = ScriptedRecorder as unknown as MediaRecorderConstructor;

const liveStream = { getAudioTracks: () => [{ readyState: 'live' }] } as unknown as MediaStream;
const workingMic = {
  acquire: async (): Promise<MicrophoneResult> => ({ ok: true, stream: liveStream, track: {} as MediaStreamTrack, deviceId: 'default', label: 'Fake', settings: {} }),
};
const BLOCKED: MediaErrorInfo = {
  kind: 'permission-denied',
  detail: 'browser',
  title: 'Microphone access is blocked',
  message: 'Chrome is not allowing this site to use your microphone.',
  fix: ['Allow it.'],
  browser: 'chrome',
  retryable: true,
  technical: 'NotAllowedError',
};
const blockedMic = { acquire: async (): Promise<MicrophoneResult> => ({ ok: false, error: BLOCKED, cause: null }) };

const opened: InterqDatabase[] = [];
const cleanups: Array<() => void> = [];
function freshDb(): InterqDatabase {
  const db = new InterqDatabase(`guest-takes-${opened.length}-${Date.now()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function onQuestion(db: InterqDatabase, timeLimitSec = 120): GuestSession {
  const state: StageState = createStageState({ interviewId: 'iv', questions: [{ id: 'q1', kind: 'spoken', timeLimitSec }, { id: 'q2', kind: 'mcq', timeLimitSec: 60, optionCount: 4 }], now: Date.now() });
  const session = new GuestSession(state, { db, warn: () => undefined });
  const t = Date.now();
  session.dispatch({ type: 'TECH_CHECK_PASSED', actor: { role: 'guest' }, at: t });
  session.dispatch({ type: 'CONSENT_GIVEN', actor: { role: 'guest' }, at: t, recording: true, aiScoring: true });
  session.dispatch({ type: 'START_INTERVIEW', actor: { role: 'guest' }, at: t });
  return session;
}

function controller(session: GuestSession, db: InterqDatabase, mic = workingMic) {
  const settled = vi.fn();
  const takes = new TakeController({ session, microphone: mic, db, mediaRecorder: Recorder, onTakeSettled: settled, warn: () => undefined });
  cleanups.push(() => takes.dispose());
  return { takes, settled };
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

describe('take controller', () => {
  it('records a take: storage first, then START_RECORDING; chunks stored as they come; Stop finalizes, then STOP_RECORDING', async () => {
    const db = freshDb();
    const session = onQuestion(db);
    const { takes, settled } = controller(session, db);
    expect(await takes.start('first')).toBe(true);
    const id = session.getState().answers[0]!.activeRecordingId!;
    expect(session.getState().stage).toBe('recording');
    expect(await getRecording(id, db)).toMatchObject({ status: 'recording', questionId: 'q1' });
    ScriptedRecorder.last!.emit('a');
    ScriptedRecorder.last!.emit('b');
    await until(() => takes.getView().storedBytes === 2);
    await takes.stop();
    await until(() => session.getState().stage === 'processing');
    expect(session.getState().answers[0]).toMatchObject({ status: 'processing', recordingId: id, stoppedBy: 'guest' });
    expect(await getRecording(id, db)).toMatchObject({ status: 'complete', bytes: 6 });
    expect(settled).toHaveBeenCalledTimes(1);
    expect(takes.getView().status).toBe('idle');
    expect(session.getState().refusals).toEqual([]);
  });

  it('a full disk stops the take with a clear message, keeps what was stored, and offers it back', async () => {
    const db = freshDb();
    fillDiskAfter(db, 2);
    const session = onQuestion(db);
    const { takes } = controller(session, db);
    await takes.start('first');
    const id = session.getState().answers[0]!.activeRecordingId!;
    for (const c of ['one', 'two', 'three']) {
      // Chunks come a timeslice apart in a browser; here a few ms, so each ends later than the one before.
      await new Promise((r) => setTimeout(r, 15));
      ScriptedRecorder.last!.emit(c);
    }
    await until(() => session.getState().stage === 'error');
    const state = session.getState();
    expect(state.error).toMatchObject({ code: 'storage-full', resumeTo: 'question' });
    expect(state.error!.message).toContain('everything recorded so far is saved');
    expect(state.answers[0]).toMatchObject({ status: 'interrupted', interrupted: { recordingId: id, wasRerecord: false } });
    expect(takes.getView().notice).toContain('out of storage space');
    const chunks = await db.audioChunks.where('recordingId').equals(id).toArray();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1]);
    expect(state.answers[0]!.interrupted!.durationMs).toBe(chunks[1]!.endMs);
    // Back on the question, the cut-off take can be kept.
    expect(session.guest({ type: 'RETRY' }).ok).toBe(true);
    expect(session.getState().stage).toBe('question');
    expect(session.guest({ type: 'RECOVER_INTERRUPTED_RECORDING', choice: 'keep' }).ok).toBe(true);
    expect(session.getState().answers[0]!.status).toBe('processing');
  });

  it('a microphone that cannot open fails the question with the classified error, and nothing is recorded', async () => {
    const db = freshDb();
    const session = onQuestion(db);
    const { takes } = controller(session, db, blockedMic);
    expect(await takes.start('first')).toBe(false);
    expect(session.getState()).toMatchObject({ stage: 'error', error: { code: 'microphone', resumeTo: 'question' } });
    expect(session.getState().answers[0]!.status).toBe('pending');
    expect(takes.getView().micError).toEqual(BLOCKED);
    expect(await db.recordings.count()).toBe(0);
  });

  it('follows the host: pause pauses the recorder, resume resumes it, moving on stops and keeps the take', async () => {
    const db = freshDb();
    const session = onQuestion(db);
    const { takes, settled } = controller(session, db);
    await takes.start('first');
    const id = session.getState().answers[0]!.activeRecordingId!;
    const host = { role: 'host' as const };
    session.dispatch({ type: 'HOST_PAUSE', actor: host, at: Date.now() });
    expect(ScriptedRecorder.last!.state).toBe('paused');
    expect(takes.getView().status).toBe('paused');
    session.dispatch({ type: 'HOST_RESUME', actor: host, at: Date.now() });
    expect(ScriptedRecorder.last!.state).toBe('recording');
    ScriptedRecorder.last!.emit('x');
    await until(() => takes.getView().storedBytes === 1);
    session.dispatch({ type: 'HOST_NEXT', actor: host, at: Date.now() });
    await until(() => settled.mock.calls.length === 1);
    const state = session.getState();
    expect(state.currentIndex).toBe(1);
    expect(state.answers[0]).toMatchObject({ status: 'processing', recordingId: id, stoppedBy: 'host' });
    expect(await getRecording(id, db)).toMatchObject({ status: 'complete' });
    // Nothing was dispatched for the take after the host moved on.
    expect(state.refusals).toEqual([]);
  });

  it('stops by itself at the time limit, as the system', async () => {
    const db = freshDb();
    const session = onQuestion(db, 1);
    const { takes } = controller(session, db);
    await takes.start('first');
    await until(() => takes.getView().warning);
    await vi.waitFor(() => expect(session.getState().stage).toBe('processing'), { timeout: 5000 });
    expect(session.getState().answers[0]!.stoppedBy).toBe('time-limit');
    const entry = session.getState().log.find((l) => l.type === 'TIME_LIMIT_REACHED');
    expect(entry?.actor.role).toBe('system');
  });
});
