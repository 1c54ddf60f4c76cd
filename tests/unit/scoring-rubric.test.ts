/**
 * Rubric rules on the project's own graded interview answers (development split of bench/scoring; the test split is
 * for the benchmark only): answers written to fool a lexical scorer are held to the rubric's ceilings, and the
 * explanation says why.
 */
import { describe, expect, it } from 'vitest';
import { createSpokenScorer, type SpokenScore } from '../../src/domain/scoring';
import { deriveConcepts } from '../../src/domain/scoring/concepts';
import { contradictedProperties, reversedSequences } from '../../src/domain/scoring/opposites';
import { analyze } from '../../src/domain/scoring/text';
import { loadInterviewSet, type AnswerKind } from '../../scripts/scoring/interview-set';

const set = loadInterviewSet();
const scorer = createSpokenScorer();
const scored = set.development.map((a) => ({ a, s: scorer.score({ question: set.questions.get(a.questionId)!, transcript: a.answer, durationSec: 0 }) }));
const ofKind = (k: AnswerKind): { a: (typeof set.development)[number]; s: SpokenScore }[] => scored.filter((x) => x.a.kind === k);

describe('rubric rules on the own interview answers', () => {
  it('holds at least 300 answers to at least 30 bank questions, with whole questions held out for the test split', () => {
    const all = [...set.development, ...set.test];
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(set.questions.size).toBeGreaterThanOrEqual(30);
    const testQuestions = new Set(set.test.map((a) => a.questionId));
    expect(set.development.some((a) => testQuestions.has(a.questionId))).toBe(false);
    expect(testQuestions.size).toBeGreaterThanOrEqual(8);
  });

  it('keeps keyword salad at 0.5 or less and bare concept lists at 1 or less (the rubric grades them 0 and 1), and says so', () => {
    for (const { s } of ofKind('salad')) {
      expect(s.accuracy.modelScore).toBeGreaterThan(0.5);
      expect(s.accuracy.score).toBeLessThanOrEqual(0.5);
      expect(s.accuracy.explanation).toMatch(/Keyword salad/);
    }
    for (const { s } of ofKind('concepts')) {
      expect(s.accuracy.score).toBeLessThanOrEqual(1);
      expect(s.accuracy.explanation).toMatch(/without explaining them|Keyword salad/);
    }
  });

  it('recognises long answers about something else as off topic, at most 1', () => {
    for (const k of ['off-topic', 'other-question'] as const) {
      for (const { s } of ofKind(k)) {
        expect(s.accuracy.score).toBeLessThanOrEqual(1);
        expect(s.accuracy.explanation).toMatch(/Off topic|No correct content/);
      }
    }
    expect(ofKind('off-topic').every(({ s }) => /Off topic/.test(s.accuracy.explanation))).toBe(true);
  });

  it('does not credit concepts said in the negative, and explains which', () => {
    const negated = ofKind('negation');
    const flagged = negated.filter(({ s }) => s.accuracy.conceptsMissed.some((c) => c.negated));
    expect(flagged.length).toBeGreaterThanOrEqual(Math.ceil(negated.length * 0.8));
    for (const { s } of flagged) {
      for (const c of s.accuracy.conceptsMissed.filter((m) => m.negated)) expect(s.accuracy.explanation).toContain(`"${c.concept}"`);
      expect(s.accuracy.explanation).toMatch(/said only inside a negation/);
    }
    const strong = ofKind('strong');
    const mean = (xs: { s: SpokenScore }[]) => xs.reduce((t, x) => t + x.s.accuracy.score, 0) / xs.length;
    expect(mean(negated)).toBeLessThan(mean(strong) - 1.5);
  });

  it('gives answers with no correct content at most 1', () => {
    for (const { a, s } of scored) if (a.grade === 0 && s.accuracy.ceilings.some((c) => c.rule === 'no-content' || c.rule === 'off-topic')) expect(s.accuracy.score).toBeLessThanOrEqual(1);
    for (const { s } of ofKind('padding')) expect(s.accuracy.score).toBeLessThanOrEqual(1);
  });

  it('does not take an answer that says a terse reference for a bare list, while a list of concepts against a long one is still capped', () => {
    const terse = scorer.score({ question: { prompt: 'Name the main operations of a stack.', referenceAnswer: 'Push, pop, peek and isEmpty.' }, transcript: 'push, pop, peek, isEmpty', durationSec: 0 });
    expect(terse.accuracy.ceilings).toEqual([]);
    expect(terse.accuracy.score).toBeGreaterThanOrEqual(4);
    const long = scorer.score({
      question: {
        prompt: 'What is a database index and what does it cost?',
        referenceAnswer:
          'An index is a separate data structure, usually a B-tree, that keeps the values of one or more columns sorted with pointers back to the rows. The cost is extra storage and slower writes, because every insert, update or delete must also maintain each index.',
        keyConcepts: ['B-tree', 'sorted', 'storage', 'slower writes'],
      },
      transcript: 'B-tree, sorted, storage, slower writes',
      durationSec: 0,
    });
    expect(long.accuracy.ceilings.map((c) => c.rule)).toEqual(['keyword-salad']);
    expect(long.accuracy.score).toBeLessThanOrEqual(1);
  });

  it('keeps the negation of a reference that says what something does not have, so saying it the same way is credited', () => {
    const question = {
      prompt: 'How does a constructor differ from a function?',
      referenceAnswer: 'A constructor is called whenever an object is created, whereas a function needs to be called explicitly. Constructors do not have a return type.',
    };
    expect(deriveConcepts(question.referenceAnswer)).toContain('no return type');
    const same = scorer.score({ question, transcript: 'Constructors do not have a return type.', durationSec: 0 });
    expect(same.accuracy.conceptsFound.map((c) => c.concept)).toContain('no return type');
    expect(same.accuracy.ceilings.some((c) => c.rule === 'negated')).toBe(false);
    expect(same.accuracy.explanation).not.toMatch(/said only inside a negation/);
    // Before, the phrase lost its "not" and this answer was capped for denying it.
    expect(same.accuracy.score).toBeGreaterThan(1.5);
  });
});

