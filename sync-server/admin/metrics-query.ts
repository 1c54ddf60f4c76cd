/** The three success metrics over the read model, through the pure formulas in src/domain/results. */
import type { Db } from '../db/open';
import {
  ACCURACY_DELTA_FORMULA,
  accuracyDelta,
  accuracyDeltaBy,
  accuracyDeltaOverTime,
  accuracyDeltaOverTimeBy,
  interRaterAgreement,
  type RatedAnswer,
} from '../../src/domain/results/accuracy-delta';
import { ENGAGEMENT_FORMULA, engagementRate, overallEngagement, type EngagementSession } from '../../src/domain/results/engagement';
import { FRICTION_FORMULA, frictionScore, type FrictionIncident, type FrictionSession } from '../../src/domain/results/friction';

export interface MetricsFilter {
  archetype: string | null;
  interviewIds: string[] | null;
}

export function computeMetrics(db: Db, filter: MetricsFilter) {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (filter.archetype) {
    where.push('r.archetype = @archetype');
    args.archetype = filter.archetype;
  }
  if (filter.interviewIds) {
    where.push(`r.interview_id IN (${filter.interviewIds.map((_, i) => `@id${i}`).join(', ')})`);
    filter.interviewIds.forEach((id, i) => (args[`id${i}`] = id));
  }
  const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  // In a fixed order: the metrics do not depend on it, but their float sums' last digits would (rows otherwise come
  // in whatever order the projection last rewrote them).
  const ratings = (
    db.prepare(`SELECT r.interview_id, r.question_id, r.reviewer, r.archetype, r.score, r.ai_score, r.at FROM admin_ratings r ${w} ORDER BY r.interview_id, r.question_id, r.reviewer`).all(args) as Array<{
      interview_id: string;
      question_id: string;
      reviewer: string;
      archetype: string;
      score: number;
      ai_score: number | null;
      at: number;
    }>
  ).map(
    (r): RatedAnswer => ({
      answerKey: `${r.interview_id}/${r.question_id}`,
      interviewId: r.interview_id,
      questionId: r.question_id,
      archetype: r.archetype,
      reviewer: r.reviewer,
      ai: r.ai_score,
      human: r.score,
      at: r.at,
    }),
  );
  const sessions = db
    .prepare(
      `SELECT r.interview_id AS interviewId, r.title, r.completed_at AS completedAt, r.minutes, r.reactions, r.chat,
              r.audience_submitted AS audienceSubmitted, r.audience_approved AS audienceApproved
       FROM admin_results r ${w} ORDER BY r.started_at DESC`,
    )
    .all(args) as Array<EngagementSession & { title: string; completedAt: number | null }>;
  const incidents = db
    .prepare(`SELECT i.interview_id AS interviewId, i.id, i.kind, i.at, i.question_id AS questionId, i.detail FROM admin_incidents i JOIN admin_results r USING (interview_id) ${w} ORDER BY i.at DESC`)
    .all(args) as Array<FrictionIncident & { interviewId: string }>;
  const byInterview = new Map<string, FrictionIncident[]>();
  for (const i of incidents) byInterview.set(i.interviewId, [...(byInterview.get(i.interviewId) ?? []), i]);
  const frictionSessions: FrictionSession[] = sessions.map((s) => ({ interviewId: s.interviewId, completed: s.completedAt !== null, incidents: byInterview.get(s.interviewId) ?? [] }));

  return {
    accuracyDelta: {
      formula: ACCURACY_DELTA_FORMULA,
      overall: accuracyDelta(ratings),
      byArchetype: accuracyDeltaBy(ratings, (r) => r.archetype),
      byQuestion: accuracyDeltaBy(ratings, (r) => r.questionId),
      byReviewer: accuracyDeltaBy(ratings, (r) => r.reviewer),
      overTime: accuracyDeltaOverTime(ratings),
      overTimeByArchetype: accuracyDeltaOverTimeBy(ratings, (r) => r.archetype),
      interRater: interRaterAgreement(ratings),
    },
    friction: {
      formula: FRICTION_FORMULA,
      overall: frictionScore(frictionSessions),
      perInterview: frictionSessions
        .filter((s) => s.incidents.length > 0)
        .slice(0, 200)
        .map((s) => ({ interviewId: s.interviewId, ...frictionScore([s]) })),
      incidents: incidents.slice(0, 500),
    },
    engagement: {
      formula: ENGAGEMENT_FORMULA,
      overall: overallEngagement(sessions),
      perSession: sessions.slice(0, 200).map((s) => ({ interviewId: s.interviewId, title: s.title, minutes: s.minutes, rate: engagementRate(s), reactions: s.reactions, chat: s.chat, audienceSubmitted: s.audienceSubmitted, audienceApproved: s.audienceApproved })),
    },
  };
}
