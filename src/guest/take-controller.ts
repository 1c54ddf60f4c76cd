/**
 * Records the takes of spoken answers and keeps the recorder in step with the
 * stage machine. The order of writes is chosen so that a crash at any moment
 * leaves something `resumeAfterReload` understands:
 *
 *   start:  take record + chunks in IndexedDB, then START_RECORDING (a take on
 *           disk the state never heard of is found as an orphan and offered back)
 *   stop:   take finalized in IndexedDB, then STOP_RECORDING (a complete take the
 *           state still calls "recording" is settled as stopped)
 *   failure (full disk, lost microphone): FAIL with the audio stored so far, so
 *           the take waits for "keep what was recorded" or "record again".
 *
 * The controller also follows the state: a host pause pauses the recorder, a
 * host override that moves on stops it (the audio is kept), and the time limit
 * (warning 15 s before) stops it by itself.
 */
import { currentAnswer, currentSlot, timerView, type StageState } from '../domain/stage';
import {
  createChunkRecorder,
  RecorderError,
  stageEventForOutcome,
  watchTimeLimit,
  type ChunkRecorder,
  type MediaErrorInfo,
  type MediaRecorderConstructor,
  type RecordingOutcome,
} from '../media';
import { appDb, type InterqDatabase } from '../storage/db';
import { discardRecording, finalizeRecording, RecordingStorageError } from '../storage/recordings';
import type { GuestMicrophone } from './microphone';
import type { GuestEvent, GuestSession } from './session';

export type TakeMode = 'first' | 'rerecord' | 'recover';

export interface TakeView {
  status: 'idle' | 'starting' | 'recording' | 'paused' | 'stopping';
  questionId: string | null;
  recordingId: string | null;
  /** Audio safely stored so far (end of the last stored chunk). */
  storedMs: number;
  storedBytes: number;
  /** Inside the last 15 seconds of the time limit. */
  warning: boolean;
  /** Why the microphone could not be opened, with the fix (shown with the "Voice Error" toast). */
  micError: MediaErrorInfo | null;
  /** A one-off message for the guest (e.g. why a take did not start). */
  notice: string | null;
}

const IDLE: TakeView = {
  status: 'idle',
  questionId: null,
  recordingId: null,
  storedMs: 0,
  storedBytes: 0,
  warning: false,
  micError: null,
  notice: null,
};

interface ActiveTake {
  rec: ChunkRecorder;
  questionId: string;
  /** The cut-off take this one replaces once complete ("record again"). */
  supersedes: string | null;
  stopBy: 'guest' | 'time-limit' | 'moved-on' | null;
  timerKey: string;
}

export function newRecordingId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export interface TakeControllerOptions {
  session: GuestSession;
  microphone: Pick<GuestMicrophone, 'acquire'>;
  db?: InterqDatabase;
  /** The browser's MediaRecorder unless given (tests, other engines). */
  mediaRecorder?: MediaRecorderConstructor;
  /** Called when a take has ended and its storage is settled (the processing queue looks for work). */
  onTakeSettled?: () => void;
  warn?: (message: string, detail?: unknown) => void;
}

export class TakeController {
  private view: TakeView = IDLE;
  private active: ActiveTake | null = null;
  private disarm: (() => void) | null = null;
  private readonly listeners = new Set<(v: TakeView) => void>();
  private readonly db: InterqDatabase;
  private readonly unsubscribe: () => void;
  private readonly warn: (message: string, detail?: unknown) => void;

  constructor(private readonly options: TakeControllerOptions) {
    this.db = options.db ?? appDb();
    this.warn = options.warn ?? ((m, d) => console.warn(m, d));
    this.unsubscribe = options.session.subscribe((s) => this.follow(s));
  }

  readonly getView = (): TakeView => this.view;

