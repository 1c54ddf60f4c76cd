/**
 * Typed lifecycle hooks of the collab server (the Hocuspocus shape): code that
 * keeps something derived from the documents (the interview index, projections
 * for the admin dashboard, the staff-transcript relay) plugs in here instead of
 * being wired into the core.
 *
 * Guarantees:
 * - `onUpdateStored` fires only after the update's INSERT committed, with the
 *   row's sequence number (`yjs_updates.seq`). A write that failed fires nothing
 *   until its retry succeeds; then each retried update fires in order.
 * - `settled` is true when the in-memory document holds exactly what is stored
 *   up to `seq` (no unsaved change, no other change of the same client message
 *   still to be stored). A projection that reads the document should do so only
 *   on a settled event, and record `seq` as its watermark.
 * - Hooks run synchronously on the event loop: keep them cheap or defer work.
 *   A hook that throws is logged and does not stop the others or the write.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';

export interface DocRef {
  /** `<interviewId>.<kind>`. */
  readonly name: string;
  readonly interviewId: string;
  readonly kind: DocKind;
}

/** A live view of a loaded document's persistence, read when deferred work runs. */
export interface DocPersistenceStatus {
  /** Changes applied in memory but not yet stored (a failing disk). */
  readonly unsavedCount: number;
  /** Sequence number of the last stored update (or the snapshot's `upto_seq`); 0 for a document never stored. */
  readonly lastStoredSeq: number;
  /** True once the document left memory; its Y.Doc no longer follows the stored state. */
  readonly unloaded: boolean;
}

export interface DocumentLoadedEvent extends DocRef {
  readonly doc: Y.Doc;
  /** Highest sequence number the loaded state includes (0 when nothing was stored). */
  readonly lastSeq: number;
  readonly status: DocPersistenceStatus;
}

export interface UpdateStoredEvent extends DocRef {
  readonly doc: Y.Doc;
  /** The Yjs update exactly as stored. */
  readonly update: Uint8Array;
  /** Its `yjs_updates.seq`: increasing per document (and across the database), never reused (doc-store.ts). */
  readonly seq: number;
  /** The in-memory document equals the stored state up to `seq` (see above). */
  readonly settled: boolean;
  /** Whether a client's message (true) or a change made on the server through openDoc (false) produced it. */
  readonly fromClient: boolean;
  readonly status: DocPersistenceStatus;
}

export interface DocumentUnloadedEvent extends DocRef {
  /** The document as it was when unloaded (do not keep it: it no longer follows storage). */
  readonly doc: Y.Doc;
  readonly lastSeq: number;
}

export interface CollabHooks {
  /** A document was loaded from SQLite into memory (first connection or openDoc). */
  onDocumentLoaded?(event: DocumentLoadedEvent): void;
  /** An update was committed to SQLite (see the guarantees above). */
  onUpdateStored?(event: UpdateStoredEvent): void;
  /** A document left memory (idle, reload after a bad update, shutdown); everything stored was flushed first when possible. */
  onDocumentUnloaded?(event: DocumentUnloadedEvent): void;
}

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Calls each hook in order; one that throws is logged and skipped. */
export function combineHooks(list: readonly CollabHooks[], log: Logger): Required<CollabHooks> {
  const call = <K extends keyof CollabHooks>(name: K, event: Parameters<NonNullable<CollabHooks[K]>>[0]): void => {
    for (const hooks of list) {
      const fn = hooks[name] as ((e: typeof event) => void) | undefined;
      if (!fn) continue;
      try {
        fn.call(hooks, event);
      } catch (err) {
        log('error', `Collab hook ${name} failed`, { doc: event.name, error: (err as Error).message });
      }
    }
  };
  return {
    onDocumentLoaded: (e) => call('onDocumentLoaded', e),
    onUpdateStored: (e) => call('onUpdateStored', e),
    onDocumentUnloaded: (e) => call('onDocumentUnloaded', e),
  };
}
