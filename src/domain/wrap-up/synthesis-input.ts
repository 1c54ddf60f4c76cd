/**
 * What a synthesis is made from, assembled from the interview's documents as plain data (the server reads the Yjs
 * documents; this stays pure so the offline synthesis, the prompt, the evidence check and the tests share it).
 *
 * Only the answers: no audio, no title (hosts put names in titles), no names of candidate or staff, nothing about the
 * person. The stage document is written by the guest's device, so each answer uses only the take its recording id
 * names, and every transcript is cut to MAX_TRANSCRIPT_CHARS.
 */
import type { CognitiveDepth, JobArchetype } from '../archetypes';
import type { InterviewPlan } from '../interview';
import type { StageState } from '../stage/types';
import { competenciesOf, competencyFor } from './competencies';
import { givenAnswers } from './status';

/** About 1,500 words, ten minutes of speech: more is either a very long answer or text pushed in to crowd the prompt. */
export const MAX_TRANSCRIPT_CHARS = 9_000;
export const MAX_FLAGS_PER_ANSWER = 20;
const MAX_EXPLANATION_CHARS = 600;

export interface SourceTranscript {
  text: string;
  /** Seconds from the start of the take. */
  segments: ReadonlyArray<{ start: number; end: number; text: string }>;
  durationSec: number;
}

/** The parts of the assessment document's score records a synthesis uses. */
export type SourceScore =
  | { kind: 'spoken'; score: number; band: string; explanation: string; conceptsMissed: readonly string[] }
  | { kind: 'mcq'; correct: boolean; chosenOption: string | null; correctOption: string }
  | { kind: 'coding'; passed: number; total: number; examplesPassed: number; examplesTotal: number; loadError: string | null };

export interface SynthesisSources {
  plan: InterviewPlan;
  stage: StageState | null;
  /** By recording id; a staff device's transcript is preferred over the guest device's by the caller. */
  transcripts: ReadonlyMap<string, SourceTranscript>;
  /** Passages the guest marked as transcribed wrongly, by recording id. */
  flags: ReadonlyMap<string, ReadonlyArray<{ quote: string; note: string | null }>>;
  /** By score key: recordingId, mcq:<questionId>, code:<questionId>. */
  scores: ReadonlyMap<string, SourceScore>;
  ratings: ReadonlyArray<{ questionId: string; score: number; role: string }>;
  reactions: ReadonlyArray<{ questionId: string; kind: string; role: string; momentMs: number | null }>;
}

export interface InputAnswer {
  questionId: string;
  index: number;
  kind: 'spoken' | 'mcq' | 'coding';
  topic: string;
  competencyId: string;
  prompt: string;
  /** What the rubric expects (spoken). */
  referenceAnswer: string | null;
  keyConcepts: string[];
  recordingId: string | null;
  /** The candidate's words (transcript of the named take, or typed text), cut to MAX_TRANSCRIPT_CHARS. */
  transcript: string | null;
  transcriptCut: boolean;
  segments: Array<{ start: number; end: number; text: string }>;
  flaggedByCandidate: Array<{ quote: string; note: string | null }>;
  firstPass: { score: number; explanation: string } | null;
  mcq: { correct: boolean; chosen: string | null; correctOption: string } | null;
  coding: { passed: number; total: number; hiddenPassed: number; hiddenTotal: number; loadError: string | null } | null;
  staffRatings: Array<{ score: number; role: string }>;
  reactions: Array<{ kind: string; role: string }>;
}

export interface SynthesisInput {
  archetype: JobArchetype;
  depth: CognitiveDepth;
  durationMin: number;
  competencies: Array<{ id: string; label: string }>;
  answers: InputAnswer[];
  /** Questions the candidate gave nothing for, and why (skipped, timed out, blocked, not reached). */
  notAnswered: Array<{ questionId: string; index: number; topic: string; status: string }>;
}

