import { describe, expect, it } from 'vitest';
import { QuestionListScanner, type ScannedItem } from '../../sync-server/llm/item-scanner';

/** Feeds `text` in pieces of `size` characters and collects what comes out. */
function scan(text: string, size: number) {
  const scanner = new QuestionListScanner();
  const items: ScannedItem[] = [];
  for (let i = 0; i < text.length; i += size) items.push(...scanner.push(text.slice(i, i + size)));
  return { scanner, items };
}

const DOC = JSON.stringify({
  meta: ['not', 'the list'],
  questions: [
    { kind: 'spoken', prompt: 'Braces } and ] inside "strings" \\ do not count', nested: { a: [1, { b: 2 }] } },
    { kind: 'mcq', options: ['a', 'b', 'c', 'd'] },
  ],
  after: { questions: [{ ignored: true }] },
});

describe('QuestionListScanner', () => {
  it.each([1, 3, 7, 64, DOC.length])('finds each item whatever the chunk size (%i)', (size) => {
    const { scanner, items } = scan(DOC, size);
    expect(items).toEqual([
      { position: 0, ok: true, value: JSON.parse(DOC).questions[0] },
      { position: 1, ok: true, value: JSON.parse(DOC).questions[1] },
    ]);
    expect(scanner.listFound).toBe(true);
    expect(scanner.listClosed).toBe(true);
    expect(scanner.rootClosed).toBe(true);
  });

  it('hands an item over as soon as its closing brace arrives', () => {
    const scanner = new QuestionListScanner();
    expect(scanner.push('{"questions":[{"kind":"spoken","n":1}')).toEqual([
      { position: 0, ok: true, value: { kind: 'spoken', n: 1 } },
    ]);
    expect(scanner.listClosed).toBe(false);
    expect(scanner.push(',{"kind":"mcq"')).toEqual([]);
    expect(scanner.push('}]}')).toEqual([{ position: 1, ok: true, value: { kind: 'mcq' } }]);
    expect(scanner.listClosed).toBe(true);
  });

  it('reports elements that are not objects, and accepts a bare array after a Markdown fence', () => {
    const { scanner, items } = scan('```json\n[ "just text", 42, {"kind":"coding"} ]\n```', 5);
    expect(items).toEqual([
      { position: 0, ok: true, value: 'just text' },
      { position: 1, ok: true, value: 42 },
      { position: 2, ok: true, value: { kind: 'coding' } },
    ]);
    expect(scanner.listClosed).toBe(true);
  });

  it('reports an element that is not JSON without losing the next one', () => {
    const { items } = scan('{"questions":[{"kind":"spoken"}, nonsense, {"kind":"mcq"}]}', 4);
    expect(items.map((i) => i.ok)).toEqual([true, false, true]);
    expect(items[1]).toMatchObject({ position: 1, ok: false, reason: expect.stringContaining('nonsense') });
  });

  it('notices an answer cut off inside the list', () => {
    const { scanner, items } = scan('{"questions":[{"kind":"spoken"},{"kind":"mc', 6);
    expect(items).toHaveLength(1);
    expect(scanner.listFound).toBe(true);
    expect(scanner.listClosed).toBe(false);
  });

  it('finds no list in prose or in an object without "questions"', () => {
    expect(scan('Sure! 1. What is a closure?', 4).scanner.listFound).toBe(false);
    const other = scan('{"items":[{"kind":"spoken"}]}', 4);
    expect(other.items).toEqual([]);
    expect(other.scanner.listFound).toBe(false);
    expect(other.scanner.rootClosed).toBe(true);
  });

  it('refuses an answer over its size limit', () => {
    const scanner = new QuestionListScanner(100);
    expect(() => scanner.push('x'.repeat(101))).toThrow(RangeError);
  });
});
