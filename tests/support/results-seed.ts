/**
 * Seeds finished candidate interviews the way the app writes them: a plan from
 * the offline question bank (plan + key documents), the guest's stage state
 * driven through the real stage machine to Completed, uploads and transcripts
 * in the stage document, first-pass scores in the assessment document, staff
 * ratings, reactions and chat, audience questions and moderation decisions.
 * Writes go to whatever Y.Doc `open` returns: the server's own write path
 * (collab.openDoc: stored, projected, relayed) or a connected client's copy.
 */
import type * as Y from 'yjs';
import { docName, type DocKind } from '../../src/domain/access';
import type { JobArchetype, CognitiveDepth } from '../../src/domain/archetypes';
import { fingerprintCode } from '../../src/domain/coding/fingerprint';
import type { InterviewPlan } from '../../src/domain/interview';
import { generateOfflinePlan } from '../../src/domain/planning/offline-generator';
import { questionBank } from '../../src/domain/bank';
import { installQuestionBank } from '../../src/domain/planning/bank-query';
import { createStageState, dispatch, slotsFromQuestions, type StageEvent, type StageState } from '../../src/domain/stage';
import { publishTranscript, publishUpload, writeScore, type ScoreRecord } from '../../src/sync/answer-results';
import { submitQuestion } from '../../src/sync/audience-doc';
import { decide } from '../../src/sync/moderation-doc';
import { writePlan } from '../../src/sync/plan-doc';
import { publishStageState } from '../../src/sync/stage-doc';
import { addReaction, postChatMessage, setRating } from '../../src/sync/staff-doc';

export interface SeedRating {
  questionIndex: number;
  by: string;
  role: 'host' | 'interviewer' | 'reviewer';
  score: number;
  note?: string;
}

export interface SeedOptions {
  interviewId: string;
  archetype?: JobArchetype;
  depth?: CognitiveDepth;
  title?: string;
  /** Start of the interview (ms); every event follows 1 s apart, answers 30 s. */
  startAt?: number;
  seed?: number;
  /** Questions to keep from the generated plan (default all). */
  maxQuestions?: number;
  /** First-pass AI score per question index (0–5); undefined: not scored. */
  aiScore?: (index: number) => number | undefined;
  /** Code each coding question gets. */
  code?: (index: number) => string;
  ratings?: readonly SeedRating[];
  reactions?: number;
  chat?: number;
  audience?: number;
  approved?: number;
  /** Leave the interview in progress after this many questions. */
  stopAfter?: number;
  /** Add a microphone failure and its recovery on the first question. */
  micFailure?: boolean;
  /** Transcript words per spoken answer. */
  transcript?: (index: number) => string;
  /**
   * Uploads each spoken answer's recording to the server before the stage document says it was uploaded (the
   * server's status counts only takes its `recordings` table holds complete). Without it the interview stops at
   * "completed" in the server's status.
   */
  upload?: (recording: { recordingId: string; questionId: string }) => Promise<void>;
}

export type DocOpener = (name: string) => Y.Doc | Promise<Y.Doc>;

const guest = { role: 'guest' as const, id: 'candidate' };
const system = { role: 'system' as const };

let bankInstalled = false;
/** Generated questions by archetype, depth and seed: planning is deterministic, and a benchmark seeding thousands reuses them. */
const questionsCache = new Map<string, InterviewPlan['questions']>();

export function seedPlan(opts: SeedOptions): InterviewPlan {
  // The bank is not part of the app: installed from its JSON files, as the server does.
  if (!bankInstalled) installQuestionBank(questionBank());
  bankInstalled = true;
  const archetype = opts.archetype ?? 'frontend';
  const depth = opts.depth ?? 'standard';
  const cacheKey = `${archetype}/${depth}/${opts.seed ?? 1}`;
  let generated = questionsCache.get(cacheKey);
  if (!generated) questionsCache.set(cacheKey, (generated = generateOfflinePlan({ archetype, depth, durationMin: 30, seed: opts.seed ?? 1 })));
  const questions = generated.slice(0, opts.maxQuestions ?? Infinity);
  const now = opts.startAt ?? Date.UTC(2026, 11, 1, 9);
  return {
    meta: {
      id: opts.interviewId,
      title: opts.title ?? `Candidate ${opts.interviewId}`,
      archetype,
      depth,
      durationMin: 30,
      createdAt: now,
      updatedAt: now,
      status: 'published',
      version: 1,
      seed: opts.seed ?? 1,
    },
    questions,
  };
}

