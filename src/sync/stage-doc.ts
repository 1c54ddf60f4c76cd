/**
 * The `<id>.stage` document: the guest's session as others see it, and the
 * host's overrides on their way to the guest.
 *
 * Only the guest's device runs the stage machine. It publishes its state here;
 * a host override is appended as a command, which the guest's device feeds
 * through the same `dispatch` as its own events and then marks as applied (with
 * the refusal reason if the machine refused it). So there is one machine, one
 * set of rules and one log, whoever pressed the button, and an override sent
 * while the guest is offline is applied when the guest comes back.
 *
 * Layout: Map `session` { state: StageState }, Array `commands` (HostCommand),
 * Map `applied` (command id → CommandResult).
 */
import * as Y from 'yjs';
import { parseStageState, type StageEvent, type StageState } from '../domain/stage';

export interface HostCommand {
  id: string;
  event: StageEvent;
  /** Subject of the host's token, for the record. */
  issuedBy: string;
  at: number;
}

export interface CommandResult {
  ok: boolean;
  reason: string | null;
  at: number;
}

export function publishStageState(doc: Y.Doc, state: StageState): void {
  doc.getMap('session').set('state', state);
}

export function readStageState(doc: Y.Doc): StageState | null {
  const raw = doc.getMap('session').get('state');
  if (raw === undefined) return null;
  const parsed = parseStageState(raw);
  return parsed.ok ? parsed.state : null;
}

/**
 * Every stage state the `session` map still holds content for, newest revision first: the entry's value and, until
 * the transaction's clean-up collects them, the values it displaced. Called from `afterTransaction`, it sees a state
 * that arrived from the server but lost the entry to one this device wrote concurrently (src/guest/published-progress.ts).
 */
export function stageStatesInTransaction(doc: Y.Doc): StageState[] {
  const found: StageState[] = [];
  for (let item: Y.Item | null = doc.getMap('session')._map.get('state') ?? null; item; item = item.left) {
    if (!(item.content instanceof Y.ContentAny)) continue;
    for (const raw of item.content.arr) {
      const parsed = parseStageState(raw);
      if (parsed.ok) found.push(parsed.state);
    }
  }
  return found.sort((a, b) => b.revision - a.revision);
}

export function pushHostCommand(doc: Y.Doc, cmd: HostCommand): void {
  doc.getArray<HostCommand>('commands').push([cmd]);
}

export function listCommands(doc: Y.Doc): HostCommand[] {
  return doc.getArray<HostCommand>('commands').toArray();
}

export function pendingCommands(doc: Y.Doc): HostCommand[] {
  const applied = doc.getMap<CommandResult>('applied');
  return listCommands(doc).filter((c) => !applied.has(c.id));
}

export function markCommandApplied(doc: Y.Doc, id: string, result: CommandResult): void {
  doc.getMap<CommandResult>('applied').set(id, result);
}

export function commandResult(doc: Y.Doc, id: string): CommandResult | undefined {
  return doc.getMap<CommandResult>('applied').get(id);
}
