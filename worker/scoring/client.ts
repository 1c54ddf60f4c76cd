/**
 * Typed client for the scoring worker: one promise per request, matched by id.
 * Works over anything that can post and receive messages (a browser Worker, a
 * Node worker thread), so the app, the tests and the benchmark share it.
 */
import type { AccuracyModel, McqInput, McqScore, RatedAnswer, SpokenAnswerInput, SpokenScore } from '../../src/domain/scoring';
import {
  isScoringResponse,
  SCORING_PROTOCOL_VERSION,
  type ScoringErrorCode,
  type ScoringRequest,
  type ScoringRequestType,
  type ScoringResultOf,
} from './protocol';

/** The transport: a worker seen as a message port. */
export interface ScoringPort {
  postMessage(message: ScoringRequest): void;
  /** Registers listeners; returns a function that removes them. */
  listen(onMessage: (data: unknown) => void, onFailure: (error: Error) => void): () => void;
  terminate(): void;
}

export class ScoringError extends Error {
  constructor(
    readonly code: ScoringErrorCode | 'timeout' | 'worker-failed' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'ScoringError';
  }
}

export interface ScoringClientOptions {
  /** Per-request limit; 0 for none. Scoring takes milliseconds, model parsing a little longer. */
  readonly timeoutMs?: number;
}

interface Pending {
  readonly type: ScoringRequestType;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout> | null;
}

type Payload<T extends ScoringRequestType> = Omit<Extract<ScoringRequest, { type: T }>, 'v' | 'id' | 'type'>;

export class ScoringClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly unlisten: () => void;
  private closed: ScoringError | null = null;
  private readonly timeoutMs: number;

  constructor(
    private readonly port: ScoringPort,
    options: ScoringClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.unlisten = port.listen(
      (data) => this.onMessage(data),
      (error) => this.failAll(new ScoringError('worker-failed', `Scoring worker failed: ${error.message}`)),
    );
  }

  /** Parses the language model ahead of the first answer. */
  warmUp(): Promise<ScoringResultOf['warm-up']> {
    return this.request('warm-up', {});
  }

  /** Replaces the worker's accuracy model (it starts with the fitted one it was built with). */
  setModel(model: AccuracyModel): Promise<ScoringResultOf['set-model']> {
    return this.request('set-model', { model });
  }

  /** The answers the team rated, for every question; replaces the previous set. */
  setRatedAnswers(answers: readonly RatedAnswer[]): Promise<ScoringResultOf['set-rated-answers']> {
    return this.request('set-rated-answers', { answers });
  }

  async scoreSpoken(input: SpokenAnswerInput): Promise<SpokenScore> {
    return (await this.request('score-spoken', { input })).score;
  }

  /** Also with the worker's timing, for benchmarks. */
  scoreSpokenTimed(input: SpokenAnswerInput): Promise<ScoringResultOf['score-spoken']> {
    return this.request('score-spoken', { input });
  }

  async scoreMcq(question: McqInput, chosenIndex: number | null): Promise<McqScore> {
    return (await this.request('score-mcq', { question, chosenIndex })).score;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  /** Rejects whatever is pending and stops the worker. */
  dispose(): void {
    if (this.closed) return;
    this.failAll(new ScoringError('closed', 'Scoring client was disposed.'));
    this.unlisten();
    this.port.terminate();
  }

  private request<T extends ScoringRequestType>(type: T, payload: Payload<T>): Promise<ScoringResultOf[T]> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    const message = { ...payload, v: SCORING_PROTOCOL_VERSION, id, type } as unknown as ScoringRequest;
    return new Promise<ScoringResultOf[T]>((resolve, reject) => {
      const entry: Pending = { type, resolve: resolve as (v: unknown) => void, reject, timer: null };
      if (this.timeoutMs > 0) {
        entry.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new ScoringError('timeout', `Scoring request ${type} got no answer within ${this.timeoutMs} ms.`));
        }, this.timeoutMs);
      }
      this.pending.set(id, entry);
      try {
        this.port.postMessage(message);
      } catch (err) {
        this.settle(id);
        reject(new ScoringError('bad-request', `Could not send ${type}: ${err instanceof Error ? err.message : String(err)}`));
      }
    });
  }

  private settle(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    return entry;
  }

  private onMessage(data: unknown): void {
    if (!isScoringResponse(data)) return;
    if (data.type === 'error') {
      const err = new ScoringError(data.code, data.message);
      if (data.id === null) this.failAll(err);
      else this.settle(data.id)?.reject(err);
      return;
    }
    this.settle(data.id)?.resolve(data);
  }

  private failAll(error: ScoringError): void {
    this.closed ??= error.code === 'closed' || error.code === 'worker-failed' ? error : null;
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(error);
  }
}

/** A browser (or any Web) Worker as a ScoringPort. */
export function webWorkerPort(worker: Worker): ScoringPort {
  return {
    postMessage: (m) => worker.postMessage(m),
    listen(onMessage, onFailure) {
      const msg = (e: MessageEvent) => onMessage(e.data);
      const err = (e: ErrorEvent) => onFailure(new Error(e.message || 'worker error'));
      const msgErr = () => onFailure(new Error('a message could not be deserialised'));
      worker.addEventListener('message', msg);
      worker.addEventListener('error', err);
      worker.addEventListener('messageerror', msgErr);
      return () => {
        worker.removeEventListener('message', msg);
        worker.removeEventListener('error', err);
        worker.removeEventListener('messageerror', msgErr);
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** Starts the module worker in the browser. The scorer and wink's model load lazily inside it. */
export function createBrowserScoringClient(options?: ScoringClientOptions): ScoringClient {
  const worker = new Worker(new URL('./scoring.worker.ts', import.meta.url), { type: 'module', name: 'scoring' });
  return new ScoringClient(webWorkerPort(worker), options);
}