describe('swapped facts, clause by clause', () => {
  const probes = {
    prompt: 'Explain the difference between liveness and readiness probes in Kubernetes.',
    referenceAnswer:
      'When a liveness probe fails, the kubelet restarts the container, because the process is stuck. When a readiness probe fails, the pod is removed from the service endpoints so it receives no traffic, but it keeps running.',
    // The rubric names the two things compared; every other reference word is a fact of one of them.
    keyConcepts: ['liveness probe', 'readiness probe'],
  };

  it('gives an answer that attaches each fact to the other thing at most 1, and names the facts', () => {
    const swapped = scorer.score({
      question: probes,
      transcript:
        'When the readiness probe fails the kubelet restarts the container, and when the liveness probe fails the pod is removed from the service endpoints and gets no traffic while it keeps running.',
      durationSec: 0,
    });
    // Word overlap alone rates it strong: every fact of the reference is there, only attached to the wrong probe.
    expect(swapped.accuracy.modelScore).toBeGreaterThanOrEqual(4);
    expect(swapped.accuracy.ceilings.map((c) => c.rule)).toContain('swapped');
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('Swapped facts');
    expect(swapped.accuracy.explanation).toContain('"kubelet" of "readiness"');
    expect(swapped.accuracy.explanation).toContain('where the reference says "kubelet" of "liveness"');
  });

  it('does not take a right paraphrase that reorders the reference for a swap', () => {
    for (const transcript of [
      'If the liveness probe fails, the container gets restarted by the kubelet since the process hangs. If readiness fails, the pod stays running but is taken out of the service endpoints, so it gets no traffic.',
      'Liveness failing restarts the container; readiness failing removes the pod from endpoints so no traffic reaches it.',
    ]) {
      const s = scorer.score({ question: probes, transcript, durationSec: 0 });
      expect(s.accuracy.ceilings).toEqual([]);
      expect(s.accuracy.score).toBeGreaterThanOrEqual(3.5);
    }
  });

  it('catches pairs of words traded between two statements, and says which', () => {
    const question = {
      prompt: 'Explain precision and recall.',
      referenceAnswer: 'Precision is the share of predicted positives that are truly positive; recall is the share of actual positives that the model finds.',
      keyConcepts: ['predicted positives', 'actual positives'],
    };
    const swapped = scorer.score({
      question,
      transcript: 'Recall is the share of predicted positives that are truly positive, and precision is the share of actual positives that the model finds.',
      durationSec: 0,
    });
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toMatch(/Swapped facts: the answer says .*"recall" with "predicted"/);
    const right = scorer.score({
      question,
      transcript: 'Precision: of everything predicted positive, the share truly positive. Recall: of the actual positives, the share the model finds.',
      durationSec: 0,
    });
    expect(right.accuracy.ceilings).toEqual([]);
  });

  it('holds most of the own development swapped answers at 1 and no strong or partial answer', () => {
    const swapped = ofKind('swapped');
    const held = swapped.filter(({ s }) => s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1));
    // 35 of 37 since model v17's clause reader (clauses.ts: cause and effect, roles; the complexities said in words
    // and the ACID statement said with the other polarity are still missed); 31 of 37 under v15-v16
    // (docs/scoring-studies.md, eleventh and twelfth passes).
    expect(held.length).toBeGreaterThanOrEqual(35);
    for (const { s } of held) expect(s.accuracy.score).toBeLessThanOrEqual(1);
    for (const k of ['strong', 'partial'] as const)
      for (const { a, s } of ofKind(k)) expect(s.accuracy.ceilings.filter((c) => c.rule === 'swapped' && c.ceiling <= 1), a.id).toEqual([]);
  });
});

