/**
 * The staff chat's own search (chat-search.ts): the chat draws only the messages in view, so find in page cannot
 * reach the rest and this is how a reader finds them.
 */
import { describe, expect, it } from 'vitest';
import { markMatches, matchingMessages } from '../../src/app/routes/live/chat-search';

const chat = [
  { id: 'a', text: 'The candidate explained cache eviction well', by: 'Ivan Interviewer' },
  { id: 'b', text: 'Ask about CACHE invalidation next', by: 'host' },
  { id: 'c', text: 'Time check: ten minutes left', by: 'Mona Moderator' },
];

describe('matchingMessages', () => {
  it('finds the query in any case, in the text or the author, in the chat’s order', () => {
    expect(matchingMessages(chat, 'cache').map((m) => m.id)).toEqual(['a', 'b']);
    expect(matchingMessages(chat, 'mona').map((m) => m.id)).toEqual(['c']);
  });

  it('takes the words as a phrase, with the query’s ends trimmed', () => {
    expect(matchingMessages(chat, '  ten minutes ').map((m) => m.id)).toEqual(['c']);
    expect(matchingMessages(chat, 'minutes ten')).toEqual([]);
  });

  it('gives the whole chat, the same array, for an empty query', () => {
    expect(matchingMessages(chat, '   ')).toBe(chat);
  });
});

describe('markMatches', () => {
  it('cuts the text around every match, keeping the text’s own case', () => {
    expect(markMatches('Cache, cache and CACHE.', 'cache')).toEqual([
      { text: 'Cache', match: true },
      { text: ', ', match: false },
      { text: 'cache', match: true },
      { text: ' and ', match: false },
      { text: 'CACHE', match: true },
      { text: '.', match: false },
    ]);
  });

  it('gives the text unmarked with no query or no match', () => {
    expect(markMatches('Hello', '')).toEqual([{ text: 'Hello', match: false }]);
    expect(markMatches('Hello', 'bye')).toEqual([{ text: 'Hello', match: false }]);
  });

  it('marks nothing rather than the wrong letters when lower-casing changes the text’s length', () => {
    // 'İ' lower-cases to two code units.
    expect(markMatches('İstanbul cache', 'cache')).toEqual([{ text: 'İstanbul cache', match: false }]);
  });
});
