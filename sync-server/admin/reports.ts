/**
 * Intelligence Reports as data: one candidate or a comparison, as rows for CSV
 * (formula injection neutralised, src/domain/results/csv.ts) and JSON for the
 * hiring committee and ATS import. Every score says whether it is the AI's or a
 * person's, missing ones say so, and the synthesis says whether it came from the
 * cloud model or was built offline.
 */
import { toCsv, type CsvValue } from '../../src/domain/results/csv';
import type { candidateDetail } from './candidate-detail';
import type { compareCandidates } from './compare';

type Detail = NonNullable<Awaited<ReturnType<typeof candidateDetail>>>;
type Comparison = Awaited<ReturnType<typeof compareCandidates>>;

export const REPORT_COLUMNS = ['interview', 'candidate', 'question', 'kind', 'prompt', 'score_source', 'score', 'rater', 'note'] as const;
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], CsvValue>;

export function candidateReport(d: Detail) {
  const rows: ReportRow[] = [];
  const base = (q: Detail['questions'][number]) => ({ interview: d.interviewId, candidate: d.candidate, question: q.id, kind: q.kind, prompt: q.prompt });
  for (const q of d.questions) {
    const ai = q.score ? (q.score.kind === 'spoken' ? q.score.accuracy.score : q.score.score) : null;
    rows.push({ ...base(q), score_source: ai === null ? 'missing (no AI score)' : 'AI first pass', score: ai, rater: 'AI', note: q.score?.explanation ?? null });
    if (q.ratings.length === 0) rows.push({ ...base(q), score_source: 'missing (no human rating)', score: null, rater: null, note: null });
    for (const r of q.ratings) rows.push({ ...base(q), score_source: 'human', score: r.score, rater: `${r.by} (${r.role})`, note: r.note ?? null });
  }
  return {
    kind: 'interq-candidate-report',
    version: 1,
    generatedAt: new Date().toISOString(),
    interviewId: d.interviewId,
    candidate: d.candidate,
    summary: d.summary,
    humanReviewOnly: d.humanReviewOnly,
    synthesis: d.synthesis,
    questions: d.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      aiScore: q.score ? (q.score.kind === 'spoken' ? q.score.accuracy.score : q.score.score) : null,
      aiExplanation: q.score?.explanation ?? null,
      humanRatings: q.ratings.map((r) => ({ by: r.by, role: r.role, score: r.score, note: r.note ?? null })),
      transcript: q.transcript?.text ?? null,
      flags: q.flags.length,
    })),
    rows,
  };
}

export function comparisonReport(c: Comparison) {
  const rows: ReportRow[] = [];
  for (const q of c.questions) {
    for (const s of q.scores) {
      const cand = c.candidates.find((x) => x.interviewId === s.interviewId);
      const base = { interview: s.interviewId, candidate: cand?.candidate ?? null, question: q.questionId, kind: q.kind, prompt: q.prompt, rater: null, note: null };
      rows.push({ ...base, score_source: s.ai === null ? 'missing (no AI score)' : 'AI first pass', score: s.ai });
      rows.push({ ...base, score_source: s.human === null ? 'missing (no human rating)' : 'human (mean)', score: s.human });
    }
  }
  return { kind: 'interq-comparison-report', version: 1, generatedAt: new Date().toISOString(), ...c, rows };
}

/**
 * Starts with a UTF-8 byte order mark: without it, Excel opens a double-clicked CSV in the machine's legacy code page
 * and a name like "Zoë Ñúñez" comes out garbled; ATS importers and CSV parsers skip the mark.
 */
export const CSV_BOM = '\uFEFF';

export function reportCsv(rows: readonly ReportRow[]): string {
  return CSV_BOM + toCsv(REPORT_COLUMNS, rows.map((r) => REPORT_COLUMNS.map((k) => r[k])));
}
