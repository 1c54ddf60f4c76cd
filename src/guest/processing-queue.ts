/**
 * Answers waiting for transcription and first-pass scoring. A stopped recording
 * moves its answer to `processing` in the stage machine; this queue turns every
 * such answer into a job for the registered `AnswerProcessor` (the on-device
 * Whisper + scoring pipeline plugs in here with `registerAnswerProcessor`),
 * stores the transcript it returns and dispatches ANSWER_PROCESSED.
 *
 * The queue keeps no list of its own: the jobs are the answers the stage state
 * says are `processing`, so a reload re-creates exactly the same queue. With no
 * processor registered the answers simply wait (the screen says "Waiting for
 * transcription"), and registering one later drains them.
 *
 * A guest who declined AI-assisted scoring is never given to the processor:
 * their answers are marked processed at once ("human review only"), and only
 * people listen to them.
 */
import type { StageState } from '../domain/stage';
import { appDb, type InterqDatabase } from '../storage/db';
import { assembleRecording } from '../storage/recordings';
import { saveTranscript, type TranscriptInput } from './transcripts';
import type { GuestSession } from './session';

export interface AnswerProcessingJob {
  interviewId: string;
  questionId: string;
  recordingId: string;
  mimeType: string;
  durationMs: number;
  /** The question as the guest saw it, for scoring that needs it. */
  prompt: string | null;
  /** Reads the complete take from IndexedDB (chunks in order). */
  loadAudio(): Promise<Blob>;
  /** Aborted when the answer stops being current (re-recorded, page closing). */
  signal: AbortSignal;
}

export type AnswerProcessingResult =
  | { outcome: 'ok'; transcript?: TranscriptInput | null; detail?: string }
  | { outcome: 'failed'; detail: string };

export type AnswerProcessor = (job: AnswerProcessingJob) => Promise<AnswerProcessingResult>;

// ---------------------------------------------------------------------------
// Registry: one processor for the page, swappable.

let registered: AnswerProcessor | null = null;
const registryListeners = new Set<() => void>();

/** Plugs in transcription and scoring; returns the function that unplugs it. */
export function registerAnswerProcessor(processor: AnswerProcessor): () => void {
  registered = processor;
  for (const l of [...registryListeners]) l();
  return () => {
    if (registered !== processor) return;
    registered = null;
    for (const l of [...registryListeners]) l();
  };
}

export function answerProcessor(): AnswerProcessor | null {
  return registered;
}

function onProcessorChange(listener: () => void): () => void {
  registryListeners.add(listener);
  return () => registryListeners.delete(listener);
}

// ---------------------------------------------------------------------------

export const HUMAN_REVIEW_DETAIL = 'human review only: the guest declined AI-assisted scoring';
const MAX_ATTEMPTS = 3;

export interface ProcessingView {
  /** Answers waiting or running. */
  waiting: string[];
  /** The question being processed now. */
  running: string | null;
  processorAvailable: boolean;
  /** Per question: the last failed attempt's message, while a retry is pending. */
  retrying: Record<string, string>;
}

export interface ProcessingQueueOptions {
  db?: InterqDatabase;
  prompts?: (questionId: string) => string | null;
  /** Delay before a failed attempt is retried. */
  retryDelayMs?: (attempt: number) => number;
}

interface Job {
  questionId: string;
  recordingId: string;
}

