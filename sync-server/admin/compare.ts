/**
 * Solution Analysis: candidates of one interview plan or one archetype side by
 * side: per-question AI and human scores, distributions, a ranking with ties
 * (AI-only scores marked), coding results, and similar coding submissions
 * (token fingerprints, src/domain/coding/fingerprint.ts) flagged for a person
 * to look at: never a penalty, never a change to any score.
 */
import { docName } from '../../src/domain/access';
import { similarSubmissions, SIMILAR_THRESHOLD, type CodeFingerprint } from '../../src/domain/coding/fingerprint';
import { rankWithTies } from '../../src/domain/results/ranking';
import { readScores } from '../../src/sync/answer-results';
import { readStageState } from '../../src/sync/stage-doc';
import type { Db } from '../db/open';
import type { OpenDoc } from './candidate-detail';

export const MAX_COMPARED = 50;

interface Row {
  interviewId: string;
  title: string;
  archetype: string;
  candidate: string | null;
  aiScore: number | null;
  humanScore: number | null;
}

export async function compareCandidates(db: Db, openDoc: OpenDoc, filter: { ids: string[] | null; archetype: string | null }) {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (filter.ids) {
    where.push(`interview_id IN (${filter.ids.map((_, i) => `@id${i}`).join(', ')})`);
    filter.ids.forEach((id, i) => (args[`id${i}`] = id));
  }
  if (filter.archetype) {
    where.push('archetype = @archetype');
    args.archetype = filter.archetype;
  }
  const rows = db
    .prepare(
      `SELECT interview_id AS interviewId, title, archetype, ai_score AS aiScore, human_score AS humanScore,
        (SELECT subject FROM invites i WHERE i.interview_id = r.interview_id AND i.role = 'guest' ORDER BY i.created_at DESC LIMIT 1) AS candidate
       FROM admin_results r ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, interview_id LIMIT ${MAX_COMPARED}`,
    )
    .all(args) as Row[];
  const answers = db
    .prepare(`SELECT interview_id AS interviewId, question_id AS questionId, idx, kind, prompt, ai_score AS aiScore, human_score AS humanScore FROM admin_answers WHERE interview_id IN (SELECT value FROM json_each(?)) ORDER BY idx`)
    .all(JSON.stringify(rows.map((r) => r.interviewId))) as Array<{ interviewId: string; questionId: string; idx: number; kind: string; prompt: string; aiScore: number | null; humanScore: number | null }>;

  // The human score counts when there is one; otherwise the AI's, marked as AI only.
  const ranking = rankWithTies(rows, (r) => r.humanScore ?? r.aiScore).map((x) => ({
    interviewId: x.item.interviewId,
    rank: x.rank,
    tied: x.tied,
    score: x.item.humanScore ?? x.item.aiScore,
    aiOnly: x.item.humanScore === null && x.item.aiScore !== null,
  }));
  const bins = [0, 1, 2, 3, 4];
  const histogram = (values: Array<number | null>) =>
    bins.map((lo) => ({ from: lo, to: lo + 1, count: values.filter((v) => v !== null && v >= lo && (lo === 4 ? v <= 5 : v < lo + 1)).length }));
  const questionIds = [...new Set(answers.map((a) => a.questionId))];

  const coding: Array<{ interviewId: string; questionId: string; passed: number; total: number; score: number; timeUsedMs: number | null }> = [];
  const submissions = new Map<string, Array<{ id: string; fingerprint: CodeFingerprint }>>();
  for (const row of rows) {
    const [assessment, stageDoc] = await Promise.all([openDoc(docName(row.interviewId, 'assessment')), openDoc(docName(row.interviewId, 'stage'))]);
    const stage = readStageState(stageDoc);
    for (const s of readScores(assessment)) {
      if (s.kind !== 'coding') continue;
      const a = stage?.answers.find((x) => x.questionId === s.questionId);
      const timeUsedMs = a?.shownAt != null && a.answeredAt != null ? a.answeredAt - a.shownAt : null;
      coding.push({ interviewId: row.interviewId, questionId: s.questionId, passed: s.passed, total: s.total, score: s.score, timeUsedMs });
      if (s.fingerprint) submissions.set(s.questionId, [...(submissions.get(s.questionId) ?? []), { id: row.interviewId, fingerprint: s.fingerprint }]);
    }
  }
  const similar = [...submissions.entries()].flatMap(([questionId, subs]) => similarSubmissions(subs).map((p) => ({ questionId, a: p.a, b: p.b, similarity: p.similarity })));

  return {
    candidates: rows,
    questions: questionIds.map((qid) => {
      const first = answers.find((a) => a.questionId === qid)!;
      return {
        questionId: qid,
        kind: first.kind,
        prompt: first.prompt,
        scores: rows.map((r) => {
          const a = answers.find((x) => x.interviewId === r.interviewId && x.questionId === qid);
          return { interviewId: r.interviewId, ai: a?.aiScore ?? null, human: a?.humanScore ?? null };
        }),
      };
    }),
    ranking,
    distributions: { ai: histogram(rows.map((r) => r.aiScore)), human: histogram(rows.map((r) => r.humanScore)) },
    coding,
    similarSubmissions: { threshold: SIMILAR_THRESHOLD, note: 'Flagged for a person to review; no score is changed.', pairs: similar },
  };
}