/**
 * The ceilings made precise (model v7): short student answers of the public grading data that the rules capped
 * although the graders credited them (denials of what the reference itself denies, answers about the question in
 * other words than the reference's) are not capped, or not as off topic, while the own set's adversarial answers are.
 */
describe('precise ceilings: terse right answers are not capped', () => {
  const rules = (s: SpokenScore) => s.accuracy.ceilings.map((c) => c.rule);
  const score = (question: { prompt: string; referenceAnswer: string; keyConcepts?: string[] }, transcript: string) =>
    scorer.score({ question, transcript, durationSec: 0 });

  it('credits a denial of what the reference itself denies ("the base case is not included"), and still caps a denial of what it affirms', () => {
    const recursion = { prompt: 'What can cause infinite recursion?', referenceAnswer: 'If the recursion step is defined incorrectly, or if the base case is not included.' };
    const agrees = score(recursion, 'No base case, or the recursive calls never get any closer to it.');
    expect(rules(agrees)).not.toContain('negated');
    expect(agrees.accuracy.conceptsFound.map((c) => c.concept)).toContain('base case');
    expect(agrees.accuracy.explanation).not.toMatch(/said only inside a negation/);

    const copies = { prompt: 'Why pass large objects by reference?', referenceAnswer: 'It avoids making copies of large data structures when calling functions.' };
    const noCopy = score(copies, 'you do not make copies of large data structures, so calling functions is faster');
    expect(rules(noCopy)).not.toContain('negated');
    expect(noCopy.accuracy.score).toBeGreaterThan(1.5);

    const stop = {
      prompt: 'What does a recursive function need so that it stops?',
      referenceAnswer: 'A base case that returns a value directly, and a recursive step that moves each call closer to the base case.',
    };
    const denies = score(stop, 'It needs no base case and no recursive step that moves closer to anything.');
    expect(rules(denies)).toContain('negated');
    expect(denies.accuracy.score).toBeLessThanOrEqual(1.5);
    expect(denies.accuracy.explanation).toMatch(/said only inside a negation/);
  });

  it('does not read "no more than two" as a denial', () => {
    const tree = { prompt: 'What is a binary tree?', referenceAnswer: 'A tree for which the maximum number of children per node is two.' };
    const bound = score(tree, 'A tree where every node has no more than two children');
    expect(rules(bound)).toEqual([]);
    expect(bound.accuracy.conceptsMissed.some((c) => c.negated)).toBe(false);
    expect(bound.accuracy.conceptsFound.map((c) => c.concept)).toContain('children per node');
  });

  it('caps an answer about the question in other words as "no correct content" at 1, not as off topic; talk about something else or the question restated stays off topic', () => {
    const oop = { prompt: 'What is the main advantage of object-oriented programming?', referenceAnswer: 'Abstraction and reusability.' };
    const otherWords = score(
      oop,
      'Object oriented programming lets you build a program from classes and objects that each keep their own data, so the program is easier to change and to extend without touching the rest of it.',
    );
    expect(rules(otherWords)).toEqual(['no-content']);
    expect(otherWords.accuracy.explanation).not.toMatch(/Off topic/);
    expect(otherWords.accuracy.score).toBeLessThanOrEqual(1);

    const career = score(
      oop,
      'In my last job I mostly worked on the billing team, and what I liked most was the people. We had a weekly demo where everyone showed what they built, and I learned a lot from the reviews.',
    );
    expect(rules(career)).toEqual(['off-topic']);
    expect(career.accuracy.score).toBeLessThanOrEqual(0.5);
    expect(career.accuracy.explanation).toMatch(/Off topic: the answer talks about something else/);

    const padding = score(
      oop,
      'That is a great question, and in my experience every good engineer should understand it well. So, what is the main advantage of object-oriented programming? I would say it depends a lot on the situation and on the team, and you have to think about it carefully.',
    );
    expect(rules(padding)).toEqual(['off-topic']);
    expect(padding.accuracy.score).toBeLessThanOrEqual(0.5);
    expect(padding.accuracy.explanation).toMatch(/restates the question/);
  });
});

/**
 * Concepts derived from a reference (a question with no written key concepts, model v13): a single word the reference
 * happens to use is no point it makes, so an answer negating that word in another sense is not denying the reference.
 * On the public data's development split, 14 of 18 negation caps were of such words ("class", "made", "once"), graded
 * 4.0 on average.
 */
