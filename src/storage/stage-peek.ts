/**
 * A first look at the guest's saved progress, without the stage machine's schema (zod and the machine are not
 * part of the first screen): only enough to choose that screen. The guest runtime reads the same row through
 * the schema when it opens (src/storage/stage-state.ts) and is the authority; a row this look cannot read is
 * treated as "past the check", so the runtime, not the first screen, decides what to do with it. Read through
 * IndexedDB itself (first-screen-idb.ts), as Dexie is not part of the first screen either.
 */
import type { KeyValue } from './db';
import { readRow } from './first-screen-idb';

export function stageStateKey(interviewId: string): string {
  return `stage:${interviewId}`;
}

export interface SavedStagePeek {
  stage: string;
  /** The microphone chosen on a previous technical check. */
  inputDeviceId: string | null;
  /** The host arranged typed answers (the microphone is optional). */
  typingInsteadOfSpeaking: boolean;
}

/** `null` when this device holds no progress for the interview. */
export async function peekSavedStage(interviewId: string): Promise<SavedStagePeek | null> {
  const row = await readRow<KeyValue>('kv', stageStateKey(interviewId));
  if (!row) return null;
  const value = row.value as { stage?: unknown; techCheck?: { inputDeviceId?: unknown } | null; accommodations?: { typingInsteadOfSpeaking?: unknown } } | null;
  return {
    stage: typeof value?.stage === 'string' ? value.stage : 'unreadable',
    inputDeviceId: typeof value?.techCheck?.inputDeviceId === 'string' ? value.techCheck.inputDeviceId : null,
    typingInsteadOfSpeaking: value?.accommodations?.typingInsteadOfSpeaking === true,
  };
}
