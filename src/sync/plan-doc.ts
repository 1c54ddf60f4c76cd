/**
 * How an interview plan is laid out in its Yjs documents. Used by the app and by
 * the sync server (for its interview index), so it must stay free of DOM code.
 *
 * plan doc: Map `meta` (InterviewMeta fields), Array `questions` (public parts, in order)
 * key doc:  Map `keys` (question id → QuestionKey)
 */
import * as Y from 'yjs';
import { InterviewMeta, type InterviewPlan } from '../domain/interview';
import { joinQuestion, splitQuestion, type PublicQuestion, type QuestionKey } from '../domain/plan-split';
import type { Question } from '../domain/questions';

export interface PublicPlan {
  meta: InterviewMeta;
  questions: PublicQuestion[];
}

export function writePlan(planDoc: Y.Doc, keyDoc: Y.Doc | null, plan: InterviewPlan): void {
  const parts = plan.questions.map(splitQuestion);
  planDoc.transact(() => {
    const meta = planDoc.getMap('meta');
    for (const [k, v] of Object.entries(plan.meta)) {
      if (meta.get(k) !== v) meta.set(k, v);
    }
    const questions = planDoc.getArray<PublicQuestion>('questions');
    questions.delete(0, questions.length);
    questions.push(parts.map((p) => p.pub));
  });
  if (keyDoc) {
    keyDoc.transact(() => {
      const keys = keyDoc.getMap<QuestionKey>('keys');
      const live = new Set(plan.questions.map((q) => q.id));
      for (const id of [...keys.keys()]) if (!live.has(id)) keys.delete(id);
      plan.questions.forEach((q, i) => keys.set(q.id, parts[i]!.key));
    });
  }
}

/** The plan as the guest sees it, or null while the document has not synced yet. */
export function readPublicPlan(planDoc: Y.Doc): PublicPlan | null {
  const parsed = InterviewMeta.safeParse(planDoc.getMap('meta').toJSON());
  if (!parsed.success) return null;
  return { meta: parsed.data, questions: planDoc.getArray<PublicQuestion>('questions').toArray() };
}

/** The full plan for staff; questions whose key has not arrived are left out. */
export function readFullPlan(planDoc: Y.Doc, keyDoc: Y.Doc): InterviewPlan | null {
  const pub = readPublicPlan(planDoc);
  if (!pub) return null;
  const keys = keyDoc.getMap<QuestionKey>('keys');
  const questions = pub.questions
    .map((q) => joinQuestion(q, keys.get(q.id)))
    .filter((q): q is Question => q !== null);
  return { meta: pub.meta, questions };
}
