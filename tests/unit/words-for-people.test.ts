/**
 * Errors a person can see are sentences addressed to them (#12 item 5): the question editor's checks, a refused
 * link, a closed sync connection and a screen that cannot be shown. The real schema produces the issues here, so a
 * schema change that the words no longer cover shows up as a failing test, not as "Too small: expected ...".
 */
import { describe, expect, it } from 'vitest';
import { checkQuestionDraft, parseTestCasesText, questionIssueSentence } from '../../src/domain/question-errors';
import { LINK_PROBLEMS, linkProblemSentence, syncRefusalSentence } from '../../src/domain/link-errors';
import { screenProblem } from '../../src/domain/screen-problem';
import type { Question } from '../../src/domain/questions';

const common = { id: 'q1', topic: 'hashing', difficulty: 3, archetypes: ['backend' as const], depths: ['standard' as const], source: 'host' as const };

const spoken = (): Question => ({
  ...common,
  kind: 'spoken',
  prompt: 'Explain how a hash map handles collisions.',
  referenceAnswer: 'Chaining keeps a list per bucket; open addressing probes for the next free slot.',
  keyConcepts: ['chaining', 'open addressing', 'load factor'],
  timeLimitSec: 120,
});
const mcq = (): Question => ({
  ...common,
  kind: 'mcq',
  prompt: 'Which structure gives O(1) average lookup?',
  options: ['Hash map', 'Linked list', 'Sorted array', 'Binary heap'],
  correctIndex: 0,
  explanation: 'Hashing finds the bucket directly.',
  timeLimitSec: 60,
});
const coding = (): Question => ({
  ...common,
  kind: 'coding',
  title: 'Sum of pairs',
  statement: 'Return the sum of every adjacent pair in the list of numbers.',
  language: 'typescript',
  functionName: 'sumPairs',
  signature: 'sumPairs(xs: number[]): number[]',
  starterCode: 'function sumPairs(xs) {}',
  referenceSolution: 'function sumPairs(xs) { return xs.slice(1).map((x, i) => x + xs[i]); }',
  exampleTests: [{ args: [[1, 2, 3]], expected: [3, 5] }],
  hiddenTests: [
    { args: [[1]], expected: [] },
    { args: [[0, 0]], expected: [0] },
  ],
  timeLimitSec: 900,
});

function errorsOf(q: Question): Record<string, string> {
  const r = checkQuestionDraft(q);
  if (r.ok) throw new Error('expected the draft to be refused');
  return r.errors;
}

