/**
 * The guest device's half of a host override: feeds the host's pending
 * commands from the `stage` document through the guest's own stage machine,
 * records each outcome (`markCommandApplied`) and publishes the resulting
 * state, all in one Yjs transaction so staff never see an outcome without the
 * state it produced. Call it whenever the stage document changes and after
 * loading, with the machine state the guest's screen holds; persist and render
 * the state it returns.
 *
 * Commands are read from the network, so each is validated: only HOST_* events
 * are accepted, the actor is always the host who issued it, and the event is
 * re-stamped with this device's clock, because the guest's timers run on it (a
 * command applied late, after the guest was offline, must not rewind time).
 */
import type * as Y from 'yjs';
import { parseStageEvent, type DispatchResult, type StageEvent, type StageState } from '../domain/stage';
import { markCommandApplied, pendingCommands, publishStageState, type CommandResult, type HostCommand } from './stage-doc';

export type Dispatch = (state: StageState, event: StageEvent) => DispatchResult;

export interface ApplyOptions {
  /** Clock of the guest's device (default Date.now()). */
  now?: number;
  /** Publish the final state to the document (default true). */
  publish?: boolean;
  /** Called once per command with its outcome, e.g. to persist the log. */
  onApplied?: (command: HostCommand, result: CommandResult) => void;
}

/** Turns a stored command into the event the machine receives, or a reason to refuse it. */
export function hostEventFrom(command: HostCommand, now: number): { ok: true; event: StageEvent } | { ok: false; reason: string } {
  const raw = command?.event as unknown;
  if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'the command carries no event' };
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !type.startsWith('HOST_')) return { ok: false, reason: `only host overrides can be sent as commands (got ${String(type)})` };
  const issuedBy = typeof command.issuedBy === 'string' && command.issuedBy !== '' ? command.issuedBy.slice(0, 200) : 'host';
  const parsed = parseStageEvent({ ...(raw as object), actor: { role: 'host', id: issuedBy }, at: now });
  return parsed.ok ? { ok: true, event: parsed.event } : { ok: false, reason: parsed.reason };
}

export function applyPendingCommands(stageDoc: Y.Doc, state: StageState, dispatch: Dispatch, options: ApplyOptions = {}): StageState {
  const pending = pendingCommands(stageDoc);
  if (pending.length === 0) return state;
  const now = options.now ?? Date.now();
  let next = state;
  const done = new Set<string>();
  stageDoc.transact(() => {
    for (const command of pending) {
      const id = typeof command?.id === 'string' ? command.id : null;
      if (id === null || done.has(id)) continue;
      done.add(id);
      const event = hostEventFrom(command, now);
      let result: CommandResult;
      if (!event.ok) {
        result = { ok: false, reason: event.reason, at: now };
      } else {
        const outcome = dispatch(next, event.event);
        next = outcome.state;
        result = outcome.ok ? { ok: true, reason: null, at: now } : { ok: false, reason: outcome.reason, at: now };
      }
      markCommandApplied(stageDoc, id, result);
      options.onApplied?.(command, result);
    }
    if (options.publish !== false && next !== state) publishStageState(stageDoc, next);
  });
  return next;
}
