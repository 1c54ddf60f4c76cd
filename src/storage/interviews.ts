/** The host's interviews on this device. IndexedDB is the source of truth; Yjs documents follow it. */
import Dexie from 'dexie';
import { appDb, type LocalInterview } from './db';
import type { InterviewPlan } from '../domain/interview';
import { publish } from '../domain/plan-edits';
import { planSourceNote, type GenerationRecord } from '../domain/generation/note';

export class SessionIdTakenError extends Error {
  constructor(readonly sessionId: string) {
    super(`The session identifier "${sessionId}" is already used by another of your interviews.`);
    this.name = 'SessionIdTakenError';
  }
}

export async function saveNewInterview(plan: InterviewPlan, generation?: GenerationRecord): Promise<void> {
  const record: LocalInterview = { id: plan.meta.id, plan, localRole: 'host', updatedAt: plan.meta.updatedAt, history: [], generation };
  try {
    await appDb().interviews.add(record);
  } catch (err) {
    if (err instanceof Dexie.ConstraintError) throw new SessionIdTakenError(plan.meta.id);
    throw err;
  }
}

/** The plan the host is editing: the unpublished plan itself, or the draft of edits to a published one. */
export function workingPlan(iv: LocalInterview): InterviewPlan {
  return iv.plan.meta.status === 'draft' ? iv.plan : (iv.draft ?? iv.plan);
}

export async function saveWorkingPlan(id: string, plan: InterviewPlan): Promise<void> {
  const db = appDb();
  await db.transaction('rw', db.interviews, async () => {
    const iv = await db.interviews.get(id);
    if (!iv) throw new Error(`No interview ${id} on this device.`);
    const stamped = { ...plan, meta: { ...plan.meta, updatedAt: Date.now() } };
    if (iv.plan.meta.status === 'draft') await db.interviews.put({ ...iv, plan: stamped, updatedAt: stamped.meta.updatedAt });
    else await db.interviews.put({ ...iv, draft: stamped, updatedAt: stamped.meta.updatedAt });
  });
}

export async function discardDraft(id: string): Promise<void> {
  await appDb().interviews.update(id, { draft: undefined });
}

export async function publishInterview(id: string): Promise<void> {
  const db = appDb();
  await db.transaction('rw', db.interviews, async () => {
    const iv = await db.interviews.get(id);
    if (!iv) throw new Error(`No interview ${id} on this device.`);
    const previous = iv.plan.meta.status === 'published' ? iv.plan : null;
    const { plan, entry } = publish(workingPlan(iv), previous, Date.now());
    await db.interviews.put({ ...iv, plan, draft: undefined, history: [...(iv.history ?? []), entry], updatedAt: plan.meta.updatedAt });
  });
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

/** The note on where the questions came from, true for the plan as the host has edited it so far. */
export function generationNoteOf(iv: LocalInterview): string | null {
  if (iv.generation) return planSourceNote(workingPlan(iv).questions, iv.generation);
  return iv.generationNote ?? null;
}