function cut(text: string, max: number): { text: string; cut: boolean } {
  return text.length <= max ? { text, cut: false } : { text: text.slice(0, max), cut: true };
}

export function assembleSynthesisInput(src: SynthesisSources): SynthesisInput {
  const { plan } = src;
  const archetype = plan.meta.archetype;
  const given = new Map((src.stage ? givenAnswers(src.stage) : []).map((a) => [a.questionId, a]));
  const answers: InputAnswer[] = [];
  const notAnswered: SynthesisInput['notAnswered'] = [];
  plan.questions.forEach((q, index) => {
    const answer = given.get(q.id);
    if (!answer) {
      const status = src.stage?.answers.find((a) => a.questionId === q.id)?.status ?? 'not reached';
      notAnswered.push({ questionId: q.id, index, topic: q.topic, status: status === 'pending' ? 'not reached' : status });
      return;
    }
    // Only the take the answer names: older takes and anything else the guest's device put in the map are ignored.
    const recordingId = answer.recordingId;
    const source = recordingId !== null ? src.transcripts.get(recordingId) : undefined;
    const words = source ? cut(source.text, MAX_TRANSCRIPT_CHARS) : answer.text !== null ? cut(answer.text, MAX_TRANSCRIPT_CHARS) : null;
    const spoken = recordingId !== null ? src.scores.get(recordingId) : undefined;
    const mcq = src.scores.get(`mcq:${q.id}`);
    const coding = src.scores.get(`code:${q.id}`);
    answers.push({
      questionId: q.id,
      index,
      kind: q.kind,
      topic: q.topic,
      competencyId: competencyFor(archetype, q).id,
      prompt: q.kind === 'coding' ? `${q.title}: ${q.statement}` : q.prompt,
      referenceAnswer: q.kind === 'spoken' ? q.referenceAnswer : null,
      keyConcepts: q.kind === 'spoken' ? [...q.keyConcepts] : [],
      recordingId,
      transcript: q.kind === 'spoken' && words ? words.text : null,
      transcriptCut: q.kind === 'spoken' && words ? words.cut : false,
      segments: source && !words?.cut ? source.segments.map((s) => ({ start: s.start, end: s.end, text: s.text })) : [],
      flaggedByCandidate: (recordingId !== null ? (src.flags.get(recordingId) ?? []) : [])
        .slice(0, MAX_FLAGS_PER_ANSWER)
        .map((f) => ({ quote: f.quote.slice(0, 300), note: f.note === null ? null : f.note.slice(0, 300) })),
      firstPass: spoken?.kind === 'spoken' ? { score: spoken.score, explanation: spoken.explanation.slice(0, MAX_EXPLANATION_CHARS) } : null,
      mcq: q.kind === 'mcq' && mcq?.kind === 'mcq' ? { correct: mcq.correct, chosen: mcq.chosenOption, correctOption: mcq.correctOption } : null,
      coding:
        q.kind === 'coding' && coding?.kind === 'coding'
          ? {
              passed: coding.passed,
              total: coding.total,
              hiddenPassed: coding.passed - Math.min(coding.passed, coding.examplesPassed),
              hiddenTotal: coding.total - coding.examplesTotal,
              loadError: coding.loadError,
            }
          : null,
      staffRatings: src.ratings.filter((r) => r.questionId === q.id).map((r) => ({ score: r.score, role: r.role })),
      reactions: src.reactions.filter((r) => r.questionId === q.id).map((r) => ({ kind: r.kind, role: r.role })),
    });
  });
  return {
    archetype,
    depth: plan.meta.depth,
    durationMin: plan.meta.durationMin,
    competencies: competenciesOf(archetype).map((c) => ({ id: c.id, label: c.label })),
    answers,
    notAnswered,
  };
}

/** Stable text of the input (keys in a fixed order by construction), hashed to run each input once. */
export function canonicalInput(input: SynthesisInput): string {
  return JSON.stringify(input);
}

/** A rough token count (4 characters a token for English), enough to decide whether the input fits the model. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
