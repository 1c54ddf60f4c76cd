/**
 * A guest who opens the invite on a second device (or a cleared browser) has no progress saved there, but the
 * `<id>.stage` document holds the state the first device published. Publishing the new device's fresh state over
 * it would move a finished interview back to "invited" for everyone, the server's status included. So a device
 * that has done nothing yet takes the published state instead, and continues from it.
 */
import { resumeAfterReload, type StageState } from '../domain/stage';

/** Nothing has happened on this device: a state made by `createStageState` and never dispatched to. */
export function isUntouched(state: StageState): boolean {
  return state.revision === 0;
}

/**
 * The state to continue from when `published` is further along than this device's untouched state, else null.
 * The other device's recordings are not here, so storage actions are not taken: its uploaded answers stay as
 * the published state has them.
 */
export function adoptPublished(local: StageState, published: StageState | null, now: number): StageState | null {
  if (!published || !isUntouched(local)) return null;
  if (published.interviewId !== local.interviewId || published.revision === 0) return null;
  const resumed = resumeAfterReload(published, now, []).state;
  const last = resumed.log[resumed.log.length - 1]!;
  return { ...resumed, log: [...resumed.log.slice(0, -1), { ...last, detail: `continued on another device: ${last.detail}` }] };
}
