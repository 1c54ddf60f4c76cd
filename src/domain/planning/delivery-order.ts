/**
 * The order a guest meets the questions in. Each kind ramps up in difficulty;
 * spoken questions open and punctuate the interview, multiple-choice questions
 * come in short quick-fire blocks, and coding tasks sit in the middle stretch,
 * once the candidate has warmed up but before fatigue sets in.
 */
import type { Question, QuestionKind } from '../questions';

const MCQ_BLOCK = 5;
const CODING_WINDOW = { start: 0.3, span: 0.6 };
const KIND_RANK: Record<QuestionKind, number> = { spoken: 0, mcq: 1, coding: 2 };

interface Unit {
  position: number;
  rank: number;
  items: Question[];
}

/** Stable sort by difficulty: equal difficulties keep their (seeded) pick order. */
function byDifficulty<T extends Question>(items: readonly T[]): T[] {
  return items
    .map((q, i) => ({ q, i }))
    .sort((a, b) => a.q.difficulty - b.q.difficulty || a.i - b.i)
    .map(({ q }) => q);
}

export function orderForDelivery(questions: readonly Question[]): Question[] {
  const spoken = byDifficulty(questions.filter((q) => q.kind === 'spoken'));
  const mcq = byDifficulty(questions.filter((q) => q.kind === 'mcq'));
  const coding = byDifficulty(questions.filter((q) => q.kind === 'coding'));

  const units: Unit[] = [];
  spoken.forEach((q, i) => units.push({ position: i / spoken.length, rank: KIND_RANK.spoken, items: [q] }));
  const blocks = Math.ceil(mcq.length / MCQ_BLOCK);
  for (let b = 0; b < blocks; b++) {
    // Even block sizes (5+5+4, not 5+5+1 … ) by splitting on rounded boundaries.
    const from = Math.round((b * mcq.length) / blocks);
    const to = Math.round(((b + 1) * mcq.length) / blocks);
    units.push({ position: (b + 0.5) / blocks, rank: KIND_RANK.mcq, items: mcq.slice(from, to) });
  }
  coding.forEach((q, i) =>
    units.push({
      position: CODING_WINDOW.start + (CODING_WINDOW.span * (i + 0.5)) / coding.length,
      rank: KIND_RANK.coding,
      items: [q],
    }),
  );
  units.sort((a, b) => a.position - b.position || a.rank - b.rank);
  return units.flatMap((u) => u.items);
}
