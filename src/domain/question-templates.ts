/** Starting points for questions the host writes by hand; they fail validation until filled in. */
import type { InterviewMeta } from './interview';
import { DEFAULT_ANSWER_LIMIT_SEC, type Question, type QuestionKind } from './questions';

export function blankQuestion(kind: QuestionKind, meta: InterviewMeta, id: string): Question {
  const base = { id, topic: 'custom', difficulty: 3, archetypes: [meta.archetype], depths: [meta.depth], source: 'host' as const };
  switch (kind) {
    case 'spoken':
      return { ...base, kind, prompt: '', referenceAnswer: '', keyConcepts: [], timeLimitSec: DEFAULT_ANSWER_LIMIT_SEC };
    case 'mcq':
      return { ...base, kind, prompt: '', options: ['', '', '', ''], correctIndex: 0, explanation: '', timeLimitSec: 60 };
    case 'coding':
      return {
        ...base,
        kind,
        title: '',
        statement: '',
        language: 'typescript',
        functionName: 'solve',
        signature: 'function solve(input: unknown): unknown',
        starterCode: 'function solve(input) {\n  // your code\n}\n',
        referenceSolution: '',
        exampleTests: [],
        hiddenTests: [],
        timeLimitSec: 900,
      };
  }
}
