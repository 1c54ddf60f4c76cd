/**
 * The `<id>.support` document (layout in src/domain/support/records.ts): incidents from the guest's device, actions
 * from tech support or the host, outcomes from the guest's device. Records are read back through their schemas:
 * other people's devices wrote them.
 */
import type * as Y from 'yjs';
import { SupportAction, SupportIncident, SupportOutcome } from '../domain/support/records';
import { uniqueById } from './record-id';
import { validRecords } from './valid-records';

const incidentsOf = (doc: Y.Doc) => doc.getArray<SupportIncident>('incidents');
const actionsOf = (doc: Y.Doc) => doc.getArray<SupportAction>('actions');
const outcomesOf = (doc: Y.Doc) => doc.getMap<SupportOutcome>('outcomes');

export function recordIncident(doc: Y.Doc, incident: SupportIncident): void {
  incidentsOf(doc).push([incident]);
}

export function listIncidents(doc: Y.Doc): SupportIncident[] {
  return uniqueById(validRecords(SupportIncident, incidentsOf(doc).toArray()));
}

export function recordAction(doc: Y.Doc, action: SupportAction): void {
  actionsOf(doc).push([action]);
}

export function listActions(doc: Y.Doc): SupportAction[] {
  return uniqueById(validRecords(SupportAction, actionsOf(doc).toArray()));
}

export function recordOutcome(doc: Y.Doc, actionId: string, outcome: SupportOutcome): void {
  outcomesOf(doc).set(actionId, outcome);
}

export function outcomeOf(doc: Y.Doc, actionId: string): SupportOutcome | null {
  const parsed = SupportOutcome.safeParse(outcomesOf(doc).get(actionId));
  return parsed.success ? parsed.data : null;
}

/** Actions from tech support or the host that the guest's device has not answered yet, oldest first. */
export function pendingActions(doc: Y.Doc): SupportAction[] {
  const outcomes = outcomesOf(doc);
  return listActions(doc).filter((a) => !outcomes.has(a.id));
}
