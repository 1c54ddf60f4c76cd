/**
 * Keeps `interview_status` in step with the documents: after a stored change to any of an interview's input
 * documents (debounced per interview, since the guest's device publishes its state on every step), the server
 * reads them, computes the status with the pure rule (src/domain/wrap-up/status.ts) and saves it. When the status
 * reaches "scored" and no synthesis of this input was made or is running, it starts one.
 *
 * Automatic syntheses after the first wait for the input to settle. Once a synthesis was made, the input changes
 * mostly because staff review it (a rating, a reaction, a transcript flag), one press at a time over minutes; each
 * press is a new input, and starting a synthesis per press cost a cloud model call each (thirty ratings, thirty
 * calls) for results nobody read before the next replaced them. So a later input is synthesised only once it has
 * stayed the same for the quiet time (SYNTHESIS_RESYNTHESIS_QUIET_MS, default two minutes), never while another
 * automatic run is in flight; the view says when (`resynthesisDueAt`), and staff can ask for one at once (the API's
 * POST, unaffected). The first synthesis, when the interview is first scored, starts at once as before.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { Logger } from '../log';
import { INPUT_DOC_KINDS, type InterviewReader } from './read-interview';
import type { SynthesisRunner } from './synthesis-runner';
import type { SynthesisStore } from './synthesis-store';
import { mayMoveStatus } from './status-sources';

export const DEFAULT_RESYNTHESIS_QUIET_MS = 120_000;

export interface ProjectionDeps {
  store: SynthesisStore;
  reader: InterviewReader;
  runner: SynthesisRunner;
  log: Logger;
  /** Quiet time after the last change before the status is computed (default 250 ms). */
  debounceMs?: number;
  /** How long a changed input must stay the same before an automatic synthesis after the first (default 120 s). */
  resynthesisQuietMs?: number;
  now?: () => number;
}

export function createStatusProjection(deps: ProjectionDeps) {
  const { store, reader, runner, log } = deps;
  const debounceMs = deps.debounceMs ?? 250;
  const resynthesisQuietMs = deps.resynthesisQuietMs ?? DEFAULT_RESYNTHESIS_QUIET_MS;
  const now = deps.now ?? (() => Date.now());
  const timers = new Map<string, NodeJS.Timeout>();
  const inFlight = new Map<string, Promise<void>>();
  let closed = false;
  /** Per interview: the input waiting for its automatic re-synthesis, and when it is due (input unchanged till then). */
  const waiting = new Map<string, { inputHash: string; dueAt: number }>();
  const dueTimers = new Map<string, NodeJS.Timeout>();

  async function refresh(interviewId: string): Promise<void> {
    const read = await reader.readStatus(interviewId, (inputHash) => store.doneFor(interviewId, inputHash) !== null);
    const hash = read.inputHash;
    // Nothing to track without a plan (and a deleted interview must not come back as a row).
    if (!read.planPresent) return;
    const due = read.status.status === 'scored' && hash !== null;
    const running = due ? store.running(interviewId) : null;
    // A synthesis was made or is being made of an earlier input: this one waits for the review to settle, counted
    // from when it was first read. Noted before the row is saved, so the row's `view` carries its due time.
    const later = due && running?.inputHash !== hash && (running !== null || store.latest(interviewId) !== null);
    const dueAt = later ? waitFor(interviewId, hash) : null;
    if (dueAt === null) forget(interviewId);
    store.saveStatus(interviewId, read.status, hash, read.completedAt, now());
    if (!due) return;
    // Scored and not synthesized: one synthesis of this input, and no second automatic run beside one in flight
    // (its end reads the status again: runner onFinished).
    if (running) return;
    if (dueAt !== null && dueAt > now()) return armDue(interviewId, dueAt - now());
    forget(interviewId);
    const started = await runner.start(interviewId, { mode: 'cloud', trigger: 'scored', requestedBy: 'server' });
    if (!started.ok) log('info', 'No synthesis started', { interview: interviewId, reason: started.error });
  }

  /** When this input's automatic re-synthesis is due: the quiet time after it was first read, kept while it stays. */
  function waitFor(interviewId: string, inputHash: string): number {
    const current = waiting.get(interviewId);
    if (current?.inputHash === inputHash) return current.dueAt;
    const dueAt = now() + resynthesisQuietMs;
    waiting.set(interviewId, { inputHash, dueAt });
    return dueAt;
  }

  function forget(interviewId: string): void {
    waiting.delete(interviewId);
    clearTimeout(dueTimers.get(interviewId));
    dueTimers.delete(interviewId);
  }

  function armDue(interviewId: string, ms: number): void {
    if (closed) return;
    clearTimeout(dueTimers.get(interviewId));
    const timer = setTimeout(() => {
      dueTimers.delete(interviewId);
      void run(interviewId);
    }, ms);
    timer.unref();
    dueTimers.set(interviewId, timer);
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
    /** When the automatic synthesis of the interview's current input is due, if one waits for the input to settle. */
    resynthesisDueAt: (interviewId: string): number | null => waiting.get(interviewId)?.dueAt ?? null,
    async settle(): Promise<void> {
      await Promise.allSettled([...inFlight.values()]);
    },
    close(): void {
      closed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const t of dueTimers.values()) clearTimeout(t);
      dueTimers.clear();
      lastChange.clear();
    },
  };
}

export type StatusProjection = ReturnType<typeof createStatusProjection>;
