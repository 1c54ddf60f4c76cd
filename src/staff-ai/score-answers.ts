/**
 * First-pass scoring on a staff device. The rubric (reference answers, key concepts, correct options) is in the
 * staff-only key document, so this is the only place answers can be scored: for every transcript the guest's device
 * (or a staff device) published to the stage document, and every multiple-choice answer in the guest's state, it
 * scores what has no current score yet and writes the explained result to the assessment document.
 *
 * No DOM and no worker here: the scorer is passed in (the scoring worker's client in the app, the same client over
 * a Node worker thread in tests).
 */
import type * as Y from 'yjs';
import type { InterviewPlan } from '../domain/interview';
import type { McqInput, McqScore, RatedAnswer, SpokenAnswerInput, SpokenScore } from '../domain/scoring';
import { ratedAnswersKey } from '../domain/scoring/rated-key';
import type { StageState } from '../domain/stage';
import { fingerprintCode } from '../domain/coding/fingerprint';
import type { Judgement } from '../domain/coding/judge';
import type { CodeTestCase, CodingTask } from '../domain/questions';
import { sha256Hex } from '../domain/sha256';
import { codingScoreKey, mcqScoreKey, readAllTranscripts, readScore, writeScore } from '../sync/answer-results';
import { codingScoreRecord, mcqScoreRecord, spokenScoreRecord } from './score-records';

export interface AnswerScorer {
  scoreSpoken(input: SpokenAnswerInput): Promise<SpokenScore>;
  scoreMcq(question: McqInput, chosenIndex: number | null): Promise<McqScore>;
}

/** Runs code against test cases in the code sandbox and judges it (worker/sandbox; the Node port in tests). */
export type CodeRunner = (code: { source: string; language: CodingTask['language']; functionName: string }, tests: readonly CodeTestCase[]) => Promise<Judgement>;

export interface ScoreAnswersInput {
  plan: InterviewPlan;
  stageDoc: Y.Doc;
  assessmentDoc: Y.Doc;
  state: StageState | null;
  scorer: AnswerScorer;
  /** Without one, coding answers are left unscored (they wait for a device that can run them). */
  codeRunner?: CodeRunner;
  scoredBy: string;
  now?: () => number;
  /** The scorer's model version: a score made with another version is made again. */
  modelVersion: number;
  /** Every answer the team rated that this device has (this interview's and earlier ones'); the scorer uses those to the same question. */
  ratedAnswers?: readonly RatedAnswer[];
}

export interface ScoreAnswersReport {
  scored: string[];
  /** Answers that could not be scored, with the reason (shown next to the answer). */
  failed: Array<{ key: string; questionId: string; reason: string }>;
}

/** How a spoken answer is named among rated answers: the interview and the take. */
export function answerIdOf(interviewId: string, recordingId: string): string {
  return `${interviewId}/${recordingId}`;
}

export async function scoreNewAnswers(input: ScoreAnswersInput): Promise<ScoreAnswersReport> {
  const now = input.now ?? (() => Date.now());
  const report: ScoreAnswersReport = { scored: [], failed: [] };
  // The guest declined AI scoring: humans rate this interview, and nothing here scores it (its ratings may still
  // serve other interviews as rated answers: they are human judgements).
  if (input.state?.humanReviewOnly || input.state?.consent?.aiScoring === false) return report;
  const questions = new Map(input.plan.questions.map((q) => [q.id, q]));
  const rated = input.ratedAnswers ?? [];
  const libraryKey = ratedAnswersKey(rated);

  // The stage document's transcripts and those an interviewer's device keeps in the assessment document.
  for (const transcript of readAllTranscripts(input.stageDoc, input.assessmentDoc)) {
    const existing = readScore(input.assessmentDoc, transcript.recordingId);
    if (
      existing &&
      existing.kind === 'spoken' &&
      existing.transcriptAt >= transcript.at &&
      existing.modelVersion === input.modelVersion &&
      (existing.ratedLibraryKey ?? ratedAnswersKey([])) === libraryKey
    )
      continue;
    const question = questions.get(transcript.questionId);
    if (!question || question.kind !== 'spoken') {
      report.failed.push({ key: transcript.recordingId, questionId: transcript.questionId, reason: 'the answer key for this question is not on this device yet' });
      continue;
    }
    try {
      const score = await input.scorer.scoreSpoken({
        question: { id: question.id, prompt: question.prompt, referenceAnswer: question.referenceAnswer, keyConcepts: question.keyConcepts },
        transcript: transcript.text,
        durationSec: transcript.durationSec,
        answerId: answerIdOf(input.plan.meta.id, transcript.recordingId),
        ratedAnswers: rated,
      });
      writeScore(input.assessmentDoc, spokenScoreRecord(score, transcript, input.scoredBy, now(), libraryKey));
      report.scored.push(transcript.recordingId);
    } catch (err) {
      report.failed.push({ key: transcript.recordingId, questionId: transcript.questionId, reason: err instanceof Error ? err.message : String(err) });
    }
  }

  for (const answer of input.state?.answers ?? []) {
    if (answer.mcqChoice === null) continue;
    const key = mcqScoreKey(answer.questionId);
    const existing = readScore(input.assessmentDoc, key);
    if (existing && existing.kind === 'mcq' && existing.chosenIndex === answer.mcqChoice) continue;
    const question = questions.get(answer.questionId);
    if (!question || question.kind !== 'mcq') continue;
    try {
      const score = await input.scorer.scoreMcq({ id: question.id, options: question.options, correctIndex: question.correctIndex, explanation: question.explanation }, answer.mcqChoice);
      writeScore(input.assessmentDoc, mcqScoreRecord(score, question.id, input.scoredBy, now()));
      report.scored.push(key);
    } catch (err) {
      report.failed.push({ key, questionId: answer.questionId, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  if (input.codeRunner) await scoreCodingAnswers(input, input.codeRunner, questions, report, now);
  return report;
}

/** Runs each submitted coding answer against the task's example and hidden tests, again whenever the code changes. */
async function scoreCodingAnswers(input: ScoreAnswersInput, runner: CodeRunner, questions: Map<string, InterviewPlan['questions'][number]>, report: ScoreAnswersReport, now: () => number): Promise<void> {
  for (const answer of input.state?.answers ?? []) {
    if (answer.code === null || answer.code === undefined) continue;
    const question = questions.get(answer.questionId);
    if (!question || question.kind !== 'coding') continue;
    const key = codingScoreKey(question.id);
    try {
      const codeSha256 = await sha256Hex(new TextEncoder().encode(answer.code));
      const existing = readScore(input.assessmentDoc, key);
      if (existing?.kind === 'coding' && existing.codeSha256 === codeSha256 && existing.fingerprint) continue;
      const tests = [...question.exampleTests, ...question.hiddenTests];
      const judgement = await runner({ source: answer.code, language: question.language, functionName: question.functionName }, tests);
      writeScore(input.assessmentDoc, codingScoreRecord(judgement, question.exampleTests.length, question.id, { sha256: codeSha256, fingerprint: fingerprintCode(answer.code) }, input.scoredBy, now()));
      report.scored.push(key);
    } catch (err) {
      report.failed.push({ key, questionId: answer.questionId, reason: err instanceof Error ? err.message : String(err) });
    }
  }
}
