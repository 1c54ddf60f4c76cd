/**
 * The host's overrides as the host's screen builds them. The guest's device
 * applies them through its own stage machine (src/sync/apply-host-commands.ts);
 * here the screen only decides which buttons make sense for the state the
 * guest last published, and appends the command with who and when.
 */
import type * as Y from 'yjs';
import { currentSlot, isAllowedInStage, type StageEvent, type StageEventType, type StageState } from '../../../domain/stage';
import { newRecordId } from '../../../sync/record-id';
import { pushHostCommand, type HostCommand } from '../../../sync/stage-doc';

export type OverrideType = Extract<StageEventType, 'HOST_NEXT' | 'HOST_PAUSE' | 'HOST_RESUME' | 'HOST_EXTEND_TIME' | 'HOST_MARK_BLOCKED'>;

export const OVERRIDE_LABELS: Record<OverrideType, string> = {
  HOST_NEXT: 'Next question',
  HOST_PAUSE: 'Pause',
  HOST_RESUME: 'Resume',
  HOST_EXTEND_TIME: 'Extend time',
  HOST_MARK_BLOCKED: 'Mark technical block',
};

export function commandLabel(event: StageEvent | undefined): string {
  if (!event) return 'Unknown action';
  const type = event.type as string;
  if (type === 'HOST_EXTEND_TIME' && 'extraSec' in event) return `Extend time by ${event.extraSec} s`;
  return OVERRIDE_LABELS[type as OverrideType] ?? type;
}

/** Why a button is unavailable for the published state, or null when it can be pressed. */
export function unavailableReason(state: StageState | null, type: OverrideType): string | null {
  if (!state) return 'Available once the guest’s device has shared its progress.';
  if (!isAllowedInStage(state.stage, type)) {
    if (state.stage === 'completed') return 'The interview is finished.';
    if (type === 'HOST_RESUME') return 'The session is not paused.';
    if (type === 'HOST_NEXT' && state.stage === 'intro') return 'The guest has not started the questions yet.';
    return `Not possible while the guest is at “${state.stage}”.`;
  }
  if (type === 'HOST_EXTEND_TIME') {
    const slot = currentSlot(state);
    if (!state.timer || state.timer.questionId !== slot?.id) return 'No time limit is running for this question.';
  }
  return null;
}

/** HOST_NEXT during the technical check skips the check rather than a question. */
export function nextLabel(state: StageState | null): string {
  return state?.stage === 'setup' ? 'Skip the technical check' : OVERRIDE_LABELS.HOST_NEXT;
}

export interface OverrideInput {
  extraSec?: number;
  reason?: string;
}

export function buildOverride(type: OverrideType, state: StageState, input: OverrideInput, issuedBy: string, now: number): StageEvent {
  const actor = { role: 'host' as const, id: issuedBy };
  // Naming the question makes a second click (or a command that arrives late) harmless: it is refused as stale.
  const questionId = state.stage === 'setup' || state.stage === 'intro' ? undefined : currentSlot(state)?.id;
  const reason = input.reason?.trim() ? input.reason.trim() : undefined;
  switch (type) {
    case 'HOST_NEXT':
      return { type, actor, at: now, ...(questionId ? { questionId } : {}), ...(reason ? { reason } : {}) };
    case 'HOST_PAUSE':
      return { type, actor, at: now, ...(reason ? { reason } : {}) };
    case 'HOST_RESUME':
      return { type, actor, at: now };
    case 'HOST_EXTEND_TIME':
      return { type, actor, at: now, extraSec: input.extraSec ?? 60, ...(questionId ? { questionId } : {}) };
    case 'HOST_MARK_BLOCKED':
      return { type, actor, at: now, reason: reason ?? '', ...(questionId ? { questionId } : {}) };
  }
}

export function issueOverride(stageDoc: Y.Doc, event: StageEvent, issuedBy: string, now: number): HostCommand {
  const command: HostCommand = { id: newRecordId('c', stageDoc.clientID), event, issuedBy, at: now };
  pushHostCommand(stageDoc, command);
  return command;
}
