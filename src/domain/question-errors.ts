/**
 * The question editor's checks in words for the host: each problem the question schema finds becomes one sentence
 * addressed to the person editing, keyed by the field it concerns so the editor shows it next to that field
 * (the schema's own messages read "Too small: expected string to have >=3 characters"). Pure: no DOM.
 */
import { CodingTask, McqQuestion, SpokenQuestion, type CodeTestCase, type Question, type QuestionKind } from './questions';

/** The parts of a schema issue the words depend on (zod's issues have this shape). */
export interface SchemaIssue {
  code: string;
  path: ReadonlyArray<PropertyKey>;
  minimum?: number | bigint;
  maximum?: number | bigint;
  exact?: boolean;
  message?: string;
}

/** Field name → the sentence to show beside it. `form` holds what belongs to no field of the editor. */
export type FieldErrors = Record<string, string>;

const SCHEMA_FOR: Record<QuestionKind, typeof SpokenQuestion | typeof McqQuestion | typeof CodingTask> = {
  spoken: SpokenQuestion,
  mcq: McqQuestion,
  coding: CodingTask,
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function bound(v: number | bigint | undefined, fallback: number): number {
  return v === undefined ? fallback : Number(v);
}

/** A short text field: what to write and why, with its minimum length. */
function textSentence(field: string, issue: SchemaIssue): string | null {
  const n = bound(issue.minimum, 1);
  switch (field) {
    case 'prompt':
      return `Write the question in at least ${plural(n, 'character', 'characters')}.`;
    case 'referenceAnswer':
      return `Write a reference answer of at least ${plural(n, 'character', 'characters')}: first-pass scoring compares spoken answers with it.`;
    case 'explanation':
      return `Explain why the correct option is right, in at least ${plural(n, 'character', 'characters')}.`;
    case 'title':
      return `Give the task a title of at least ${plural(n, 'character', 'characters')}.`;
    case 'statement':
      return `Describe the task in at least ${plural(n, 'character', 'characters')}, so the candidate knows what to build.`;
    case 'signature':
      return `Write the function's signature (at least ${plural(n, 'character', 'characters')}), for example sumPairs(numbers: number[]): number.`;
    case 'starterCode':
      return `Give the candidate starter code of at least ${plural(n, 'character', 'characters')}.`;
    case 'referenceSolution':
      return `Write a reference solution in JavaScript of at least ${plural(n, 'character', 'characters')}: it proves the hidden tests can be passed.`;
    default:
      return null;
  }
}

function testsSentence(field: 'exampleTests' | 'hiddenTests', issue: SchemaIssue): string {
  const which = field === 'exampleTests' ? 'example' : 'hidden';
  if (issue.path.length === 1) {
    const n = bound(issue.minimum, 1);
    return `Add at least ${plural(n, `${which} test`, `${which} tests`)}.`;
  }
  const index = Number(issue.path[1]);
  return `${which === 'example' ? 'Example' : 'Hidden'} test ${index + 1} needs "args" (a list of the function's arguments) and "expected", for example {"args": [2, 3], "expected": 5}.`;
}

function numberSentence(field: 'timeLimitSec' | 'difficulty', issue: SchemaIssue): string {
  if (field === 'difficulty') return 'Choose a difficulty from 1 to 5.';
  if (issue.code === 'too_small') return `Give a time limit of at least ${plural(bound(issue.minimum, 1), 'second', 'seconds')}.`;
  if (issue.code === 'too_big') return `Give a time limit of at most ${plural(bound(issue.maximum, 1), 'second', 'seconds')}.`;
  return 'Enter the time limit as a whole number of seconds.';
}

/** The field an issue concerns and the sentence for it. */
export function questionIssueSentence(issue: SchemaIssue): { field: string; sentence: string } {
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
  switch (field) {
    case 'keyConcepts':
      if (issue.path.length > 1) {
        const line = Number(issue.path[1]) + 1;
        return { field, sentence: `Key concept ${line} is too short: write at least ${plural(bound(issue.minimum, 2), 'character', 'characters')}, or remove that line.` };
      }
      return { field, sentence: `List at least ${plural(bound(issue.minimum, 3), 'key concept', 'key concepts')}, one per line.` };
    case 'options':
      if (issue.code === 'custom') return { field, sentence: 'Two options say the same thing: make each option different.' };
      if (issue.path.length > 1) return { field, sentence: `Option ${Number(issue.path[1]) + 1} is empty: write an answer for it.` };
      return { field, sentence: 'Give exactly 4 options.' };
    case 'correctIndex':
      return { field, sentence: 'Select the option that is correct.' };
    case 'functionName':
      return {
        field,
        sentence: 'Name the function the way JavaScript allows: letters, digits, _ or $, not starting with a digit and without spaces (for example sumPairs).',
      };
    case 'exampleTests':
    case 'hiddenTests':
      return { field, sentence: testsSentence(field, issue) };
    case 'timeLimitSec':
    case 'difficulty':
      return { field, sentence: numberSentence(field, issue) };
    default: {
      const text = textSentence(field, issue);
      if (text) return { field, sentence: text };
      // id, topic, archetypes, depths, kind, language: not in the editor, so nothing the host can fix there.
      return { field: 'form', sentence: 'This question is incomplete in a way the editor cannot fix: cancel, and regenerate or replace the question.' };
    }
  }
}

/** Every problem of a question draft by field, the first one per field; empty when the draft is valid. */
export function questionDraftErrors(issues: readonly SchemaIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const { field, sentence } = questionIssueSentence(issue);
    errors[field] ??= sentence;
  }
  return errors;
}

/** Checks a draft against the schema of its own kind (so the problems are that kind's, not a union's). */
export function checkQuestionDraft(draft: Question): { ok: true; question: Question } | { ok: false; errors: FieldErrors } {
  const parsed = SCHEMA_FOR[draft.kind].safeParse(draft);
  if (parsed.success) return { ok: true, question: parsed.data };
  return { ok: false, errors: questionDraftErrors(parsed.error.issues) };
}

/** Reads the editor's test-case text (JSON); a sentence for the host when it is not a list of test cases. */
export function parseTestCasesText(text: string, which: 'example' | 'hidden'): CodeTestCase[] | string {
  const example = '[{"args": [2, 3], "expected": 5}]';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `Write the ${which} tests as JSON, for example ${example}: this text is not valid JSON (look for a missing quote, comma or bracket).`;
  }
  if (!Array.isArray(value)) return `Write the ${which} tests as a JSON list, for example ${example}.`;
  return value as CodeTestCase[];
}
