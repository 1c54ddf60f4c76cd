import { describe, expect, it } from 'vitest';
import { SpokenQuestion } from '../../src/domain/questions';
import { buildCorpusStats, createSpokenScorer, deriveConcepts, scoreSpokenAnswer, ScoringInputError } from '../../src/domain/scoring';

const queue = SpokenQuestion.parse({
  id: 'ds-queue',
  kind: 'spoken',
  topic: 'data structures',
  difficulty: 2,
  archetypes: ['backend'],
  depths: ['standard'],
  prompt: 'What is a queue and what are its main operations?',
  referenceAnswer:
    'A queue is a data structure that stores elements in first in first out order. Its main operations are enqueue, which adds an element at the back, and dequeue, which removes the element at the front.',
  keyConcepts: ['first in first out', 'enqueue', 'dequeue', 'add at the back', 'remove from the front'],
});

const score = (transcript: string) => scoreSpokenAnswer({ question: queue, transcript, durationSec: 20 });

/** Every traced span must be exactly the transcript's own characters. */
function expectSpansTraceTo(transcript: string, result: ReturnType<typeof score>) {
  for (const c of result.accuracy.conceptsFound) {
    expect(c.matches.length).toBeGreaterThan(0);
    for (const m of c.matches) expect(transcript.slice(m.span.start, m.span.end)).toBe(m.span.text);
  }
}

describe('technical accuracy: concepts found and missed, traced to the transcript', () => {
  it('reports each found concept with the transcript words that matched, and the missed ones', () => {
    const t = 'A queue is first in, first out. You enqueue at the back.';
    const r = score(t);
    const found = r.accuracy.conceptsFound.map((c) => c.concept);
    expect(found).toEqual(['first in first out', 'enqueue']);
    expect(r.accuracy.conceptsMissed.map((c) => c.concept)).toEqual(['dequeue', 'add at the back', 'remove from the front']);
    // Half a concept is not the concept: "back" is there, "add" is not.
    const add = r.accuracy.conceptsMissed.find((c) => c.concept === 'add at the back')!;
    expect(add.missingWords).toEqual(['add']);
    expect(r.accuracy.explanation).toContain('"add at the back" (has "back"; lacks "add")');
    const enqueue = r.accuracy.conceptsFound.find((c) => c.concept === 'enqueue')!;
    expect(enqueue.matches[0]!.span).toEqual({ start: t.indexOf('enqueue'), end: t.indexOf('enqueue') + 7, text: 'enqueue' });
    expectSpansTraceTo(t, r);
    expect(r.accuracy.explanation).toContain('Missing: "dequeue"');
    expect(r.accuracy.explanation).toMatch(/Covers 2 of 5 key concepts/);
  });

  it('matches stems, synonyms and abbreviations, and says which kind of match it was', () => {
    const t = 'It is FIFO: adding happens at the rear... sorry, the back, and removing elements happens at the front.';
    const r = score(t);
    const fifo = r.accuracy.conceptsFound.find((c) => c.concept === 'first in first out');
    expect(fifo?.matches.every((m) => m.kind === 'abbreviation' && m.span.text === 'FIFO')).toBe(true);
    const add = r.accuracy.conceptsFound.find((c) => c.concept === 'add at the back')!;
    expect(add.matches.find((m) => m.conceptWord === 'add')?.span.text).toBe('adding');
    const remove = r.accuracy.conceptsFound.find((c) => c.concept === 'remove from the front')!;
    expect(remove.matches.map((m) => m.span.text)).toEqual(['removing', 'front']);
    expectSpansTraceTo(t, r);

    const syn = createSpokenScorer().score({
      question: { prompt: 'What does a constructor do?', referenceAnswer: 'It initializes the object when the function is called.', keyConcepts: ['initialize', 'function'] },
      transcript: 'It sets up the instance; this method runs on creation and initialises fields.',
      durationSec: 5,
    });
    const fn = syn.accuracy.conceptsFound.find((c) => c.concept === 'function');
    expect(fn?.matches[0]).toMatchObject({ kind: 'synonym', span: { text: 'method' } });
    const init = syn.accuracy.conceptsFound.find((c) => c.concept === 'initialize');
    expect(init?.matches[0]?.span.text).toBe('initialises');
  });

  it('ranks a complete answer above a partial one, and a partial one above an off-topic one', () => {
    const complete = score('A queue is first in first out: enqueue adds an element at the back and dequeue removes the element at the front.');
    const partial = score('A queue keeps things in order and you can enqueue items.');
    const offTopic = score('I would use a hash map with a good hashing function for constant time lookups.');
    expect(complete.accuracy.score).toBeGreaterThan(partial.accuracy.score);
    expect(partial.accuracy.score).toBeGreaterThan(offTopic.accuracy.score);
    expect(complete.accuracy.band).toBe('strong');
    expect(offTopic.accuracy.conceptsFound).toHaveLength(0);
    expect(offTopic.accuracy.reasons.join(' ')).toMatch(/Missing: .*"enqueue"/);
  });

  it('does not credit a concept said only inside a negation, and says why', () => {
    const t = 'A queue does not enqueue anything, it is a stack where you push and pop.';
    const r = score(t);
    expect(r.accuracy.conceptsFound.find((c) => c.concept === 'enqueue')).toBeUndefined();
    const enqueue = r.accuracy.conceptsMissed.find((c) => c.concept === 'enqueue');
    expect(enqueue?.negated).toBe(true);
    expect(enqueue?.matches.map((m) => m.span.text)).toEqual(['enqueue']);
    expect(r.accuracy.reasons.join(' ')).toContain('Not credited, because said only inside a negation: "enqueue" ("enqueue")');
    expect(r.accuracy.reviewSuggested).toBe(true);
    expect(r.accuracy.reviewReasons.join(' ')).toMatch(/negation/);
    // "but" ends the negation's reach: what follows is affirmed.
    const r2 = score('It is not a stack but it does enqueue at the back.');
    expect(r2.accuracy.conceptsFound.find((c) => c.concept === 'enqueue')?.negated).toBe(false);
  });

  it('notices an answer that says the opposite of the reference, and lowers the score for it', () => {
    const q = { prompt: 'What kind of error is a division by zero in C++?', referenceAnswer: 'A run-time error.' };
    const scorer = createSpokenScorer();
    const right = scorer.score({ question: q, transcript: 'It is a run-time error.', durationSec: 2 });
    const wrong = scorer.score({ question: q, transcript: 'It is a compilation error.', durationSec: 2 });
    expect(wrong.accuracy.contrasts).toEqual([{ referenceWord: 'run', span: { start: 8, end: 19, text: 'compilation' } }]);
    expect(wrong.accuracy.explanation).toContain('Says the opposite of the reference: "compilation" where it has "run"');
    expect(right.accuracy.contrasts).toEqual([]);
    expect(right.accuracy.score).toBeGreaterThan(wrong.accuracy.score + 1);
  });

  it('gives words the question already says less credit than new words', () => {
    const echo = score('A queue has main operations. A queue is what a queue is.');
    const answer = score('Enqueue and dequeue.');
    expect(answer.accuracy.score).toBeGreaterThan(echo.accuracy.score);
  });

  it('derives rubric phrases from a reference answer when a question has none', () => {
    expect(deriveConcepts('A run-time error occurs, and the program stops.')).toEqual(['run-time error occurs', 'program stops']);
    const r = createSpokenScorer({ corpus: buildCorpusStats(['What is a pointer? The address of a location in memory.']) }).score({
      question: { prompt: 'What is a pointer?', referenceAnswer: 'The address of a location in memory.' },
      transcript: 'A variable holding the memory address of another value.',
      durationSec: 4,
    });
    expect(r.accuracy.conceptSource).toBe('reference');
    expect(r.accuracy.conceptsFound.map((c) => c.concept)).toEqual(expect.arrayContaining(['address', 'memory']));
    expect(r.accuracy.conceptsMissed.map((c) => c.concept)).toContain('location');
  });
});

