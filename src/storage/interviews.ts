/** The host's interviews on this device. IndexedDB is the source of truth; Yjs documents follow it. */
import Dexie from 'dexie';
import { appDb, type LocalInterview } from './db';
import type { InterviewPlan } from '../domain/interview';

export class SessionIdTakenError extends Error {
  constructor(readonly sessionId: string) {
    super(`The session identifier "${sessionId}" is already used by another of your interviews.`);
    this.name = 'SessionIdTakenError';
  }
}

export async function saveNewInterview(plan: InterviewPlan): Promise<void> {
  const record: LocalInterview = { id: plan.meta.id, plan, localRole: 'host', updatedAt: plan.meta.updatedAt };
  try {
    await appDb().interviews.add(record);
  } catch (err) {
    if (err instanceof Dexie.ConstraintError) throw new SessionIdTakenError(plan.meta.id);
    throw err;
  }
}

export async function updateInterview(plan: InterviewPlan): Promise<void> {
  await appDb().interviews.put({ id: plan.meta.id, plan, localRole: 'host', updatedAt: plan.meta.updatedAt });
}

export async function isSessionIdTaken(id: string): Promise<boolean> {
  return (await appDb().interviews.get(id)) !== undefined;
}

export function listHostInterviews(): Promise<LocalInterview[]> {
  return appDb().interviews.where('localRole').equals('host').reverse().sortBy('updatedAt');
}

export function getInterview(id: string): Promise<LocalInterview | undefined> {
  return appDb().interviews.get(id);
}
