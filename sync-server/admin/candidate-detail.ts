/**
 * One candidate interview for the dashboard: the read model's rows plus what
 * only the documents hold (transcripts with word timings, the guest's flags,
 * score explanations, multiple-choice options, code and test results,
 * reactions). A reviewer never receives hidden tests: their arguments and
 * expected values are removed, only how many passed stays.
 */
import type * as Y from 'yjs';
import { docName } from '../../src/domain/access';
import type { Role } from '../../src/domain/access';
import { readPublicPlan } from '../../src/sync/plan-doc';
import { readStageState } from '../../src/sync/stage-doc';
import { readAllTranscripts, readScores } from '../../src/sync/answer-results';
import { readAllRatings, readReactions } from '../../src/sync/staff-doc';
import type { Db } from '../db/open';
import { STATUS_EXPR, STATUS_JOIN } from './status-sql';

export type OpenDoc = (name: string) => Promise<Y.Doc>;

export async function candidateDetail(db: Db, openDoc: OpenDoc, interviewId: string, role: Role) {
  const summary = candidateSummary(db, interviewId);
  if (!summary) return null;
  const [planDoc, stageDoc, assessmentDoc, staffDoc] = await Promise.all(['plan', 'stage', 'assessment', 'staff'].map((k) => openDoc(docName(interviewId, k as 'plan'))));
  const plan = readPublicPlan(planDoc!);
  const stage = readStageState(stageDoc!);
  const transcripts = readAllTranscripts(stageDoc!, assessmentDoc!);
  const scores = readScores(assessmentDoc!);
  const ratings = readAllRatings(staffDoc!);
  const reactions = readReactions(staffDoc!);
  const flagsMap = stageDoc!.getMap<{ flags?: unknown[] }>('transcriptFlags');
  const candidate = (db.prepare("SELECT subject FROM invites WHERE interview_id = ? AND role = 'guest' ORDER BY created_at DESC LIMIT 1").get(interviewId) as { subject: string } | undefined)?.subject ?? null;
  const questions = (plan?.questions ?? []).map((q, index) => {
    const answer = stage?.answers.find((a) => a.questionId === q.id) ?? null;
    const recordingId = answer?.recordingId ?? null;
    const transcript = recordingId ? (transcripts.find((t) => t.recordingId === recordingId) ?? null) : null;
    const score =
      scores.find((s) => (s.kind === 'spoken' ? s.recordingId === recordingId && recordingId !== null : s.questionId === q.id && s.kind === q.kind)) ?? null;
    const shownScore =
      score && score.kind === 'coding' && role === 'reviewer'
        ? { ...score, tests: score.tests.map((t) => (t.hidden ? { ...t, args: '(hidden)', expected: '(hidden)', got: t.got === null ? null : '(hidden)' } : t)) }
        : score;
    return {
      index,
      id: q.id,
      kind: q.kind,
      prompt: q.kind === 'coding' ? `${q.title}: ${q.statement}` : q.prompt,
      options: q.kind === 'mcq' ? q.options : null,
      answer: answer
        ? { status: answer.status, recordingId, durationMs: answer.durationMs, mcqChoice: answer.mcqChoice, code: answer.code, text: answer.text, answeredAt: answer.answeredAt }
        : null,
      transcript: transcript ? { text: transcript.text, words: transcript.segments, processedOn: transcript.processedOn, model: transcript.model } : null,
      flags: recordingId ? (flagsMap.get(recordingId)?.flags ?? []) : [],
      score: shownScore,
      ratings: ratings.filter((r) => r.questionId === q.id),
      reactions: reactions.filter((r) => r.questionId === q.id),
    };
  });
  const incidents = db.prepare('SELECT id, kind, at, question_id AS questionId, detail FROM admin_incidents WHERE interview_id = ? ORDER BY at').all(interviewId);
  return { interviewId, candidate, summary, humanReviewOnly: stage?.humanReviewOnly ?? false, questions, incidents, synthesis: latestSynthesis(db, interviewId) };
}

/** The read model's row of one interview with the server's own status beside it; undefined when it has none. */
export function candidateSummary(db: Db, interviewId: string): Record<string, unknown> | undefined {
  return db.prepare(`SELECT r.*, ${STATUS_EXPR} AS status FROM admin_results r ${STATUS_JOIN} WHERE r.interview_id = ?`).get(interviewId) as Record<string, unknown> | undefined;
}

/** The newest finished synthesis (issue #13's `syntheses` table), labelled cloud or offline; null when none or no table. */
export function latestSynthesis(db: Db, interviewId: string): { source: 'cloud model' | 'offline synthesis'; model: string | null; reliable: boolean; result: unknown } | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'syntheses'").get();
  if (!table) return null;
  const row = db
    .prepare("SELECT kind, model, reliable, result_json AS json FROM syntheses WHERE interview_id = ? AND state = 'done' ORDER BY id DESC LIMIT 1")
    .get(interviewId) as { kind: string | null; model: string | null; reliable: number | null; json: string | null } | undefined;
  if (!row) return null;
  let result: unknown = null;
  try {
    result = row.json ? JSON.parse(row.json) : null;
  } catch {
    result = null;
  }
  return { source: row.kind === 'llm' ? 'cloud model' : 'offline synthesis', model: row.model, reliable: row.reliable !== 0, result };
}
