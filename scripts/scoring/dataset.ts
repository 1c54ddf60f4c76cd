/**
 * Loader for the public short-answer grading set in ../shared/datasets/short-answer-grading
 * (Mohler et al. 2011, UNT CS data v2.0). The split is fixed by the dataset's README:
 * questions 1.x–10.x are development (tune here), 11.x and 12.x are test (report only).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GradingQuestion {
  readonly id: string;
  readonly prompt: string;
  readonly referenceAnswer: string;
  /**
   * Rubric phrases written for the question from its prompt and reference answer only
   * (bench/scoring/public-key-concepts.json), attached only with { keyConcepts: true }. By default the public questions
   * have none and the scorer derives phrases from the reference, as it does for a host's question with no written
   * concepts: on the development split the written ones did not score better (docs/scoring-studies.md, ninth pass).
   */
  readonly keyConcepts?: readonly string[];
}

export interface GradedAnswer {
  readonly questionId: string;
  readonly answer: string;
  /** Mean of two human graders, 0–5. */
  readonly score: number;
}

export type Split = 'development' | 'test';

export interface GradingDataset {
  readonly dir: string;
  readonly questions: ReadonlyMap<string, GradingQuestion>;
  readonly answers: readonly GradedAnswer[];
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function defaultDatasetDir(): string {
  return process.env.SCORING_DATASET_DIR ?? resolve(REPO_ROOT, '..', 'shared', 'datasets', 'short-answer-grading');
}

/**
 * Why the grading data cannot be used from `dir`, or null when both files are there.
 * Tests that need it skip with this sentence, since a clone has no ../shared.
 */
export function datasetMissingReason(dir = defaultDatasetDir()): string | null {
  const missing = ['questions.csv', 'answers.csv'].filter((name) => !existsSync(resolve(dir, name)));
  if (missing.length === 0) return null;
  return `the public grading data is not in ${dir} (missing ${missing.join(', ')}); set SCORING_DATASET_DIR or place it there to run this test`;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || (r[0] ?? '') !== '');
}

function byHeader(rows: string[][], file: string, columns: readonly string[]): Record<string, string>[] {
  const [header, ...body] = rows;
  if (!header) throw new Error(`${file} is empty`);
  const idx = columns.map((c) => header.indexOf(c));
  const missing = columns.filter((_, k) => (idx[k] ?? -1) < 0);
  if (missing.length) throw new Error(`${file} lacks column(s): ${missing.join(', ')}`);
  return body.map((r) => Object.fromEntries(columns.map((c, k) => [c, r[idx[k] ?? 0] ?? ''])));
}

export function splitOf(questionId: string): Split {
  const assignment = Number(questionId.split('.')[0]);
  return assignment >= 11 ? 'test' : 'development';
}

/** The key concepts written for the public questions (how: the file's note and bench/scoring/README.md). */
export const PUBLIC_KEY_CONCEPTS_PATH = resolve(REPO_ROOT, 'bench', 'scoring', 'public-key-concepts.json');

function loadKeyConcepts(path = PUBLIC_KEY_CONCEPTS_PATH): ReadonlyMap<string, readonly string[]> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { concepts?: Record<string, unknown> };
  const out = new Map<string, readonly string[]>();
  for (const [id, list] of Object.entries(file.concepts ?? {})) {
    if (!Array.isArray(list) || list.length === 0 || !list.every((c) => typeof c === 'string' && c.trim().length > 0))
      throw new Error(`${path}: the key concepts of question ${id} must be a non-empty list of phrases`);
    out.set(id, list as string[]);
  }
  return out;
}

export function loadGradingDataset(dir = defaultDatasetDir(), options: { keyConcepts?: boolean } = {}): GradingDataset {
  const read = (name: string) => {
    try {
      return readFileSync(resolve(dir, name), 'utf8');
    } catch (err) {
      throw new Error(`cannot read ${name} in ${dir} (set SCORING_DATASET_DIR?): ${(err as Error).message}`);
    }
  };
  const concepts = options.keyConcepts === true ? loadKeyConcepts() : null;
  const questions = new Map<string, GradingQuestion>();
  for (const r of byHeader(parseCsv(read('questions.csv')), 'questions.csv', ['id', 'question', 'answer'])) {
    const keyConcepts = concepts?.get(r.id!);
    if (concepts && !keyConcepts) throw new Error(`${PUBLIC_KEY_CONCEPTS_PATH} has no key concepts for question ${r.id}`);
    questions.set(r.id!, { id: r.id!, prompt: r.question!, referenceAnswer: r.answer!, ...(keyConcepts ? { keyConcepts } : {}) });
  }
  const answers: GradedAnswer[] = [];
  for (const r of byHeader(parseCsv(read('answers.csv')), 'answers.csv', ['id', 'answer', 'score'])) {
    const score = Number(r.score);
    if (!questions.has(r.id!) || !Number.isFinite(score)) throw new Error(`answers.csv: bad row for question ${r.id}`);
    answers.push({ questionId: r.id!, answer: r.answer!, score });
  }
  return { dir, questions, answers };
}

export function answersOf(data: GradingDataset, split: Split): GradedAnswer[] {
  return data.answers.filter((a) => splitOf(a.questionId) === split);
}