export class ProcessingQueue {
  private readonly db: InterqDatabase;
  private readonly attempts = new Map<string, number>();
  private readonly lastErrors = new Map<string, string>();
  /** Recordings waiting out the delay before a retry. */
  private readonly cooling = new Set<string>();
  private readonly listeners = new Set<(view: ProcessingView) => void>();
  private running: { job: Job; controller: AbortController } | null = null;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private view: ProcessingView;
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly session: GuestSession,
    private readonly options: ProcessingQueueOptions = {},
  ) {
    this.db = options.db ?? appDb();
    this.view = this.computeView();
    this.unsubscribe.push(session.subscribe(() => this.poke()));
    this.unsubscribe.push(onProcessorChange(() => this.poke()));
    this.poke();
  }

  readonly getView = (): ProcessingView => this.view;

  readonly subscribe = (listener: (view: ProcessingView) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Looks for work again, e.g. after a recording was finalized in storage. */
  poke(): void {
    if (this.stopped) return;
    const state = this.session.getState();
    // A job whose answer moved on (re-recorded, host override) is no longer wanted.
    if (this.running && !this.isWanted(state, this.running.job)) this.running.controller.abort();
    this.publish();
    if (this.running) return;
    const job = this.nextJob(state);
    if (!job) return;
    if (state.humanReviewOnly) {
      this.session.system({ type: 'ANSWER_PROCESSED', questionId: job.questionId, recordingId: job.recordingId, outcome: 'ok', detail: HUMAN_REVIEW_DETAIL });
      return;
    }
    const processor = registered;
    if (!processor) return;
    void this.run(job, processor);
  }

  stop(): void {
    this.stopped = true;
    this.running?.controller.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const u of this.unsubscribe) u();
    this.listeners.clear();
  }

  private jobs(state: StageState): Job[] {
    return state.answers
      .filter((a) => a.status === 'processing' && a.recordingId !== null)
      .map((a) => ({ questionId: a.questionId, recordingId: a.recordingId! }));
  }

  private isWanted(state: StageState, job: Job): boolean {
    return this.jobs(state).some((j) => j.questionId === job.questionId && j.recordingId === job.recordingId);
  }

  private nextJob(state: StageState): Job | null {
    return (
      this.jobs(state).find((j) => {
        const tries = this.attempts.get(j.recordingId) ?? 0;
        return tries < MAX_ATTEMPTS && !this.cooling.has(j.recordingId);
      }) ?? null
    );
  }

  private computeView(): ProcessingView {
    const state = this.session.getState();
    const retrying: Record<string, string> = {};
    for (const j of this.jobs(state)) {
      const e = this.lastErrors.get(j.recordingId);
      if (e) retrying[j.questionId] = e;
    }
    return {
      waiting: this.jobs(state).map((j) => j.questionId),
      running: this.running?.job.questionId ?? null,
      processorAvailable: registered !== null || state.humanReviewOnly,
      retrying,
    };
  }

  private publish(): void {
    const next = this.computeView();
    const same =
      next.running === this.view.running &&
      next.processorAvailable === this.view.processorAvailable &&
      next.waiting.join() === this.view.waiting.join() &&
      JSON.stringify(next.retrying) === JSON.stringify(this.view.retrying);
    if (same) return;
    this.view = next;
    for (const l of [...this.listeners]) l(next);
  }

  private async run(job: Job, processor: AnswerProcessor): Promise<void> {
    const record = await this.db.recordings.get(job.recordingId);
    // The recorder may still be finalizing this take (host moved on mid-recording): wait for its poke.
    if (!record || record.status !== 'complete' || this.running || this.stopped) return;
    const controller = new AbortController();
    this.running = { job, controller };
    this.publish();
    const tries = (this.attempts.get(job.recordingId) ?? 0) + 1;
    this.attempts.set(job.recordingId, tries);
    const state = this.session.getState();
    let result: AnswerProcessingResult | null = null;
    let failure: string | null = null;
    try {
      result = await processor({
        interviewId: state.interviewId,
        questionId: job.questionId,
        recordingId: job.recordingId,
        mimeType: record.mimeType,
        durationMs: record.durationMs,
        prompt: this.options.prompts?.(job.questionId) ?? null,
        loadAudio: () => assembleRecording(job.recordingId, this.db),
        signal: controller.signal,
      });
      if (result.outcome === 'ok' && result.transcript) {
        await saveTranscript({ ...result.transcript, recordingId: job.recordingId, interviewId: state.interviewId, questionId: job.questionId }, this.db);
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    this.running = null;
    if (this.stopped) return;
    if (controller.signal.aborted) {
      this.poke();
      return;
    }
    if (failure !== null) {
      if (tries < MAX_ATTEMPTS) {
        // A crashed worker is restarted by its client; try again shortly rather than give up on the answer.
        this.lastErrors.set(job.recordingId, failure);
        this.cooling.add(job.recordingId);
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.cooling.delete(job.recordingId);
          this.poke();
        }, this.options.retryDelayMs?.(tries) ?? 2000 * tries);
        this.timers.add(t);
        this.poke();
        return;
      }
      result = { outcome: 'failed', detail: `processing failed ${tries} times: ${failure}` };
    }
    this.lastErrors.delete(job.recordingId);
    const r = result!;
    this.session.system({
      type: 'ANSWER_PROCESSED',
      questionId: job.questionId,
      recordingId: job.recordingId,
      outcome: r.outcome,
      ...(r.outcome === 'failed' ? { detail: r.detail } : r.detail ? { detail: r.detail } : {}),
    });
    this.poke();
  }
}
