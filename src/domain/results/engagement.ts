/**
 * Engagement Rate: real-time interactions per interview minute.
 *
 *   Engagement Rate = (reactions + chat messages + audience questions submitted + audience questions approved)
 *                     / interview minutes
 *
 * Per session, and overall as total interactions over total minutes (so long
 * sessions weigh by their length, not as one vote each). A session without a
 * measurable length (never started) has no rate and adds nothing to the overall.
 */
export const ENGAGEMENT_FORMULA =
  'Engagement Rate = (reactions + chat messages + audience questions submitted + audience questions approved) ÷ interview minutes; overall = all interactions ÷ all minutes.';

export interface EngagementCounts {
  reactions: number;
  chat: number;
  audienceSubmitted: number;
  audienceApproved: number;
}

export interface EngagementSession extends EngagementCounts {
  interviewId: string;
  /** Interview length in minutes (first question shown to completion or last answer); null if it never started. */
  minutes: number | null;
}

export function interactions(c: EngagementCounts): number {
  return c.reactions + c.chat + c.audienceSubmitted + c.audienceApproved;
}

/** Per-minute rate of one session; null without a positive length. */
export function engagementRate(s: EngagementSession): number | null {
  return s.minutes !== null && s.minutes > 0 ? interactions(s) / s.minutes : null;
}

export function overallEngagement(sessions: readonly EngagementSession[]): { interactions: number; minutes: number; rate: number | null } {
  let total = 0;
  let minutes = 0;
  for (const s of sessions) {
    if (s.minutes === null || s.minutes <= 0) continue;
    total += interactions(s);
    minutes += s.minutes;
  }
  return { interactions: total, minutes, rate: minutes > 0 ? total / minutes : null };
}
