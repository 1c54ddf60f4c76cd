/**
 * Brings an interview's Yjs documents in line with the host's local plan. Runs
 * whenever the host's screen for an interview is open, so a plan created
 * offline reaches the server as soon as a connection exists.
 */
import type { InterviewPlan } from '../domain/interview';
import type { DocHandle } from './doc-connection';
import { readPublicPlan, writePlan } from './plan-doc';

/** Returns true when the documents were behind and have been written. */
export async function reconcilePlan(plan: InterviewPlan, planDoc: DocHandle, keyDoc: DocHandle): Promise<boolean> {
  await Promise.all([planDoc.whenLocal, keyDoc.whenLocal]);
  if (plan.meta.status !== 'published') return false;
  const current = readPublicPlan(planDoc.doc);
  if (current && current.meta.version >= plan.meta.version && current.meta.updatedAt >= plan.meta.updatedAt) return false;
  writePlan(planDoc.doc, keyDoc.doc, plan);
  return true;
}