describe('derived concepts: a single word said under a negation is not a denial', () => {
  const rules = (s: SpokenScore) => s.accuracy.ceilings.map((c) => c.rule);
  const defaultConstructor = {
    prompt: 'When does C plus plus create a default constructor?',
    referenceAnswer: 'If no constructor is provided, the compiler provides one by default. If a constructor is defined for a class, the compiler does not create a default constructor.',
  };

  it('credits right answers that put "class" or "defined" inside their own negation', () => {
    for (const transcript of [
      'When no constructor is defined in the class, the compiler makes a default one.',
      'If the programmer does not write a class constructor the compiler provides one.',
    ]) {
      const s = scorer.score({ question: defaultConstructor, transcript, durationSec: 0 });
      expect(s.accuracy.conceptSource).toBe('reference');
      expect(rules(s)).not.toContain('negated');
      expect(s.accuracy.conceptsMissed.filter((c) => c.negated)).toEqual([]);
      expect(s.accuracy.explanation).not.toMatch(/said only inside a negation/);
      // Capped at 1.5 as a denial of "class" before.
      expect(s.accuracy.score).toBeGreaterThan(2.5);
    }
  });

  it('still caps a denial of a derived phrase, and of a one-word concept the rubric wrote', () => {
    const stop = {
      prompt: 'What does a recursive function need so that it stops?',
      referenceAnswer: 'A base case that returns a value directly, and a recursive step that moves each call closer to the base case.',
    };
    const denies = scorer.score({ question: stop, transcript: 'It needs no base case and no recursive step that moves closer to anything.', durationSec: 0 });
    expect(rules(denies)).toContain('negated');

    const queue = { prompt: 'What is a queue?', referenceAnswer: 'A data structure that stores elements in first in first out order.', keyConcepts: ['FIFO', 'stores elements'] };
    const notFifo = scorer.score({ question: queue, transcript: 'A queue is a data structure that stores elements, but it is not FIFO.', durationSec: 0 });
    expect(notFifo.accuracy.conceptSource).toBe('rubric');
    expect(notFifo.accuracy.conceptsMissed.filter((c) => c.negated).map((c) => c.concept)).toEqual(['FIFO']);
    expect(rules(notFifo)).toContain('negated');
    expect(notFifo.accuracy.score).toBeLessThanOrEqual(1.5);
  });
});

/**
 * A phrase concept partly stated is correct content (model v16): "no correct content" (at most 1) is for an answer that
 * says nothing of the rubric, not for one that says half of a key phrase in its own words. The off-topic ceilings still
 * count whole concepts only: an answer to another question matches part of a phrase by chance.
 */
describe('a partly stated phrase concept is content, not "no correct content"', () => {
  const rules = (s: SpokenScore) => s.accuracy.ceilings.map((c) => c.rule);
  const answer = (id: string) => {
    const a = set.development.find((x) => x.id === id)!;
    return scorer.score({ question: set.questions.get(a.questionId)!, transcript: a.answer, durationSec: 0 });
  };

  it('scores a partial answer that says part of "loss function" and a strong one that says part of "false positives" as the model does (both were capped at 1)', () => {
    const partial = answer('mle-std-spk-03:partial-1');
    expect(rules(partial)).toEqual([]);
    expect(partial.accuracy.explanation).not.toMatch(/No correct content/);
    expect(partial.accuracy.explanation).toMatch(/Only partly there: [^.]*"loss function"/);
    expect(partial.accuracy.score).toBeGreaterThan(1.5);

    const strong = answer('ds-std-spk-06:strong-2');
    expect(rules(strong)).not.toContain('no-content');
    expect(strong.accuracy.score).toBeGreaterThan(1.5);
  });

  it('keeps "no correct content" for an answer with no part of a phrase concept, and off topic for an answer to another question that matches part of one by chance', () => {
    const oop = { prompt: 'What is the main advantage of object-oriented programming?', referenceAnswer: 'Abstraction and reusability.' };
    const otherWords = scorer.score({
      question: oop,
      transcript: 'Object oriented programming lets you build a program from classes and objects that each keep their own data, so the program is easier to change and to extend without touching the rest of it.',
      durationSec: 0,
    });
    expect(rules(otherWords)).toEqual(['no-content']);

    const sli = answer('fe-std-spk-03:other-question-1');
    expect(sli.accuracy.conceptsMissed.some((c) => c.concept === 'single thread' && c.matches.length > 0)).toBe(true);
    expect(rules(sli)).toEqual(['off-topic']);
    expect(sli.accuracy.score).toBeLessThanOrEqual(1);
  });
});