/** Runs the guest's session through the stage machine; throws if the machine refuses a step. */
export function completedStage(plan: InterviewPlan, opts: SeedOptions): StageState {
  let s = createStageState({ interviewId: plan.meta.id, questions: slotsFromQuestions(plan.questions), now: opts.startAt ?? plan.meta.createdAt });
  const step = (make: (s: StageState) => StageEvent) => {
    const r = dispatch(s, make(s));
    if (!r.ok) throw new Error(`Seed: the stage machine refused ${make(s).type}: ${r.reason}`);
    s = r.state;
  };
  const at = (ms = 1000) => s.updatedAt + ms;
  step(() => ({ type: 'TECH_CHECK_PASSED', actor: guest, at: at(), inputDeviceId: 'mic-1' }));
  step(() => ({ type: 'CONSENT_GIVEN', actor: guest, at: at(), recording: true, aiScoring: true }));
  step(() => ({ type: 'START_INTERVIEW', actor: guest, at: at() }));
  plan.questions.forEach((q, i) => {
    if (opts.stopAfter !== undefined && i >= opts.stopAfter) return;
    if (q.kind === 'spoken') {
      const rid = `${plan.meta.id}-r${i}`;
      if (i === 0 && opts.micFailure) {
        step(() => ({ type: 'FAIL', actor: system, at: at(), code: 'microphone', message: 'The microphone stopped' }));
        step(() => ({ type: 'RETRY', actor: guest, at: at() }));
      }
      step(() => ({ type: 'START_RECORDING', actor: guest, at: at(), recordingId: rid }));
      step(() => ({ type: 'STOP_RECORDING', actor: guest, at: at(30_000), recordingId: rid, durationMs: 30_000 }));
      step(() => ({ type: 'ANSWER_PROCESSED', actor: system, at: at(), questionId: q.id, outcome: 'ok' }));
    } else if (q.kind === 'mcq') {
      step(() => ({ type: 'ANSWER_MCQ', actor: guest, at: at(), questionId: q.id, choiceIndex: 0 }));
    } else {
      step(() => ({ type: 'ANSWER_CODE', actor: guest, at: at(), questionId: q.id, code: opts.code?.(i) ?? `function ${q.functionName}() { return null; }` }));
    }
    step(() => ({ type: 'NEXT_QUESTION', actor: guest, at: at() }));
  });
  return s;
}

function scoreRecord(plan: InterviewPlan, state: StageState, i: number, score: number, code: string | null): ScoreRecord {
  const q = plan.questions[i]!;
  const at = state.updatedAt;
  if (q.kind === 'spoken') {
    return {
      kind: 'spoken',
      recordingId: state.answers[i]!.recordingId!,
      questionId: q.id,
      transcriptAt: at,
      accuracy: {
        score,
        band: score >= 4 ? 'strong' : score >= 2.5 ? 'partial' : score > 0 ? 'weak' : 'none',
        conceptsFound: [{ concept: q.keyConcepts[0] ?? 'concept', words: [], negated: false }],
        conceptsMissed: q.keyConcepts.slice(1, 2).map((c) => ({ concept: c, missingWords: [c] })),
        conceptSource: 'rubric',
        reasons: [],
        reviewSuggested: false,
        explanation: `Found ${q.keyConcepts[0] ?? 'one concept'}.`,
      },
      tone: { assessed: false, assertiveness: 'neutral', polarity: 'neutral', hedges: [], confidentCues: [], explanation: '' },
      delivery: { wordCount: 40, wordsPerMinute: 80, pace: 'comfortable', fillerCount: 0, fillerRate: 0, longPauses: 0, timed: true, explanation: '' },
      empty: false,
      explanation: `Scored ${score} of 5.`,
      modelVersion: 1,
      transcribedOn: 'guest-device',
      processedOn: 'staff-device',
      scoredBy: 'host',
      at,
    };
  }
  if (q.kind === 'mcq') {
    const correct = score >= 2.5;
    return {
      kind: 'mcq',
      questionId: q.id,
      chosenIndex: 0,
      correct,
      chosenOption: q.options[0] ?? null,
      correctOption: q.options[q.correctIndex] ?? '',
      score: correct ? 5 : 0,
      explanation: correct ? 'Correct option chosen.' : 'Another option was correct.',
      processedOn: 'staff-device',
      scoredBy: 'host',
      at,
    };
  }
  const total = q.exampleTests.length + q.hiddenTests.length;
  const passed = Math.round((score / 5) * total);
  return {
    kind: 'coding',
    questionId: q.id,
    codeSha256: 'a'.repeat(64),
    loadError: null,
    passed,
    total,
    examplesPassed: Math.min(passed, q.exampleTests.length),
    examplesTotal: q.exampleTests.length,
    tests: [
      ...q.exampleTests.map((t, k) => ({ hidden: false, state: (k < passed ? 'passed' : 'wrong') as 'passed' | 'wrong', args: JSON.stringify(t.args).slice(0, 600), expected: JSON.stringify(t.expected).slice(0, 600), got: null, detail: null, ms: 1 })),
      ...q.hiddenTests.map((t, k) => ({ hidden: true, state: (k + q.exampleTests.length < passed ? 'passed' : 'wrong') as 'passed' | 'wrong', args: JSON.stringify(t.args).slice(0, 600), expected: JSON.stringify(t.expected).slice(0, 600), got: null, detail: null, ms: 1 })),
    ],
    score: (5 * passed) / Math.max(1, total),
    explanation: `${passed} of ${total} tests passed.`,
    fingerprint: fingerprintCode(code ?? ''),
    processedOn: 'staff-device',
    scoredBy: 'host',
    at,
  };
}