describe('bad input', () => {
  it('explains an empty or silent transcript instead of failing', () => {
    for (const t of ['', '   ', '...', undefined as unknown as string]) {
      const r = scoreSpokenAnswer({ question: queue, transcript: t, durationSec: 30 });
      expect(r.empty).toBe(true);
      expect(r.accuracy.score).toBe(0);
      expect(r.accuracy.band).toBe('none');
      expect(r.tone.assessed).toBe(false);
      expect(r.delivery.wordsPerMinute).toBeNull();
      expect(r.explanation).toMatch(/No answer was heard in 30 s/);
      expect(r.accuracy.explanation).toMatch(/empty transcript/);
    }
  });

  it('scores "I don\'t know" as no answer, with the reason', () => {
    const r = score("I don't know.");
    expect(r.empty).toBe(false);
    expect(r.accuracy.score).toBe(0);
    expect(r.accuracy.explanation).toMatch(/only says it is no answer/);
  });

  it('rejects a question it cannot score against with a clear error', () => {
    expect(() =>
      scoreSpokenAnswer({ question: { prompt: 'Why?', referenceAnswer: ' ' }, transcript: 'because', durationSec: 1 }),
    ).toThrow(ScoringInputError);
    expect(() => scoreSpokenAnswer({ question: null as never, transcript: 'x', durationSec: 1 })).toThrow(/No question/);
  });

  it('scores only the start of an absurdly long transcript, and says so', () => {
    const long = 'enqueue at the back and dequeue at the front. '.repeat(2000);
    const r = scoreSpokenAnswer({ question: queue, transcript: long, durationSec: 120 });
    expect(r.truncated).toBe(true);
    expect(r.explanation).toMatch(/^Only the first 20000 of 92000 transcript characters were scored\./);
    expect(r.accuracy.conceptsFound.map((c) => c.concept)).toEqual(expect.arrayContaining(['enqueue', 'dequeue']));
  });

  it('tolerates a missing or nonsensical duration', () => {
    const r = scoreSpokenAnswer({ question: queue, transcript: 'enqueue and dequeue', durationSec: Number.NaN });
    expect(r.delivery.wordsPerMinute).toBeNull();
    expect(r.delivery.explanation).toMatch(/pace unknown/);
    expect(r.accuracy.conceptsFound.length).toBe(2);
  });
});
