/**
 * Everything that runs the guest's interview outside React, wired together:
 * the session (state, persistence, publishing), host overrides from the stage
 * document, the take controller (recording), the question clock and the
 * processing queue. Opening it loads the saved state and resumes after a
 * reload, crash or closed tab; the React screens only render and call it.
 */
import type * as Y from 'yjs';
import { createStageState, dispatch, resumeAfterReload, type StageState } from '../domain/stage';
import type { PublicQuestion } from '../domain/plan-split';
import { appDb, type InterqDatabase } from '../storage/db';
import { applyStorageResumeActions, storedRecordingSummaries } from '../storage/recordings';
import { loadStageState, quarantineStageState } from '../storage/stage-state';
import { applyPendingCommands } from '../sync/apply-host-commands';
import { guestMicrophone, type GuestMicrophone } from './microphone';
import { sameSlots, slotsFromPublicQuestions } from './plan-slots';
import { ProcessingQueue } from './processing-queue';
import { watchQuestionClock } from './question-clock';
import { GuestSession } from './session';
import { TakeController } from './take-controller';
import { adoptPublished, isUntouched } from './published-progress';
import { readStageState, stageStatesInTransaction } from '../sync/stage-doc';

export interface GuestRuntime {
  session: GuestSession;
  takes: TakeController;
  queue: ProcessingQueue;
  microphone: GuestMicrophone;
  /** What recovery found on opening (for the guest's "we resumed where you were" note). */
  resumeNotes: string[];
  /** True when this device had progress saved before this page load. */
  resumed: boolean;
  dispose(): void;
}

export interface OpenRuntimeOptions {
  interviewId: string;
  questions: readonly PublicQuestion[];
  /** The `<id>.stage` document, already loaded from IndexedDB (`whenLocal`). */
  stageDoc: Y.Doc | null;
  db?: InterqDatabase;
  now?: () => number;
}

function promptOf(q: PublicQuestion): string {
  return q.kind === 'coding' ? `${q.title}\n${q.statement}` : q.prompt;
}

/** A plan republished before the interview started: take the new questions, keep everything the guest did. */
function withNewQuestions(old: StageState, interviewId: string, questions: PublicQuestion[], now: number): StageState {
  const fresh = createStageState({ interviewId, questions: slotsFromPublicQuestions(questions), now, accommodations: old.accommodations, rules: old.rules });
  return {
    ...fresh,
    stage: old.stage,
    techCheck: old.techCheck,
    consent: old.consent,
    humanReviewOnly: old.humanReviewOnly,
    createdAt: old.createdAt,
    revision: old.revision + 1,
    log: [
      ...old.log,
      { at: now, actor: { role: 'system' }, type: 'PLAN_UPDATED', questionId: null, detail: `${questions.length} questions from the latest published plan` },
    ],
    refusals: old.refusals,
  };
}

async function initialState(options: OpenRuntimeOptions, db: InterqDatabase, now: number): Promise<{ state: StageState; notes: string[]; resumed: boolean; requeue: number }> {
  const { interviewId } = options;
  const questions = [...options.questions];
  const loaded = await loadStageState(interviewId, db);
  const notes: string[] = [];
  if (loaded && !loaded.ok) {
    const kept = await quarantineStageState(interviewId, db);
    console.warn(`Saved interview progress was unreadable (${loaded.reason}); kept as ${kept} and started afresh.`);
    notes.push('Your saved progress on this device could not be read, so the interview starts again. Recordings already made are kept.');
  }
  if (!loaded || !loaded.ok) {
    return { state: createStageState({ interviewId, questions: slotsFromPublicQuestions(questions), now }), notes, resumed: false, requeue: 0 };
  }
  let state = loaded.state;
  const notStarted = state.stage === 'setup' || state.stage === 'intro' || (state.stage === 'error' && ['setup', 'intro'].includes(state.error?.resumeTo ?? ''));
  if (notStarted && !sameSlots(state.questions, slotsFromPublicQuestions(questions))) {
    state = withNewQuestions(state, interviewId, questions, now);
  }
  const resumed = resumeAfterReload(state, now, await storedRecordingSummaries(interviewId, db));
  const rest = await applyStorageResumeActions(resumed.actions, db);
  return { state: resumed.state, notes: [...notes, ...resumed.notes], resumed: true, requeue: rest.length };
}

export async function openGuestRuntime(options: OpenRuntimeOptions): Promise<GuestRuntime> {
  const db = options.db ?? appDb();
  const now = options.now ?? (() => Date.now());
  const { state, notes, resumed } = await initialState(options, db, now());
  const session = new GuestSession(state, { db, now });
  session.replace(state);
  await session.flush();

  const prompts = new Map(options.questions.map((q) => [q.id, promptOf(q)]));
  const queue = new ProcessingQueue(session, { db, prompts: (id) => prompts.get(id) ?? null });
  const takes = new TakeController({ session, microphone: guestMicrophone, db, onTakeSettled: () => queue.poke() });
  const stopClock = watchQuestionClock(session);

  let detachDoc = () => {};
  const doc = options.stageDoc;
  if (doc) {
    // A device that has done nothing yet continues from what another device published, rather than erasing it.
    const adopt = (published: StageState | null) => {
      const next = adoptPublished(session.getState(), published, now());
      if (next) session.replace(next);
    };
    adopt(readStageState(doc));
    session.attachStageDoc(doc);
    // The server's copy may arrive later, and may lose the map entry to this device's untouched state (both were
    // written concurrently): look at what the transaction displaced before Yjs collects it.
    const onTransaction = (tx: Y.Transaction) => {
      if (tx.local || !isUntouched(session.getState()) || !tx.changed.has(doc.getMap('session') as Y.AbstractType<any>)) return;
      const [newest] = stageStatesInTransaction(doc);
      if (newest) queueMicrotask(() => adopt(newest));
    };
    doc.on('afterTransaction', onTransaction);
    let scheduled = false;
    const applyCommands = () => {
      scheduled = false;
      const before = session.getState();
      const next = applyPendingCommands(doc, before, (s, event) => {
        const result = dispatch(s, event);
        if (!result.ok) console.warn(`Host override ${event.type} refused: ${result.reason}`, event);
        return result;
      }, { now: now() });
      if (next !== before) session.replace(next);
    };
    // Commands arrive inside a Yjs transaction; applying them writes to the same document, so do it just after.
    const onCommands = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(applyCommands);
    };
    const commands = doc.getArray('commands');
    commands.observe(onCommands);
    applyCommands();
    detachDoc = () => {
      commands.unobserve(onCommands);
      doc.off('afterTransaction', onTransaction);
    };
  }

  return {
    session,
    takes,
    queue,
    microphone: guestMicrophone,
    resumeNotes: notes,
    resumed,
    dispose() {
      detachDoc();
      stopClock();
      takes.dispose();
      queue.stop();
      session.dispose();
      guestMicrophone.release();
    },
  };
}
