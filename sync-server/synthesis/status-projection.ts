/**
 * Keeps `interview_status` in step with the documents: after a stored change to any of an interview's input
 * documents (debounced per interview, since the guest's device publishes its state on every step), the server
 * reads them, computes the status with the pure rule (src/domain/wrap-up/status.ts) and saves it. When the status
 * reaches "scored" and no synthesis of this input was made or is running, it starts one.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { Logger } from '../log';
import { INPUT_DOC_KINDS, type InterviewReader } from './read-interview';
import type { SynthesisRunner } from './synthesis-runner';
import type { SynthesisStore } from './synthesis-store';
import { mayMoveStatus } from './status-sources';

export interface ProjectionDeps {
  store: SynthesisStore;
  reader: InterviewReader;
  runner: SynthesisRunner;
  log: Logger;
  /** Quiet time after the last change before the status is computed (default 250 ms). */
  debounceMs?: number;
  now?: () => number;
}

export function createStatusProjection(deps: ProjectionDeps) {
  const { store, reader, runner, log } = deps;
  const debounceMs = deps.debounceMs ?? 250;
  const now = deps.now ?? (() => Date.now());
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Map<string, Promise<void>>();
  let closed = false;

  async function refresh(interviewId: string): Promise<void> {
    const read = await reader.readStatus(interviewId, (inputHash) => store.doneFor(interviewId, inputHash) !== null);
    const hash = read.inputHash;
    // Nothing to track without a plan (and a deleted interview must not come back as a row).
    if (!read.planPresent) return;
    store.saveStatus(interviewId, read.status, hash, read.completedAt, now());
    if (read.status.status !== 'scored' || hash === null) return;
    // Scored and not synthesized: one synthesis of this input, unless one runs or an earlier one failed outright.
    if (store.running(interviewId)?.inputHash === hash) return;
    const started = await runner.start(interviewId, { mode: 'cloud', trigger: 'scored', requestedBy: 'server' });
    if (!started.ok) log('info', 'No synthesis started', { interview: interviewId, reason: started.error });
  }

  function run(interviewId: string): Promise<void> {
    const previous = inFlight.get(interviewId) ?? Promise.resolve();
    // One refresh at a time per interview, in order, so an older reading never overwrites a newer one.
    const next = previous
      .then(() => refresh(interviewId))
      .catch((err: unknown) => log('warn', 'Could not update the interview status', { interview: interviewId, error: (err as Error).message }));
    inFlight.set(interviewId, next);
    void next.finally(() => {
      if (inFlight.get(interviewId) === next) inFlight.delete(interviewId);
    });
    return next;
  }

  /** When each interview's documents last changed, while its refresh waits for the quiet time. */
  const lastChange = new Map<string, number>();

  /**
   * Computes the status after the quiet time (a burst of changes, or a takeover followed by its clients' updates).
   * One timer per waiting interview, set once: a change meanwhile only notes its time, and a timer that fires before
   * the quiet time after the last change is set again for the rest (no clear and set per change).
   */
  function schedule(id: string): void {
    if (closed) return;
    lastChange.set(id, performance.now());
    if (timers.has(id)) return;
    arm(id, debounceMs);
  }

  function arm(id: string, ms: number): void {
    const timer = setTimeout(() => {
      const quietFor = performance.now() - (lastChange.get(id) ?? 0);
      if (quietFor < debounceMs) return arm(id, debounceMs - quietFor);
      timers.delete(id);
      lastChange.delete(id);
      void run(id);
    }, ms);
    timer.unref();
    timers.set(id, timer);
  }

  return {
    /**
     * For the collab server's hook on every stored (settled) update: cheap, only schedules, and not even that for a
     * change that left every type the status reads as it last read them (status-sources.ts mayMoveStatus: a chat
     * message, a code comment, the stage's list of uploads; before "scored", a reaction or a rating).
     */
    onDocumentStored(interviewId: string, kind: DocKind, doc: Y.Doc): void {
      if (!(INPUT_DOC_KINDS as readonly string[]).includes(kind) || !mayMoveStatus(kind, doc)) return;
      schedule(interviewId);
    },
    schedule,
    /**
     * The server completed one of the interview's uploads (its last part stored and checked): the status counts
     * the uploads the server holds, and no document change may follow (the guest's device lists its finished
     * uploads in the stage, which the status does not read), so this is the status's only news of it.
     */
    uploadCompleted: schedule,
    /** Computes the status now (after a synthesis ends, or when the API is asked). */
    refresh: run,
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight.values()]);
    },
    close(): void {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      lastChange.clear();
    },
  };
}

export type StatusProjection = ReturnType<typeof createStatusProjection>;