describe('swapped facts the clause check used to miss (model v8)', () => {
  const capped = (s: SpokenScore) => s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1);
  const score = (question: { prompt: string; referenceAnswer: string; keyConcepts: string[] }, transcript: string) =>
    scorer.score({ question, transcript, durationSec: 0 });

  it('tells "type I" from "type II": a numeral after a word names a thing of its own', () => {
    const question = {
      prompt: 'What are type I and type II errors?',
      referenceAnswer: 'A type I error is a false positive, with probability alpha. A type II error is a false negative, with probability beta.',
      keyConcepts: ['type I error', 'type II error'],
    };
    const swapped = score(question, 'A type I error is a false negative with probability beta, and a type II error is a false positive with probability alpha.');
    expect(swapped.accuracy.modelScore).toBeGreaterThanOrEqual(4);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('"negative" of "type I"');
    expect(swapped.accuracy.explanation).toContain('where the reference says "negative" of "type II"');
    for (const transcript of [
      'Type I is the false positive, and it happens with probability alpha. Type II is the false negative, which happens with probability beta.',
      'A false positive is a type I error, its probability is alpha; a false negative is a type II error, with probability beta.',
    ]) {
      const right = score(question, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(4);
    }
  });

  it('reads two statements joined by "and" (no comma) as two clauses, so a swap between them is seen', () => {
    const question = {
      prompt: 'Explain precision and recall.',
      referenceAnswer: 'Precision is the share of predicted positives that are truly positive; recall is the share of actual positives that the model finds.',
      keyConcepts: ['predicted positives', 'actual positives'],
    };
    const swapped = score(question, 'Recall is the share of predicted positives that are truly positive and precision is the share of actual positives that the model finds.');
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.explanation).toMatch(/Swapped facts: the answer says .*"recall" with "predicted"/);
    const right = score(question, 'Precision is the share of predicted positives that are truly positive and recall is the share of actual positives that the model finds.');
    expect(right.accuracy.ceilings).toEqual([]);
    expect(right.accuracy.score).toBeGreaterThanOrEqual(4);
  });

  it('keeps a short aside between commas ("L2, ridge, ...") in its clause, so the thing stays with its facts', () => {
    const question = {
      prompt: 'Compare L1 and L2 regularization.',
      referenceAnswer:
        'Both add a penalty on coefficient size to the loss to reduce overfitting. L2, ridge, penalizes the sum of squared coefficients and shrinks them smoothly towards zero. L1, lasso, penalizes the sum of absolute values and drives some coefficients exactly to zero, giving sparse models and feature selection.',
      keyConcepts: ['penalty', 'shrink coefficients', 'sparse', 'feature selection'],
    };
    const swapped = score(question, 'L2, ridge, drives coefficients exactly to zero and gives sparse models with feature selection, while L1, lasso, shrinks them smoothly towards zero.');
    expect(swapped.accuracy.modelScore).toBeGreaterThanOrEqual(3.5);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.explanation).toMatch(/"l2" with "drives"/);
    const right = score(
      question,
      'Both penalize large coefficients to fight overfitting. L1, lasso, uses absolute values and drives some coefficients exactly to zero, so you get sparse models and feature selection. L2, ridge, uses squared coefficients and shrinks them smoothly towards zero.',
    );
    expect(right.accuracy.ceilings).toEqual([]);
    expect(right.accuracy.score).toBeGreaterThanOrEqual(3.5);
  });

  it('takes each answer word as the reference word it matches best, not a later synonym ("authorization" is not "permissions")', () => {
    const question = {
      prompt: 'What is the difference between authentication and authorization?',
      referenceAnswer:
        'Authentication establishes who the user is, for example by checking a password. Authorization decides what that user may do, by checking the permissions of the user for the requested action.',
      keyConcepts: ['authentication', 'authorization', 'permissions'],
    };
    const swapped = score(question, 'Authorization establishes who the user is by checking a password, and authentication decides what the user may do by checking permissions for the action.');
    // Read as "permissions", "authorization" attached no fact to the wrong thing, and only the softer pairing rule (at most 2) fired.
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('"establishes" of "authorization" and "decides" of "authentication"');
    for (const transcript of [
      'Authentication proves who you are, usually with a password. Authorization then decides what you may do: the permissions for the requested action.',
      'First authentication establishes who the user is with the password; after that, authorization checks the permissions of the user for the action.',
    ]) {
      const right = score(question, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(4);
    }
  });
});

/**
 * Swaps of direction and order (model v9): the reference gives two opposite properties to two things in one sentence
 * ("too small ... converges slowly, too large ... diverges"), or says one thing happens before another, so pairs of
 * words cannot see the answer that trades them; which pole each word is said with, and which side of "before" it is
 * on, can (opposites.ts).
 */
