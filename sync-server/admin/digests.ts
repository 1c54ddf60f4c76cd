/**
 * What the results read model keeps of each document: a small, validated digest
 * (never the whole document), computed only from the document's state so a
 * rebuild from storage gives the same digest.
 *
 * A live document is digested after every change of it, and most changes touch
 * one of the parts (a reaction: not the ratings; a transcript flag: not the
 * stage state), so each part is derived again only when one of the top-level
 * types it reads changed (read-cache.ts, per document, versions moved by every
 * Yjs transaction): the ratings and the stage state are not parsed again for a
 * reaction or a flag. The counts (reactions, chat messages, audience questions) are kept from each transaction's
 * own inserts and deletes (src/sync/valid-id-count.ts), so a reaction costs what it holds, not the whole array.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import { SUPPORT_FRICTION_KIND, type FrictionIncident } from '../../src/domain/results/friction';
import { readAudienceCount, readApprovedCount } from './digest-readers';
import { readPublicPlan } from '../../src/sync/plan-doc';
import { readStageState } from '../../src/sync/stage-doc';
import { readScores, readStaffTranscripts, readTranscripts, readUploads, scoreKey } from '../../src/sync/answer-results';
import { countChat, countReactions, readAllRatings } from '../../src/sync/staff-doc';
import { listIncidents } from '../../src/sync/support-doc';
import { cachedRead } from '../../src/sync/read-cache';

export interface PlanDigest {
  title: string;
  archetype: string;
  depth: string;
  questions: Array<{ id: string; kind: string; prompt: string }>;
}

export interface StageDigest {
  startedAt: number | null;
  completedAt: number | null;
  lastActivityAt: number | null;
  humanReviewOnly: boolean;
  answers: Array<{ questionId: string; status: string; recordingId: string | null; mcqChoice: number | null; hasCode: boolean; answeredAt: number | null }>;
  uploaded: string[];
  transcribed: string[];
  /** Guest's transcript flags per recording. */
  flags: Record<string, number>;
  incidents: FrictionIncident[];
}

export interface AssessmentDigest {
  scores: Array<{ key: string; questionId: string; kind: string; score: number }>;
  transcribed: string[];
}

export interface StaffDigest {
  ratings: Array<{ questionId: string; reviewer: string; role: string; by: string; score: number; note: string | null; at: number }>;
  reactions: number;
  chat: number;
}

export interface CountDigest {
  count: number;
}

/** The support console's incidents (reconnects, stuck uploads, microphone problems) as friction incidents. */
export interface SupportDigest {
  incidents: FrictionIncident[];
}

export type Digest = PlanDigest | StageDigest | AssessmentDigest | StaffDigest | CountDigest | SupportDigest;

/** Kinds the results projection reads (the key document is never read: hidden tests stay out of the read model). */
export const DIGEST_KINDS = ['plan', 'stage', 'assessment', 'staff', 'audience', 'moderation', 'support'] as const satisfies readonly DocKind[];

function stageIncidents(interviewId: string, log: ReadonlyArray<{ at: number; type: string; questionId: string | null; detail: string | null }>): FrictionIncident[] {
  const out: FrictionIncident[] = [];
  log.forEach((e, i) => {
    const kind =
      e.type === 'FAIL' && (e.detail ?? '').toLowerCase().includes('microphone')
        ? 'microphone'
        : e.type === 'RETRY'
          ? 'recovery'
          : e.type === 'RECOVER_INTERRUPTED_RECORDING'
            ? 'interrupted-recording'
            : e.type === 'HOST_MARK_BLOCKED'
              ? 'technical-block'
              : null;
    if (kind) out.push({ id: `${interviewId}:stage:${e.at}:${i}`, kind, at: e.at, questionId: e.questionId, detail: e.detail });
  });
  return out;
}

/**
 * One part of a digest, derived again only when one of the named top-level maps of `doc` changed. Each is taken with
 * getMap, as its reader takes it: a plain `doc.get` could hand over a placeholder that a later getMap replaces, and
 * the replacement's version would start again from 0.
 */
function part<T>(doc: Y.Doc, name: string, maps: readonly string[], read: () => T): T {
  return cachedRead(doc, `admin-digest|${name}`, maps.map((m) => doc.getMap(m)), read);
}

