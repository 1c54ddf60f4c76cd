/**
 * The wrap-up on the server: the interview status projection and the final synthesis. Wired into the app server by
 * `startWrapUp`, which needs the collab server's openDoc (documents are read server-side, from SQLite).
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { Db } from '../db/open';
import type { ExtraRoute } from '../http/api-routes';
import { intFromEnv } from '../config';
import { loadLlmConfig } from '../llm/config';
import type { Logger } from '../log';
import type { RecordingStore } from '../uploads/recording-store';
import { createInterviewReader } from './read-interview';
import { createStatusProjection, DEFAULT_RESYNTHESIS_QUIET_MS } from './status-projection';
import { createSynthesisEvents } from './synthesis-events';
import { createSynthesisRunner } from './synthesis-runner';
import { synthesisRoutes } from './synthesis-routes';
import { createSynthesisStore } from './synthesis-store';

export const DEFAULT_SYNTHESIS_MAX_INPUT_TOKENS = 60_000;

export interface WrapUp {
  routes: ExtraRoute[];
  /** The collab server stored a settled update of this document (status-projection.ts onDocumentStored). */
  onDocumentStored(interviewId: string, kind: DocKind, doc: Y.Doc): void;
  /** The upload routes completed one of the interview's recordings on this node (status-projection.ts uploadCompleted). */
  uploadCompleted(interviewId: string): void;
  /**
   * Several nodes: this node took the interview's lease (cluster/interview-ownership.ts onTaken). The previous owner
   * may have died between a stored update and its status, or in the middle of a synthesis (runs in flight are not
   * copied between nodes): the status is computed again here, and a synthesis that is due and not done is made.
   */
  leaseTaken(interviewId: string): void;
  /**
   * Several nodes: this node no longer holds the interview's lease (lost: a takeover, a refused write, renewals
   * failing; or released: a drain): the synthesis event streams it serves for the interview end, so their readers
   * reconnect, through the proxy, to the node that serves it now.
   */
  leaseLost(interviewId: string): void;
  /**
   * At start, once the collab server is up: resumes runs a previous process left unfinished, and brings every
   * unfinished interview's status up to date (a crash may have come between a stored update and its debounced
   * projection). With `refreshUnfinished: false` (several nodes) only the runs are resumed: refreshing every
   * unfinished interview would claim each one's lease from whichever node serves it; `leaseTaken` does it instead,
   * when this node takes an interview.
   */
  start(opts?: { refreshUnfinished?: boolean }): Promise<void>;
  /** Stops the projection; runs in flight write nothing more and are resumed at the next start. */
  close(): Promise<void>;
}

export function createWrapUp(opts: {
  db: Db;
  openDoc: (name: string) => Promise<Y.Doc>;
  /** Which answers' audio is on the server (the status counts them as uploaded). */
  recordings: Pick<RecordingStore, 'completedIds'>;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Told of every change of an interview's status or set of runs (wrap-up-mirror.ts publishes it to the other nodes). */
  onChange?: (interviewId: string) => void;
}): WrapUp {
  const events = createSynthesisEvents();
  const onChange = opts.onChange;
  // The store announces its writes to the events route's listeners; a change of the view also goes to onChange.
  const announced: typeof events = onChange
    ? {
        ...events,
        emit(interviewId, change) {
          events.emit(interviewId, change);
          if (change === 'view') onChange(interviewId);
        },
      }
    : events;
  const store = createSynthesisStore(opts.db, announced);
  const reader = createInterviewReader(opts.recordings, opts.openDoc);
  let projectionRefresh: (id: string) => Promise<void> = async () => undefined;
  const runner = createSynthesisRunner({
    store,
    reader,
    llm: loadLlmConfig(opts.env),
    log: opts.log,
    maxInputTokens: intFromEnv(opts.env, 'SYNTHESIS_MAX_INPUT_TOKENS', DEFAULT_SYNTHESIS_MAX_INPUT_TOKENS, 1_000, 2_000_000),
    onFinished: (id) => void projectionRefresh(id),
  });
  const projection = createStatusProjection({
    store,
    reader,
    runner,
    log: opts.log,
    resynthesisQuietMs: intFromEnv(opts.env, 'SYNTHESIS_RESYNTHESIS_QUIET_MS', DEFAULT_RESYNTHESIS_QUIET_MS, 0, 86_400_000),
  });
  projectionRefresh = projection.refresh;
  return {
    routes: synthesisRoutes({ store, runner, projection, events }),
    onDocumentStored: projection.onDocumentStored,
    uploadCompleted: projection.uploadCompleted,
    // Debounced: the claim comes from a document being opened, and the reconnecting clients' updates follow it.
    leaseTaken: projection.schedule,
    leaseLost: (interviewId) => events.emit(interviewId, 'moved'),
    async start({ refreshUnfinished = true } = {}) {
      await runner.resumeInterrupted();
      if (!refreshUnfinished) return;
      for (const id of store.unfinishedInterviews()) await projection.refresh(id);
    },
    async close() {
      projection.close();
      runner.stop();
      await projection.settle();
    },
  };
}
