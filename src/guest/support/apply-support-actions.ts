/**
 * The guest device's half of tech support's actions (the `<id>.support` document): each action from tech support or
 * the host is carried out once and answered with an outcome, so support sees what happened.
 * - `guided-fix`: opens the Voice Error guidance for this browser on the guest's screen (the app shows it).
 * - `mic-check`: asks for the microphone again (not while a take is recording: that would cut it).
 * - `technical-block`: the host's "technical block" override, run through the guest's own stage machine like any
 *   host command; from tech support only when the host allowed it in the plan (src/sync/support-policy.ts).
 * The server guarantees `role` is the writer's own (authorship check), so an action that says tech support is.
 */
import type * as Y from 'yjs';
import { parseStageEvent } from '../../domain/stage';
import type { SupportAction, SupportOutcome } from '../../domain/support/records';
import { pendingActions, recordOutcome } from '../../sync/support-doc';
import { techSupportMayBlock } from '../../sync/support-policy';
import type { GuestRuntime } from '../runtime';

export interface SupportActionDeps {
  supportDoc: Y.Doc;
  planDoc: Y.Doc;
  runtime: Pick<GuestRuntime, 'session' | 'microphone'>;
  guestName: string;
  /** Shows the guided fix on the guest's screen. */
  showGuidedFix: (action: SupportAction) => void;
  now?: () => number;
}

export async function carryOut(action: SupportAction, deps: SupportActionDeps): Promise<Omit<SupportOutcome, 'at' | 'by' | 'role'>> {
  const { runtime } = deps;
  switch (action.type) {
    case 'guided-fix':
      deps.showGuidedFix(action);
      return { ok: true, reason: 'shown on the guest’s screen' };
    case 'mic-check': {
      if (runtime.session.getState().stage === 'recording') return { ok: false, reason: 'a take is being recorded; ask again after it' };
      const result = await runtime.microphone.acquire(null, { fresh: true });
      return result.ok ? { ok: true, reason: `microphone works: ${result.label || 'default microphone'}` } : { ok: false, reason: `microphone check failed: ${result.error.kind}` };
    }
    case 'technical-block': {
      if (action.role === 'tech-support' && !techSupportMayBlock(deps.planDoc)) return { ok: false, reason: 'the host has not allowed tech support to mark technical blocks' };
      const state = runtime.session.getState();
      const questionId = action.questionId ?? state.questions[state.currentIndex]?.id ?? null;
      const parsed = parseStageEvent({
        type: 'HOST_MARK_BLOCKED',
        actor: { role: 'host', id: action.role === 'host' ? action.by : `${action.by} (tech support)` },
        at: (deps.now ?? Date.now)(),
        reason: action.reason ?? 'technical problem (tech support)',
        ...(questionId ? { questionId } : {}),
      });
      if (!parsed.ok) return { ok: false, reason: parsed.reason };
      const result = runtime.session.dispatch(parsed.event);
      return result.ok ? { ok: true, reason: null } : { ok: false, reason: result.reason };
    }
  }
}

/** Follows the support document and answers each new action once; returns the stop function. */
export function followSupportActions(deps: SupportActionDeps): () => void {
  const busy = new Set<string>();
  const actions = deps.supportDoc.getArray('actions');
  const run = () => {
    for (const action of pendingActions(deps.supportDoc)) {
      if (busy.has(action.id)) continue;
      busy.add(action.id);
      void carryOut(action, deps).then(
        (o) => recordOutcome(deps.supportDoc, action.id, { ...o, at: (deps.now ?? Date.now)(), by: deps.guestName, role: 'guest' }),
        (err: unknown) => recordOutcome(deps.supportDoc, action.id, { ok: false, reason: String(err).slice(0, 300), at: Date.now(), by: deps.guestName, role: 'guest' }),
      );
    }
  };
  actions.observe(run);
  run();
  return () => actions.unobserve(run);
}
