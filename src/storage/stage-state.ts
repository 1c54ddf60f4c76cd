/**
 * The guest's stage state in IndexedDB (`kv`, key `stage:<interviewId>`). The
 * guest's device is the authority on its own progress: the state is written
 * after every accepted (or refused, for the log) event, before anything else
 * hears of it, and read back through the machine's schema so a corrupt or
 * outdated copy is reported instead of used.
 */
import { parseStageState, type StageState } from '../domain/stage';
import { appDb, type InterqDatabase } from './db';
import { stageStateKey } from './stage-peek';

export { stageStateKey };

export async function saveStageState(state: StageState, db: InterqDatabase = appDb()): Promise<void> {
  await db.kv.put({ key: stageStateKey(state.interviewId), value: state });
}

export type LoadedStageState = { ok: true; state: StageState } | { ok: false; reason: string } | null;

/** The stored state, `null` when this device has none yet, or the reason the stored copy cannot be used. */
export async function loadStageState(interviewId: string, db: InterqDatabase = appDb()): Promise<LoadedStageState> {
  const row = await db.kv.get(stageStateKey(interviewId));
  if (!row) return null;
  const parsed = parseStageState(row.value);
  if (!parsed.ok) return parsed;
  if (parsed.state.interviewId !== interviewId) {
    return { ok: false, reason: `stored state belongs to interview ${parsed.state.interviewId}` };
  }
  return parsed;
}

/**
 * Keeps an unusable copy under another key before it is replaced, so nothing
 * the guest did is silently destroyed (support can still read it).
 */
export async function quarantineStageState(interviewId: string, db: InterqDatabase = appDb()): Promise<string | null> {
  const row = await db.kv.get(stageStateKey(interviewId));
  if (!row) return null;
  const key = `stage-unreadable:${interviewId}:${Date.now()}`;
  await db.transaction('rw', db.kv, async () => {
    await db.kv.put({ key, value: row.value });
    await db.kv.delete(stageStateKey(interviewId));
  });
  return key;
}