type StageStatePart = Pick<StageDigest, 'startedAt' | 'completedAt' | 'lastActivityAt' | 'humanReviewOnly' | 'answers' | 'incidents'>;

function stageStatePart(interviewId: string, doc: Y.Doc): StageStatePart {
  const state = readStageState(doc);
  const shown = state?.answers.map((a) => a.shownAt).filter((x): x is number => x !== null) ?? [];
  return {
    startedAt: shown.length > 0 ? Math.min(...shown) : null,
    completedAt: state?.completedAt ?? null,
    lastActivityAt: state ? state.updatedAt : null,
    humanReviewOnly: state?.humanReviewOnly ?? false,
    answers: (state?.answers ?? []).map((a) => ({
      questionId: a.questionId,
      status: a.status,
      recordingId: a.recordingId,
      mcqChoice: a.mcqChoice,
      hasCode: a.code !== null,
      answeredAt: a.answeredAt,
    })),
    incidents: state ? stageIncidents(interviewId, state.log) : [],
  };
}

export function digestOf(kind: DocKind, interviewId: string, doc: Y.Doc): Digest | null {
  switch (kind) {
    case 'plan': {
      const plan = readPublicPlan(doc);
      if (!plan) return null;
      return {
        title: plan.meta.title,
        archetype: plan.meta.archetype,
        depth: plan.meta.depth,
        questions: plan.questions.map((q) => ({ id: q.id, kind: q.kind, prompt: q.kind === 'coding' ? `${q.title}: ${q.statement}` : q.prompt })),
      };
    }
    case 'stage': {
      const fromState = part(doc, 'stage-state', ['session'], () => stageStatePart(interviewId, doc));
      const flags = part(doc, 'stage-flags', ['transcriptFlags'], () => {
        const out: Record<string, number> = {};
        for (const [rid, rec] of doc.getMap<{ flags?: unknown[] }>('transcriptFlags').entries()) if (Array.isArray(rec?.flags)) out[rid] = rec.flags.length;
        return out;
      });
      // The same key order as before the parts were kept apart: the stored digest's JSON does not change.
      return {
        startedAt: fromState.startedAt,
        completedAt: fromState.completedAt,
        lastActivityAt: fromState.lastActivityAt,
        humanReviewOnly: fromState.humanReviewOnly,
        answers: fromState.answers,
        uploaded: part(doc, 'stage-uploaded', ['uploads'], () => readUploads(doc).map((u) => u.recordingId).sort()),
        transcribed: part(doc, 'stage-transcribed', ['transcripts'], () => readTranscripts(doc).map((t) => t.recordingId).sort()),
        flags,
        incidents: fromState.incidents,
      };
    }
    case 'assessment':
      return {
        scores: part(doc, 'assessment-scores', ['scores'], () =>
          readScores(doc).map((s) => ({
          key: scoreKey(s),
          questionId: s.questionId,
          kind: s.kind,
          score: s.kind === 'spoken' ? s.accuracy.score : s.score,
          })),
        ),
        transcribed: part(doc, 'assessment-transcribed', ['staffTranscripts'], () => readStaffTranscripts(doc).map((t) => t.recordingId).sort()),
      };
    case 'staff':
      return {
        ratings: part(doc, 'staff-ratings', ['ratings'], () =>
          readAllRatings(doc).map((r) => ({ questionId: r.questionId, reviewer: `${r.role}:${r.by}`, role: r.role, by: r.by, score: r.score, note: r.note ?? null, at: r.at })),
        ),
        reactions: countReactions(doc),
        chat: countChat(doc),
      };
    case 'audience':
      return { count: readAudienceCount(doc) };
    case 'moderation':
      return { count: readApprovedCount(doc) };
    case 'support': {
      const incidents = listIncidents(doc).map((i) => ({
        id: `${interviewId}:support:${i.id}`,
        kind: SUPPORT_FRICTION_KIND[i.kind],
        at: i.at,
        questionId: i.questionId,
        detail: i.detail ? `${i.kind}: ${i.detail}` : i.kind,
      }));
      return incidents.length > 0 ? { incidents } : null;
    }
    default:
      return null;
  }
}