describe('swapped opposites and reversed order (model v9)', () => {
  const capped = (s: SpokenScore) => s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1);
  const score = (question: { prompt: string; referenceAnswer: string; keyConcepts: string[] }, transcript: string) =>
    scorer.score({ question, transcript, durationSec: 0 });

  it('caps an answer that trades "small" and "large" between two facts of one reference sentence, and names them', () => {
    const question = {
      prompt: 'How does the learning rate affect gradient descent?',
      referenceAnswer:
        'The learning rate sets the step size: too small and training converges very slowly, too large and the loss oscillates or diverges.',
      keyConcepts: ['step size', 'converges slowly', 'diverges'],
    };
    const swapped = score(question, 'The learning rate is the step size; too large and training converges very slowly, too small and the loss oscillates or diverges.');
    expect(swapped.accuracy.modelScore).toBeGreaterThan(1);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    // Each crossing names one word said with each pole: "training" (converges) with "large", "loss" or "oscillates" with "small".
    expect(swapped.accuracy.explanation).toMatch(/Swapped facts: the answer says "large" with "(training|converges|slowly)" and "small" with "(loss|oscillates|diverges)"/);
    expect(swapped.accuracy.explanation).toContain('where the reference pairs them the other way round');
    for (const transcript of [
      'The learning rate is the step size; too small and training converges very slowly, too large and the loss oscillates or diverges.',
      'It sets the step size. If it is too large the loss oscillates or diverges, and if it is too small training converges very slowly.',
    ]) {
      const right = score(question, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(3);
    }
  });

  it('caps an answer that puts two things in the reverse of the reference order, and names them; the right order is not capped', () => {
    const question = {
      prompt: 'Does a resolved promise callback or a zero-delay setTimeout run first?',
      referenceAnswer:
        'Promise callbacks go to the microtask queue, which is drained before the next task. So a resolved promise callback runs before a setTimeout callback with zero delay.',
      keyConcepts: ['microtask queue', 'promise callback', 'setTimeout'],
    };
    const swapped = score(question, 'Promise callbacks go to the microtask queue. So a setTimeout callback with zero delay runs before a resolved promise callback.');
    expect(swapped.accuracy.modelScore).toBeGreaterThan(1);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toMatch(/Swapped order: the answer puts "(settimeout|delay)" before "(resolved|promise)"/);
    expect(swapped.accuracy.explanation).toContain('where the reference says the reverse order');
    for (const transcript of [
      'Promise callbacks go to the microtask queue. So a resolved promise callback runs before a setTimeout callback with zero delay.',
      'A setTimeout callback with zero delay runs after a resolved promise callback, because promise callbacks go to the microtask queue.',
    ]) {
      const right = score(question, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(3);
    }
  });
});

/**
 * Swaps the checks before model v14 missed: steps of a sequence reversed ("first … later" against "… and then …"),
 * and swaps that show two weaker signs from different families (words said with the other pole of a pair, pairings
 * the reference never makes, the other member of a named pair put in the reference's member's place). Right answers
 * in the same words are not capped.
 */
describe('reversed steps and two signs of a swap (model v14)', () => {
  const capped = (s: SpokenScore) => s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1);
  const score = (question: { prompt: string; referenceAnswer: string; keyConcepts: string[] }, transcript: string) =>
    scorer.score({ question, transcript, durationSec: 0 });

  it('reads the steps of a sentence from "first", "then" and "later", not "first" the adjective', () => {
    const reference = analyze('On writes the application updates the database and then deletes, or invalidates, the cached key so the next read repopulates it.');
    const said = (answer: string) => reversedSequences(reference, analyze(answer)).map((r) => r.said.join(' > '));
    expect(said('On a write you update the cache first and only invalidate the database later.')).toEqual(['cache > database']);
    expect(said('First, update the cache; then the database.')).toEqual([]); // two sentences at ";": no sequence inside either
    expect(said('Update the database first, then delete the cached key.')).toEqual([]);
    expect(said('The first read after a write goes to the database, and it fills the cache.')).toEqual([]);
    expect(said('You update the cache and the database.')).toEqual([]);
  });

  it('caps an answer that reverses the steps of the reference at 1 and says which; the right order is not capped', () => {
    const question = {
      prompt: 'Describe the cache-aside pattern. How do you keep the cache from serving stale data?',
      referenceAnswer:
        'With cache-aside the application checks the cache first; on a miss it reads from the database, writes the result into the cache and returns it. On writes the application updates the database and then deletes, or invalidates, the cached key so the next read repopulates it. A TTL bounds how long any stale entry can live.',
      keyConcepts: ['cache miss', 'invalidate', 'TTL', 'stale', 'database'],
    };
    const swapped = score(question, 'The application checks the cache first and on a miss reads from the database. On writes it updates the cache first and only invalidates the database later. A TTL bounds how long a stale entry can live.');
    expect(swapped.accuracy.modelScore).toBeGreaterThan(1);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('Swapped order: the answer puts "cache" first and "database" later');
    for (const transcript of [
      'The application checks the cache first and on a miss reads from the database. On writes it updates the database first and only invalidates the cached key later. A TTL bounds how long a stale entry can live.',
      'The app reads the cache, and on a cache miss it loads the database and fills the cache. On a write it updates the database and then deletes the cached key, and a TTL bounds how long a stale entry lives.',
    ]) {
      const right = score(question, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(3);
    }
  });

  it('reads "not" before a complementary pole as the other pole ("not synchronously"), and a graded one ("not small") as neither', () => {
    const c = (ref: string, answer: string) => contradictedProperties(analyze(ref), analyze(answer)).map((p) => `${p.words.join(' ')}: ${p.said} / ${p.referenceSays}`);
    expect(c('The caller does not get the result synchronously.', 'The caller gets the result synchronously.')).toEqual(['caller gets result: synchronously / not synchronously']);
    expect(c('The caller does not get the result synchronously.', 'The caller gets the result asynchronously.')).toEqual([]);
    expect(c('The update fails if the version changed.', 'The update does not succeed if the version changed.')).toEqual([]);
    expect(c('A large batch uses memory.', 'A batch that is not small uses memory.')).toEqual([]);
  });

  const stock = {
    prompt: 'Two requests try to buy the last item in stock at the same moment. What can go wrong and how do you prevent it?',
    referenceAnswer:
      'This is a race condition, a lost update: both requests read stock equals one, both decide they can sell, and both write stock zero, so the item is sold twice. You prevent it by making the check and the write atomic: a single conditional update, or a row lock with SELECT ... FOR UPDATE inside a transaction, or optimistic concurrency with a version column where the update fails if the version changed.',
    keyConcepts: ['race condition', 'lost update', 'atomic', 'row lock', 'optimistic', 'version'],
  };

  it('caps at 1 an answer with mixed-up pairings that also gives three reference words the other pole ("succeed" for "fails"), naming both signs', () => {
    const swapped = score(stock, 'The fix is to read the stock first and then write it in a separate request, since the row lock causes the lost update; optimistic locking with a version column makes both requests succeed.');
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('Swapped facts, two signs of it');
    expect(swapped.accuracy.explanation).toMatch(/which the reference pairs the other way round|pairs the reference's words as the reference never does/);
    expect(swapped.accuracy.explanation).toMatch(/says "optimistic", "version", "column" with "succeed", where the reference says them with "fails"/);
    for (const transcript of [
      'It is a race condition and a lost update: both read one and both sell. Make the check and write atomic with a conditional update or a row lock, or use optimistic concurrency with a version column: the second update fails, so only one request succeeds.',
      'Both requests read a stock of one and sell the item twice, a lost update. A row lock inside a transaction, or optimistic concurrency where the update fails if the version column changed, makes the check and the write atomic.',
    ]) {
      const right = score(stock, transcript);
      expect(right.accuracy.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(2.5);
    }
  });

  const queue = {
    prompt: 'Why would you put a message queue between two services instead of having one call the other over HTTP?',
    referenceAnswer:
      'A queue decouples the producer from the consumer in time: the producer can accept work even when the consumer is slow or down, and the queue buffers bursts so the consumer processes at its own pace. The cost is eventual consistency, the caller does not get the result synchronously, and most queues give at-least-once delivery, so consumers must be idempotent to handle duplicates.',
    keyConcepts: ['decouple', 'buffer', 'at-least-once', 'idempotent', 'asynchronous'],
  };

  it('caps at 1 an answer that affirms what the reference denies of a complementary pair and puts the other member of a named pair in its place', () => {
    const swapped = score(queue, 'With a queue the caller gets the result synchronously, and delivery is exactly-once, whereas plain HTTP calls are asynchronous and deliver at-least-once, so it is the HTTP consumer that must be idempotent.');
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toContain('with "synchronously", where the reference says them with "not synchronously"');
    expect(swapped.accuracy.explanation).toContain('says "delivery" of "exactly-once", where the reference says it of "at-least-once"');
    for (const transcript of [
      'A queue decouples the producer from the consumer and buffers bursts. The caller does not get the result synchronously, and delivery is at-least-once, so consumers must be idempotent.',
      'The queue decouples the services in time and buffers bursts; the caller gets the result asynchronously. Queues give at-least-once delivery rather than exactly-once, so consumers must be idempotent to handle duplicates.',
    ]) {
      const right = score(queue, transcript);
      expect(right.accuracy.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(2.5);
    }
  });

  it('does not cap on one sign alone: a named member put in place, or three words said with the other pole, without a second sign', () => {
    // One sign each (the substituted member; the contradicted property): a wrong answer, but not two signs of a swap.
    const substituted = score(queue, 'A queue decouples the producer from the consumer and buffers bursts, so the consumer works at its own pace. Delivery is exactly-once, so consumers must be idempotent.');
    expect(substituted.accuracy.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
    const contradicted = score(queue, 'A queue decouples the producer from the consumer and buffers bursts. The caller gets the result synchronously, and most queues give at-least-once delivery, so consumers must be idempotent.');
    expect(contradicted.accuracy.ceilings.filter((c) => c.rule === 'swapped')).toEqual([]);
  });
});

/**
 * Model v15: swapped facts of more forms were written for the development split (bench/scoring/README.md), each with a
 * right answer in the same words. The sequence reader gives each contrasted statement its own steps.
 */
describe('steps of contrasted statements, and right answers in the words of a swap (model v15)', () => {
  const etl = {
    prompt: 'What is the difference between ETL and ELT, and why has ELT become common?',
    referenceAnswer:
      'In ETL, data is extracted, transformed on a separate processing engine and then loaded into the target. In ELT, raw data is loaded into the warehouse first and transformed there with SQL. ELT became common because cloud warehouses have cheap, elastic compute.',
    keyConcepts: ['extract', 'transform', 'load', 'raw data', 'warehouse compute'],
  };
  const steps = (answer: string) => reversedSequences(analyze(etl.referenceAnswer), analyze(answer)).map((r) => r.said.join(' > '));

  it('reads the steps after "while", "whereas" or "but" as a sequence of their own', () => {
    // Both orders in one sentence, each right: no step reversed (v14 ranked all five clauses as one sequence and
    // reversed "loaded > transformed").
    expect(steps('In ETL the data is extracted, transformed first on a separate engine and loaded into the target later, while in ELT it is loaded into the warehouse first and then transformed there.')).toEqual([]);
    expect(steps('ETL transforms the data first and then loads it, whereas ELT loads it first and transforms it later.')).toEqual([]);
    // Both orders traded: ETL's own steps reversed, several pairs.
    expect(steps('In ETL the data is extracted, loaded into the target first and transformed later on a separate engine, while in ELT it is transformed first and then loaded into the warehouse.').length).toBeGreaterThanOrEqual(2);
  });

  it('caps the traded orders at 1 and leaves the right orders in the same words uncapped', () => {
    const swapped = scorer.score({ question: etl, transcript: 'In ETL the data is extracted, loaded into the target first and transformed later on a separate engine, while in ELT it is transformed first and then loaded into the warehouse.', durationSec: 0 });
    expect(swapped.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1)).toBe(true);
    expect(swapped.accuracy.explanation).toContain('Swapped order');
    const right = scorer.score({ question: etl, transcript: 'In ETL the data is extracted, transformed first on a separate engine and loaded into the target later, while in ELT it is loaded into the warehouse first and then transformed there.', durationSec: 0 });
    expect(right.accuracy.ceilings).toEqual([]);
    expect(right.accuracy.score).toBeGreaterThanOrEqual(2.5);
  });

  it('holds the development swaps of the new forms that trade steps, names or roles of named members, and caps none of their right answers in the same words', () => {
    const byId = new Map(scored.map((x) => [x.a.id, x]));
    const held = (id: string) => byId.get(id)!.s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1);
    // Steps of several words traded; facts of both members in one sentence; roles of a named pair (client/server).
    for (const id of ['de-std-spk-05:swapped-2', 'fs-std-spk-03:swapped-3', 'ds-std-spk-06:swapped-2', 'qa-std-spk-01:swapped-2', 'sre-std-spk-10:swapped-2', 'be-std-spk-12:swapped-2', 'fs-std-spk-09:swapped-2'])
      expect(held(id), id).toBe(true);
    // Each right answer written in the same words as a new swap.
    const rights = ['de-std-spk-05:partial-3', 'fs-std-spk-03:strong-4', 'ds-std-spk-06:strong-3', 'qa-std-spk-01:partial-3', 'sre-std-spk-10:partial-3', 'be-std-spk-12:strong-3', 'fs-std-spk-09:strong-3', 'fs-std-spk-03:strong-3', 'be-std-spk-02:strong-3', 'fe-std-spk-03:strong-3', 'be-std-spk-01:strong-3', 'be-std-spk-01:partial-3', 'be-std-spk-12:partial-3'];
    for (const id of rights) {
      const x = byId.get(id);
      expect(x, id).toBeDefined();
      expect(x!.s.accuracy.ceilings.filter((c) => c.rule === 'swapped'), id).toEqual([]);
    }
  });
});
