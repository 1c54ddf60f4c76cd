/**
 * The guest's running session: the one place the stage state changes on the
 * guest's device. Every event (the guest's buttons, timers, the recorder, the
 * processing queue, the host's overrides) goes through `dispatch` from the pure
 * machine; the new state is kept in memory at once (the UI renders it), then
 * written to IndexedDB and published to the `<id>.stage` document. A refused
 * event changes nothing but the refusal log, and is reported on the console.
 *
 * Writes are coalesced, never reordered: while one write is in flight, later
 * states wait and the newest one is written next, so the stored copy only ever
 * moves forward.
 */
import type * as Y from 'yjs';
import { dispatch as machineDispatch, type DispatchResult, type StageEvent, type StageState } from '../domain/stage';
import { appDb, type InterqDatabase } from '../storage/db';
import { saveStageState } from '../storage/stage-state';
import { publishStageState, readStageState } from '../sync/stage-doc';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event without its sender and time, which the session stamps. */
export type GuestEvent = DistributiveOmit<StageEvent, 'actor' | 'at'>;

export interface GuestSessionOptions {
  db?: InterqDatabase;
  now?: () => number;
  /** Where refusals are reported; console.warn by default. */
  warn?: (message: string, detail: unknown) => void;
}

export type PersistStatus = { state: 'saved' } | { state: 'saving' } | { state: 'failed'; message: string };

export class GuestSession {
  private current: StageState;
  private readonly listeners = new Set<(state: StageState) => void>();
  private readonly persistListeners = new Set<(status: PersistStatus) => void>();
  private readonly db: InterqDatabase;
  private readonly now: () => number;
  private readonly warn: (message: string, detail: unknown) => void;
  private stageDoc: Y.Doc | null = null;
  private writing: Promise<void> | null = null;
  private dirty = false;
  private persist: PersistStatus = { state: 'saved' };
  private disposed = false;

  constructor(initial: StageState, options: GuestSessionOptions = {}) {
    this.current = initial;
    this.db = options.db ?? appDb();
    this.now = options.now ?? (() => Date.now());
    this.warn = options.warn ?? ((message, detail) => console.warn(message, detail));
  }

  get interviewId(): string {
    return this.current.interviewId;
  }

  /** For useSyncExternalStore: a stable reference until the next change. */
  readonly getState = (): StageState => this.current;

  readonly subscribe = (listener: (state: StageState) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getPersistStatus = (): PersistStatus => this.persist;

  readonly subscribePersist = (listener: (status: PersistStatus) => void): (() => void) => {
    this.persistListeners.add(listener);
    return () => this.persistListeners.delete(listener);
  };

  /** Runs an event through the machine; the result is in memory at once and on disk soon after (see `flush`). */
  dispatch(event: StageEvent): DispatchResult {
    if (this.disposed) return { ok: false, reason: 'the session is closed', state: this.current };
    const result = machineDispatch(this.current, event);
    if (!result.ok) {
      this.warn(`Stage event ${event.type} refused: ${result.reason}`, event);
    }
    this.replace(result.state);
    return result;
  }

  /** A guest event, stamped with the guest's clock. */
  guest(event: GuestEvent): DispatchResult {
    return this.dispatch({ ...event, actor: { role: 'guest' }, at: this.now() } as StageEvent);
  }

  /** An event from the guest's own machinery (timers, processing). */
  system(event: GuestEvent): DispatchResult {
    return this.dispatch({ ...event, actor: { role: 'system' }, at: this.now() } as StageEvent);
  }

  /** Replaces the state outright: only for states computed by the machine's own functions (resume after reload). */
  replace(state: StageState): void {
    this.current = state;
    this.schedulePersist();
    this.publish();
    for (const listener of [...this.listeners]) listener(state);
  }

  /** Resolves once the newest state is on disk (or the last write failed). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** The shared stage document, once attached (for what else the guest's device shares there). */
  stageDocument(): Y.Doc | null {
    return this.stageDoc;
  }

  /** Starts publishing to the shared stage document. */
  attachStageDoc(doc: Y.Doc): void {
    this.stageDoc = doc;
    // An untouched state says nothing the document does not already say better (see published-progress.ts).
    if (this.current.revision === 0 && readStageState(doc) !== null) return;
    this.publish();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.stageDoc = null;
  }

  private publish(): void {
    if (!this.stageDoc) return;
    try {
      publishStageState(this.stageDoc, this.current);
    } catch (error) {
      // The local copy is the authority; a document that cannot take the state only delays what staff see.
      this.warn('Publishing the stage state failed', error);
    }
  }

  private setPersist(status: PersistStatus): void {
    this.persist = status;
    for (const listener of [...this.persistListeners]) listener(status);
  }

  private schedulePersist(): void {
    if (this.writing) {
      this.dirty = true;
      return;
    }
    this.setPersist({ state: 'saving' });
    this.writing = this.writeLoop().finally(() => {
      this.writing = null;
    });
  }

  private async writeLoop(): Promise<void> {
    do {
      this.dirty = false;
      const snapshot = this.current;
      try {
        await saveStageState(snapshot, this.db);
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.warn('Saving the stage state failed', error);
        this.setPersist({ state: 'failed', message });
        return;
      }
    } while (this.dirty && !this.disposed);
    this.setPersist({ state: 'saved' });
  }
}
