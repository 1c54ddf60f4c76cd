/**
 * The interview's full plan as the wrap-up reads it (readFullPlan: the public plan joined with its answer key),
 * remembered per pair of documents until either changes. The status projection reads an interview's five documents
 * a quarter second after each change to any of them (several times a minute in a live interview), and the plan and
 * key, which change only when the host edits the plan, were parsed and joined again every time (1.6 % of the app
 * server's samples at bench:sync's 100 sessions).
 *
 * A change is told by the document's own transactions: every change to a Y.Doc, local or received, runs in one, so
 * a count of the transactions that changed it (read-cache.ts' docChanges, the same per-document tracker the staff
 * lists and the results digest use) that has not moved since the plan was read means the documents hold what they
 * held then. A document loaded again (after idling out of memory) is a new Y.Doc and is read afresh.
 */
import type * as Y from 'yjs';
import type { InterviewPlan } from '../../src/domain/interview';
import { readFullPlan } from '../../src/sync/plan-doc';
import { deepFreeze } from '../../src/sync/deep-freeze';
import { docChanges } from '../../src/sync/read-cache';

interface Remembered {
  keyDoc: Y.Doc;
  planCount: number;
  keyCount: number;
  plan: InterviewPlan | null;
}

const remembered = new WeakMap<Y.Doc, Remembered>();

/** readFullPlan(planDoc, keyDoc), read again only after either document changed. Frozen: every reader shares it. */
export function fullPlanOf(planDoc: Y.Doc, keyDoc: Y.Doc): InterviewPlan | null {
  const planCount = docChanges(planDoc);
  const keyCount = docChanges(keyDoc);
  const last = remembered.get(planDoc);
  if (last && last.keyDoc === keyDoc && last.planCount === planCount && last.keyCount === keyCount) return last.plan;
  const plan = deepFreeze(readFullPlan(planDoc, keyDoc));
  remembered.set(planDoc, { keyDoc, planCount, keyCount, plan });
  return plan;
}