/** Writes one whole candidate interview; returns the plan and the final stage state. */
export async function seedInterview(open: DocOpener, opts: SeedOptions): Promise<{ plan: InterviewPlan; stage: StageState }> {
  const doc = (kind: DocKind) => open(docName(opts.interviewId, kind));
  const plan = seedPlan(opts);
  writePlan(await doc('plan'), await doc('key'), plan);
  const stage = completedStage(plan, opts);
  if (opts.upload) for (const a of stage.answers) if (a.recordingId) await opts.upload({ recordingId: a.recordingId, questionId: a.questionId });
  const stageDoc = await doc('stage');
  const assessment = await doc('assessment');
  const staff = await doc('staff');
  stageDoc.transact(() => {
    publishStageState(stageDoc, stage);
    stage.answers.forEach((a, i) => {
      if (!a.recordingId) return;
      publishUpload(stageDoc, { recordingId: a.recordingId, questionId: a.questionId, mimeType: 'audio/webm', bytes: 1000, sha256: 'b'.repeat(64), durationSec: 30, transcribeOn: 'guest-device', at: stage.updatedAt });
      const text = opts.transcript?.(i) ?? 'I would start by measuring the problem and then explain the trade offs clearly';
      const words = text.split(' ');
      publishTranscript(stageDoc, {
        recordingId: a.recordingId,
        questionId: a.questionId,
        text,
        segments: words.map((w, k) => ({ start: k * 0.5, end: k * 0.5 + 0.4, text: w })),
        durationSec: 30,
        processedOn: 'guest-device',
        model: 'whisper-tiny',
        backend: 'wasm',
        at: stage.updatedAt,
      });
    });
  });
  assessment.transact(() => {
    stage.answers.forEach((a, i) => {
      const score = opts.aiScore?.(i);
      const answered = a.recordingId !== null || a.mcqChoice !== null || a.code !== null;
      if (score === undefined || !answered) return;
      writeScore(assessment, scoreRecord(plan, stage, i, score, a.code));
    });
  });
  const at = stage.updatedAt;
  staff.transact(() => {
    for (const r of opts.ratings ?? []) {
      const q = plan.questions[r.questionIndex]!;
      const res = setRating(staff, q.id, r.score, { by: r.by, role: r.role }, at + 1000, r.note);
      if (!res.ok) throw new Error(res.reason);
    }
    for (let k = 0; k < (opts.reactions ?? 0); k++) {
      const q = plan.questions[k % plan.questions.length]!;
      addReaction(staff, 'strong', { questionId: q.id, questionIndex: k % plan.questions.length, recordingId: null, momentMs: null }, { by: 'host', role: 'host' }, at);
    }
    for (let k = 0; k < (opts.chat ?? 0); k++) postChatMessage(staff, `note ${k}`, { by: 'host', role: 'host' }, at);
  });
  if (opts.audience) {
    const aud = await doc('audience');
    const mod = await doc('moderation');
    for (let k = 0; k < opts.audience; k++) {
      const sub = submitQuestion(aud, `Audience question number ${k}?`, { author: `viewer-${k}`, authorKey: `audience:viewer-${k}` }, at);
      if (sub.ok && k < (opts.approved ?? 0)) decide(mod, sub.submission, { action: 'approve' }, { by: 'host', role: 'host' }, at);
    }
  }
  return { plan, stage };
}
