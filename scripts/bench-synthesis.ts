/**
 * npm run bench:synthesis — the final synthesis at interview sizes of 15, 60 and 120 minutes.
 *
 * Plans come from the offline planner and the question bank; the candidate's transcripts are built from each
 * question's reference answer and key concepts with spoken filler, at 130 words a minute over most of the answer
 * time. Reported: the input's size in tokens (estimate: 4 characters a token, input and whole prompt), the offline
 * synthesis time, and the quote check's time. Then, through the real `openai` client against the OpenAI-compatible
 * server on loopback replaying syntheses with 0 %, 10 % and 50 % invented quotes: the share of invented quotes the
 * check caught (target: all) and true quotes it dropped (target: none).
 */
import { performance } from 'node:perf_hooks';
import { RAW_BANK } from '../src/domain/bank';
import { generateOfflinePlan, installQuestionBank } from '../src/domain/planning';
import { mulberry32 } from '../src/domain/planning/prng';
import { Question } from '../src/domain/questions';
import type { InterviewPlan } from '../src/domain/interview';
import { AnswerIndex, checkModelSynthesis } from '../src/domain/wrap-up/evidence-check';
import { offlineSynthesis } from '../src/domain/wrap-up/offline-synthesis';
import { assembleSynthesisInput, canonicalInput, estimateTokens, type SourceScore, type SourceTranscript, type SynthesisInput } from '../src/domain/wrap-up/synthesis-input';
import type { ModelSynthesis } from '../src/domain/wrap-up/synthesis-schema';
import { askForSynthesis } from '../sync-server/synthesis/ask-for-synthesis';
import { buildSynthesisMessages } from '../sync-server/synthesis/synthesis-prompt';
import { startFakeOpenAiServer } from '../tests/support/fake-openai-server';
import { completedStage, recordingOf } from '../tests/support/synthesis-fixtures';

const DURATIONS = [15, 60, 120];
const SHARES = [0, 0.1, 0.5];
const REPEAT = 20;
const FILLER = ['so basically', 'um', 'I think', 'you know', 'in my last project', 'to be honest', 'right', 'and then'];