/** A sentence for a person: starts with a capital, ends with a full stop, and carries none of the validator's words. */
function expectSentence(s: string | undefined): void {
  expect(s).toBeDefined();
  expect(s).toMatch(/^[A-Z"].*[.]$/s);
  expect(s).not.toMatch(/Too small|Too big|expected (string|number|array)|Invalid input|>=|<=|bad-signature|malformed|ZodError/);
}

describe('question editor: every schema problem is a sentence next to its field', () => {
  it('accepts valid drafts of every kind', () => {
    for (const q of [spoken(), mcq(), coding()]) expect(checkQuestionDraft(q).ok).toBe(true);
  });

  it('spoken: the question, reference answer and key concepts, with the schema\'s own minimums', () => {
    const errors = errorsOf({ ...spoken(), prompt: 'Why?', referenceAnswer: 'Short.', keyConcepts: ['a'] } as Question);
    expect(errors.prompt).toBe('Write the question in at least 10 characters.');
    expect(errors.referenceAnswer).toBe('Write a reference answer of at least 20 characters: first-pass scoring compares spoken answers with it.');
    expect(errors.keyConcepts).toMatch(/^(Key concept 1 is too short|List at least 3 key concepts)/);
    for (const s of Object.values(errors)) expectSentence(s);
    expect(errorsOf({ ...spoken(), keyConcepts: ['chaining', 'probing'] } as Question).keyConcepts).toBe('List at least 3 key concepts, one per line.');
    expect(errorsOf({ ...spoken(), keyConcepts: ['chaining', 'x', 'probing'] } as Question).keyConcepts).toBe(
      'Key concept 2 is too short: write at least 2 characters, or remove that line.',
    );
  });

  it('mcq: an empty option, two options alike, the explanation', () => {
    expect(errorsOf({ ...mcq(), options: ['Hash map', '', 'Sorted array', 'Binary heap'] } as Question).options).toBe('Option 2 is empty: write an answer for it.');
    expect(errorsOf({ ...mcq(), options: ['Hash map', 'hash map ', 'Sorted array', 'Binary heap'] } as Question).options).toBe(
      'Two options say the same thing: make each option different.',
    );
    const e = errorsOf({ ...mcq(), explanation: 'Because.' } as Question);
    expect(e.explanation).toBe('Explain why the correct option is right, in at least 10 characters.');
  });

  it('coding: the title the issue quoted, the function name, the tests', () => {
    const errors = errorsOf({ ...coding(), title: 'ab', functionName: '2 sum', hiddenTests: [{ args: [[1]], expected: [] }] } as Question);
    // The message #12 quotes: "Too small: expected string to have >=3 characters".
    expect(errors.title).toBe('Give the task a title of at least 3 characters.');
    expect(errors.functionName).toContain('Name the function the way JavaScript allows');
    expect(errors.hiddenTests).toBe('Add at least 2 hidden tests.');
    for (const s of Object.values(errors)) expectSentence(s);
    expect(errorsOf({ ...coding(), exampleTests: [{ expected: 1 }] } as unknown as Question).exampleTests).toContain('Example test 1 needs "args"');
  });

  it('numbers: the time limit against its own kind\'s bounds, and a blank one', () => {
    expect(errorsOf({ ...spoken(), timeLimitSec: 5 } as Question).timeLimitSec).toBe('Give a time limit of at least 15 seconds.');
    expect(errorsOf({ ...mcq(), timeLimitSec: 601 } as Question).timeLimitSec).toBe('Give a time limit of at most 600 seconds.');
    expect(errorsOf({ ...coding(), timeLimitSec: Number.NaN } as Question).timeLimitSec).toBe('Enter the time limit as a whole number of seconds.');
    expect(errorsOf({ ...spoken(), difficulty: 9 } as Question).difficulty).toBe('Choose a difficulty from 1 to 5.');
  });

  it('a problem outside the editor\'s fields goes to the form, still in words', () => {
    const errors = errorsOf({ ...spoken(), topic: '' } as Question);
    expect(Object.keys(errors)).toEqual(['form']);
    expectSentence(errors.form);
    expectSentence(questionIssueSentence({ code: 'weird', path: [] }).sentence);
  });

  it('test cases typed as JSON', () => {
    expect(parseTestCasesText('[{"args": [1], "expected": 1}]', 'example')).toEqual([{ args: [1], expected: 1 }]);
    const broken = parseTestCasesText('[{"args": [1], "expected": 1', 'hidden');
    expect(typeof broken).toBe('string');
    expectSentence(broken as string);
    expect(broken).toContain('Write the hidden tests as JSON');
    expect(parseTestCasesText('{"args": []}', 'example')).toBe('Write the example tests as a JSON list, for example [{"args": [2, 3], "expected": 5}].');
  });
});

describe('links: a refused link says what happened and what to do, for the role it was made for', () => {
  it('every problem has a sentence for the host and one for everyone else, and they differ', () => {
    for (const p of LINK_PROBLEMS) {
      const host = linkProblemSentence(p, 'host');
      const guest = linkProblemSentence(p, 'guest');
      expectSentence(host);
      expectSentence(guest);
      expect(host).not.toEqual(guest);
      expect(host).not.toContain('ask the host'); // the host is the one to act
    }
    expect(linkProblemSentence('bad-signature', 'guest')).toBe(
      'Your link was not made by this InterQ server, or it was changed after it was sent: ask the host for a new link.',
    );
    expect(linkProblemSentence('bad-signature', 'host')).toContain('npm start -- --new-host-link');
    expect(linkProblemSentence('expired', null)).toBe('Your link has expired: ask the host for a new one.');
  });

  it('the sync server\'s close reasons become the same sentences', () => {
    expect(syncRefusalSentence('token revoked', 'interviewer')).toBe(linkProblemSentence('revoked', 'interviewer'));
    expect(syncRefusalSentence('token expired', 'host')).toBe(linkProblemSentence('expired', 'host'));
    for (const r of ['interview deleted', 'the document is full: stage documents may hold at most 100 bytes', 'something new', undefined]) {
      expectSentence(syncRefusalSentence(r, 'guest'));
    }
  });
});

describe('a screen that cannot be shown', () => {
  it('offline, its code missing: says so, keeps the data, no reload offered', () => {
    const p = screenProblem({ kind: 'code-not-loaded', online: false, screen: 'planning' });
    expect(p.title).toBe('This screen is not available offline yet');
    expect(p.explanation).toContain('the planning screen was not yet stored on it');
    expect(p.offerReload).toBe(false);
  });

  it('online: a reload may fetch the current app; a crash says so in words', () => {
    expect(screenProblem({ kind: 'code-not-loaded', online: true, screen: null }).offerReload).toBe(true);
    const crash = screenProblem({ kind: 'crashed', online: true, screen: 'results' });
    expect(crash.title).toBe('Something went wrong on this screen');
    for (const p of [crash, screenProblem({ kind: 'code-not-loaded', online: true, screen: null })]) expectSentence(p.explanation);
  });
});
