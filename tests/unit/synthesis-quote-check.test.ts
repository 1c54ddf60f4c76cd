import { describe, expect, it } from 'vitest';
import { checkQuote, GAP_MARKER, locateQuote, prepareAnswer, quoteWords } from '../../src/domain/wrap-up/quote-check';
import { AnswerIndex } from '../../src/domain/wrap-up/evidence-check';
import { assembleSynthesisInput } from '../../src/domain/wrap-up/synthesis-input';
import { ANSWER_TEXTS, fixtureSources } from '../support/synthesis-fixtures';

const ANSWER = 'Well, I’d cache the product pages at the edge. When a price changes, we publish an event — and invalidate the keys!';

describe('the quote check', () => {
  it('normalises case, punctuation, curly apostrophes and whitespace', () => {
    const a = prepareAnswer(ANSWER);
    expect(checkQuote("I'D CACHE the product   pages", a)).toBe('found');
    expect(checkQuote('we publish an event and invalidate the keys', a)).toBe('found');
    expect(checkQuote('\u201cwhen a price changes\u201d', a)).toBe('found');
    expect(quoteWords('Don’t   STOP—now')).toEqual(['dont', 'stop', 'now']);
  });

  it('accepts a quote spanning two sentences', () => {
    expect(checkQuote('pages at the edge when a price changes', prepareAnswer(ANSWER))).toBe('found');
  });

  it('matches whole words only, and refuses words that are not there or are in another order', () => {
    const a = prepareAnswer(ANSWER);
    expect(checkQuote('cached the product pages', a)).toBe('not-found');
    expect(checkQuote('the product pages at the edges', a)).toBe('not-found');
    expect(checkQuote('the pages product at the edge', a)).toBe('not-found');
  });

  it('refuses quotes too short to be evidence', () => {
    expect(checkQuote('the edge', prepareAnswer(ANSWER))).toBe('too-short');
    expect(checkQuote('', prepareAnswer(ANSWER))).toBe('too-short');
  });

  it('does not let a quote run across the gap of a condensed answer', () => {
    const condensed = `first part ends here${GAP_MARKER}second part starts now`;
    const a = prepareAnswer(condensed);
    expect(checkQuote('first part ends here', a)).toBe('found');
    expect(checkQuote('ends here second part', a)).toBe('not-found');
  });

  it('refuses a quote from another answer, named under this one', () => {
    const input = assembleSynthesisInput(fixtureSources());
    const index = new AnswerIndex(input);
    const fromTrace = 'follow it from the gateway to the database';
    expect(ANSWER_TEXTS['q-trace']).toContain(fromTrace);
    expect(index.check({ claim: 'x', questionId: 'q-trace', quote: fromTrace }).ok).toBe(true);
    expect(index.check({ claim: 'x', questionId: 'q-cache', quote: fromTrace })).toEqual({ ok: false, reason: 'quote-not-in-answer' });
    expect(index.check({ claim: 'x', questionId: 'q-nope', quote: fromTrace })).toEqual({ ok: false, reason: 'unknown-question' });
    // The question's own wording is not the candidate's answer.
    expect(index.check({ claim: 'x', questionId: 'q-cache', quote: 'How would you cache product pages safely' }).ok).toBe(false);
  });

  it('locates the quote in the original text and the moment it was said', () => {
    const at = locateQuote('we publish an event and invalidate', ANSWER);
    expect(at).not.toBeNull();
    expect(ANSWER.slice(at!.start, at!.end)).toBe('we publish an event — and invalidate');
    const input = assembleSynthesisInput(fixtureSources());
    const r = new AnswerIndex(input).check({ claim: 'x', questionId: 'q-cache', quote: 'we publish an event and invalidate the keys' });
    expect(r.ok && r.evidence.momentMs).toBe(8000);
    expect(r.ok && r.evidence.recordingId).toBe('rec-q-cache');
  });
});