installQuestionBank(RAW_BANK.map((item) => Question.parse(item)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A spoken answer: the reference answer's sentences and key concepts, shuffled with filler, to the target length. */
function transcriptFor(q: Extract<Question, { kind: 'spoken' }>, rand: () => number): SourceTranscript {
  const seconds = Math.min(q.timeLimitSec, 240) * (0.5 + 0.4 * rand());
  const target = Math.round((seconds / 60) * 130);
  const pool = [...q.referenceAnswer.split(/(?<=[.!?])\s+/), ...q.keyConcepts.map((c) => `We relied on ${c} for that.`)];
  const sentences: string[] = [];
  let words = 0;
  while (words < target) {
    const base = pool[Math.floor(rand() * pool.length)]!;
    const s = `${FILLER[Math.floor(rand() * FILLER.length)]}, ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
    sentences.push(s.charAt(0).toUpperCase() + s.slice(1));
    words += s.split(/\s+/).length;
  }
  const per = seconds / sentences.length;
  return { text: sentences.join(' '), durationSec: seconds, segments: sentences.map((t, i) => ({ start: i * per, end: (i + 1) * per, text: t })) };
}

function interview(durationMin: number, seed: number): SynthesisInput {
  const questions = generateOfflinePlan({ archetype: 'backend', depth: 'standard', durationMin, seed });
  const plan: InterviewPlan = {
    meta: { id: `bench-${durationMin}`, title: 'Bench', archetype: 'backend', depth: 'standard', durationMin, createdAt: 0, updatedAt: 0, status: 'published', version: 1, seed },
    questions,
  };
  const rand = mulberry32(seed);
  const transcripts = new Map<string, SourceTranscript>();
  const scores = new Map<string, SourceScore>();
  for (const q of questions) {
    if (q.kind === 'spoken') {
      transcripts.set(recordingOf(q.id), transcriptFor(q, rand));
      scores.set(recordingOf(q.id), { kind: 'spoken', score: Math.round(rand() * 50) / 10, band: 'partial', explanation: 'Covers some of the key concepts.', conceptsMissed: [] });
    } else if (q.kind === 'mcq') {
      const correct = rand() < 0.7;
      scores.set(`mcq:${q.id}`, { kind: 'mcq', correct, chosenOption: q.options[correct ? q.correctIndex : (q.correctIndex + 1) % 4]!, correctOption: q.options[q.correctIndex]! });
    } else {
      const total = q.exampleTests.length + q.hiddenTests.length;
      const passed = Math.floor(rand() * (total + 1));
      scores.set(`code:${q.id}`, { kind: 'coding', passed, total, examplesPassed: Math.min(passed, q.exampleTests.length), examplesTotal: q.exampleTests.length, loadError: null });
    }
  }
  return assembleSynthesisInput({ plan, stage: completedStage(plan), transcripts, flags: new Map(), scores, ratings: [], reactions: [] });
}

/** Every spoken answer quoted twice (six words from its start and middle), as a model might. */
function trueClaims(input: SynthesisInput): ModelSynthesis {
  const claims = input.answers
    .filter((a) => a.transcript)
    .flatMap((a) => {
      const words = a.transcript!.split(/\s+/);
      const mid = Math.floor(words.length / 2);
      return [words.slice(0, 6).join(' '), words.slice(mid, mid + 6).join(' ')].map((quote) => ({ claim: 'c', questionId: a.questionId, quote }));
    });
  return { recommendation: 'lean-hire', confidence: 0.5, summary: 's', competencies: [], strengths: claims, concerns: [], uncovered: [], followUps: [] };
}

async function main(): Promise<void> {
  console.log('Synthesis input, offline synthesis and quote check (median of %d runs)\n', REPEAT);
  console.log('| Plan | Questions (spoken) | Input tokens (estimate) | Prompt tokens | Offline synthesis | Quote check (claims) |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const inputs = new Map<number, SynthesisInput>();
  for (const d of DURATIONS) {
    const input = interview(d, 1000 + d);
    inputs.set(d, input);
    const inputTokens = estimateTokens(canonicalInput(input));
    const promptTokens = estimateTokens(buildSynthesisMessages(input, 'json_schema').map((m) => m.content).join('\n'));
    const offline: number[] = [];
    const check: number[] = [];
    const model = trueClaims(input);
    // Untimed rounds first: the first calls pay for compiling the code, which a running server has done long before.
    for (let i = 0; i < 10; i++) {
      offlineSynthesis(input);
      checkModelSynthesis(input, model, new AnswerIndex(input));
    }
    for (let i = 0; i < REPEAT; i++) {
      let t = performance.now();
      offlineSynthesis(input);
      offline.push(performance.now() - t);
      t = performance.now();
      const r = checkModelSynthesis(input, model, new AnswerIndex(input));
      check.push(performance.now() - t);
      if (r.dropped !== 0) throw new Error(`a true quote was dropped at ${d} min`);
    }
    const spoken = input.answers.filter((a) => a.kind === 'spoken').length;
    console.log(
      `| ${d} min | ${input.answers.length} (${spoken}) | ${inputTokens.toLocaleString('en')} | ${promptTokens.toLocaleString('en')} | ${median(offline).toFixed(2)} ms | ${median(check).toFixed(2)} ms (${model.strengths.length}) |`,
    );
  }

  const key = 'sk-bench';
  const fake = await startFakeOpenAiServer({ apiKey: key });
  const config = { apiKey: key, baseUrl: fake.baseUrl, model: 'bench-model', timeoutMs: 30_000, maxRetries: 0 };
  const log = () => undefined;
  console.log('\nInvented quotes through the real openai client and the loopback server (2 claims per spoken answer)\n');
  console.log('| Invented share | Claims | Invented | Caught | True quotes dropped |');
  console.log('| --- | --- | --- | --- | --- |');
  let allCaught = true;
  let noneWrong = true;
  for (const share of SHARES) {
    let claims = 0;
    let invented = 0;
    let caught = 0;
    let wronglyDropped = 0;
    for (const d of DURATIONS) {
      const input = inputs.get(d)!;
      fake.setSynthesisMode('invented', { inventedShare: share, claimsPerAnswer: 2 });
      const outcome = await askForSynthesis({ config, input, log });
      if (!outcome.ok) throw new Error(`the loopback model failed: ${outcome.reason} ${outcome.detail}`);
      const sent = fake.syntheses[fake.syntheses.length - 1]!.claims;
      const report = checkModelSynthesis(input, outcome.synthesis);
      const droppedKeys = new Set(report.synthesis.dropped.map((c) => `${c.questionId}\u0000${c.quote}`));
      for (const c of sent) {
        claims++;
        const dropped = droppedKeys.has(`${c.questionId}\u0000${c.quote}`);
        if (c.invented) {
          invented++;
          if (dropped) caught++;
        } else if (dropped) wronglyDropped++;
      }
    }
    allCaught &&= caught === invented;
    noneWrong &&= wronglyDropped === 0;
    console.log(`| ${Math.round(share * 100)} % | ${claims} | ${invented} | ${invented === 0 ? '–' : `${caught} (${Math.round((100 * caught) / invented)} %)`} | ${wronglyDropped} |`);
  }
  await fake.close();
  console.log(`\nTarget: every invented quote caught (${allCaught ? 'met' : 'NOT met'}), no true quote dropped (${noneWrong ? 'met' : 'NOT met'}).`);
  if (!allCaught || !noneWrong) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