  readonly subscribe = (listener: (v: TakeView) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Audio time of the running take, pauses excluded. */
  elapsedMs(): number {
    return this.active?.rec.elapsedMs() ?? 0;
  }

  clearNotice(): void {
    this.set({ notice: null, micError: null });
  }

  async start(mode: TakeMode): Promise<boolean> {
    if (this.active || this.view.status === 'starting') return false;
    const { session } = this.options;
    const state = session.getState();
    const slot = currentSlot(state);
    const answer = currentAnswer(state);
    if (!slot || !answer || slot.kind !== 'spoken') return false;
    this.set({ ...IDLE, status: 'starting', questionId: slot.id });

    const mic = await this.options.microphone.acquire(state.techCheck?.inputDeviceId ?? null);
    if (!mic.ok) {
      this.set({ ...IDLE, micError: mic.error });
      session.guest({ type: 'FAIL', code: 'microphone', message: `${mic.error.title}. ${mic.error.message}` });
      return false;
    }
    const recordingId = newRecordingId();
    const rec = createChunkRecorder({
      stream: mic.stream,
      interviewId: state.interviewId,
      questionId: slot.id,
      recordingId,
      db: this.db,
      ...(this.options.mediaRecorder ? { mediaRecorder: this.options.mediaRecorder } : {}),
      onChunkStored: (p) => {
        if (this.active?.rec === rec) this.set({ storedMs: p.storedMs, storedBytes: p.storedBytes });
      },
    });
    try {
      await rec.start();
    } catch (error) {
      this.set({ ...IDLE });
      session.guest({ type: 'FAIL', code: failCodeOf(error), message: error instanceof Error ? error.message : String(error) });
      return false;
    }

    // The state may have moved while the recorder started (a host pause or override): the machine decides.
    const event: GuestEvent =
      mode === 'first'
        ? { type: 'START_RECORDING', recordingId }
        : mode === 'rerecord'
          ? { type: 'RERECORD', recordingId }
          : { type: 'RECOVER_INTERRUPTED_RECORDING', choice: 'rerecord', recordingId };
    const supersedes = mode === 'recover' ? (currentAnswer(session.getState())?.interrupted?.recordingId ?? null) : null;
    const result = session.guest(event);
    if (!result.ok) {
      await rec.cancel();
      this.set({ ...IDLE, notice: `The recording could not start: ${result.reason}.` });
      return false;
    }
    this.active = { rec, questionId: slot.id, supersedes, stopBy: null, timerKey: '' };
    this.set({ ...IDLE, status: 'recording', questionId: slot.id, recordingId });
    this.armTimer(session.getState());
    void rec.done.then((outcome) => this.finish(outcome));
    return true;
  }

  /** The guest pressed Stop. */
  async stop(): Promise<void> {
    const active = this.active;
    if (!active || active.stopBy) return;
    active.stopBy = 'guest';
    this.set({ status: 'stopping' });
    await active.rec.stop();
  }

  dispose(): void {
    this.unsubscribe();
    this.disarm?.();
    this.disarm = null;
    // Leaving the screen mid-take keeps the audio: the take is stopped and finalized like a press on Stop.
    if (this.active && !this.active.stopBy) {
      this.active.stopBy = 'guest';
      void this.active.rec.stop();
    }
    this.listeners.clear();
  }

  private set(patch: Partial<TakeView>): void {
    this.view = { ...this.view, ...patch };
    for (const l of [...this.listeners]) l(this.view);
  }

  private armTimer(state: StageState): void {
    const active = this.active;
    if (!active) return;
    const timer = state.timer;
    const key = timer && timer.purpose === 'answer-recording' ? `${timer.questionId}:${timer.deadline}:${timer.pausedAt}` : '';
    if (key === active.timerKey) return;
    active.timerKey = key;
    this.disarm?.();
    this.disarm = null;
    const view = timerView(state, Date.now());
    if (!view || view.purpose !== 'answer-recording') return;
    this.set({ warning: view.warning });
    this.disarm = watchTimeLimit(view, {
      onWarning: () => this.set({ warning: true }),
      onLimit: () => {
        if (this.active !== active || active.stopBy) return;
        active.stopBy = 'time-limit';
        this.set({ status: 'stopping' });
        void active.rec.stop();
      },
    });
  }

  private follow(state: StageState): void {
    const active = this.active;
    if (!active) return;
    const answer = state.answers.find((a) => a.questionId === active.questionId);
    if (answer?.activeRecordingId !== active.rec.recordingId) {
      // Only an outside event gets here (host override); the audio is kept and finalized.
      if (!active.stopBy) {
        active.stopBy = 'moved-on';
        this.set({ status: 'stopping' });
        void active.rec.stop();
      }
      return;
    }
    if (state.stage === 'paused' && active.rec.state === 'recording') {
      active.rec.pause();
      this.set({ status: 'paused' });
    } else if (state.stage === 'recording' && active.rec.state === 'paused') {
      active.rec.resume();
      this.set({ status: 'recording' });
    }
    this.armTimer(state);
  }

  private async finish(outcome: RecordingOutcome): Promise<void> {
    const active = this.active;
    if (!active || active.rec.recordingId !== outcome.recordingId) return;
    this.active = null;
    this.disarm?.();
    this.disarm = null;
    const { session } = this.options;
    const state = session.getState();
    const answer = state.answers.find((a) => a.questionId === active.questionId);
    const stillActive = answer?.activeRecordingId === outcome.recordingId;
    if (stillActive && active.stopBy !== 'moved-on') {
      const by = active.stopBy === 'time-limit' ? 'time-limit' : 'guest';
      const event = stageEventForOutcome(outcome, {
        at: Date.now(),
        actor: { role: by === 'time-limit' ? 'system' : 'guest' },
        questionId: active.questionId,
        stoppedBy: by,
      });
      if (event) {
        const result = session.dispatch(event);
        if (!result.ok && event.type === 'TIME_LIMIT_REACHED' && outcome.type === 'complete') {
          // The limit moved while the recorder was stopping (host extension): the take is complete either way.
          session.guest({ type: 'STOP_RECORDING', recordingId: outcome.recordingId, durationMs: outcome.record.durationMs });
        }
      }
    } else if (outcome.type === 'storage-full' || outcome.type === 'failed') {
      // The state moved on and counts this take as the answer: keep what was stored.
      if (state.answers.some((a) => a.recordingId === outcome.recordingId)) {
        await finalizeRecording(outcome.recordingId, {}, this.db).catch((e) => this.warn('Keeping the cut-off take failed', e));
      }
    }
    if (outcome.type === 'complete' && active.supersedes) {
      await discardRecording(active.supersedes, this.db).catch((e) => this.warn('Dropping the replaced cut-off take failed', e));
    }
    const notice =
      outcome.type === 'storage-full'
        ? 'This device is out of storage space. The recording stopped; everything recorded so far is saved.'
        : outcome.type === 'failed'
          ? outcome.error.message
          : null;
    this.set({ ...IDLE, notice });
    this.options.onTakeSettled?.();
  }
}

function failCodeOf(error: unknown): 'microphone' | 'recorder' | 'storage' | 'storage-full' {
  if (error instanceof RecordingStorageError) return error.kind === 'quota' ? 'storage-full' : 'storage';
  if (error instanceof RecorderError && error.code === 'no-audio') return 'microphone';
  return 'recorder';
}
