import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/domain/generation/ndjson';
import { fallbackSentence, planSourceNote, sourceNote, type GenerationRecord } from '../../src/domain/generation/note';
import {
  decodeEventLine,
  encodeEvent,
  GenerateRequest,
  makeEvent,
  ProtocolError,
} from '../../src/domain/generation/protocol';

describe('LineSplitter', () => {
  it('yields whole lines only, across chunk boundaries and CRLF', () => {
    const s = new LineSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}\r\n\n{"c":')).toEqual(['{"b":2}']);
    expect(s.push('3}')).toEqual([]);
    expect(s.end()).toEqual(['{"c":3}']);
    expect(s.end()).toEqual([]);
  });

  it('refuses a line longer than its limit', () => {
    const s = new LineSplitter(10);
    expect(() => s.push('x'.repeat(11))).toThrow(RangeError);
  });
});

describe('events', () => {
  it('round-trip through one NDJSON line', () => {
    const event = makeEvent({ type: 'progress', stage: 'receiving', fraction: 0.5, message: 'Line one\nline two' });
    const line = encodeEvent(event);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(decodeEventLine(line.trim())).toEqual(event);
  });

  it('name a version mismatch and what to do about it', () => {
    const line = JSON.stringify({ v: 2, type: 'progress', stage: 'x' });
    expect(() => decodeEventLine(line)).toThrow(ProtocolError);
    expect(() => decodeEventLine(line)).toThrow(/protocol v2.*Reload the page/);
  });

  it('reject lines that are not events', () => {
    expect(() => decodeEventLine('<html>')).toThrow(/not JSON/);
    expect(() => decodeEventLine(JSON.stringify({ v: 1, type: 'progress', stage: 'receiving', fraction: 3, message: '' }))).toThrow(
      /fraction/,
    );
  });
});

describe('GenerateRequest', () => {
  it('defaults the session title and trims it', () => {
    const base = { archetype: 'backend', depth: 'expert', durationMin: 45, seed: 7 };
    expect(GenerateRequest.parse(base).sessionTitle).toBe('');
    expect(GenerateRequest.parse({ ...base, sessionTitle: '  Payments  ' }).sessionTitle).toBe('Payments');
    expect(GenerateRequest.safeParse({ ...base, sessionTitle: 'x'.repeat(121) }).success).toBe(false);
  });
});

describe('planSourceNote (the note for the plan as the host edited it)', () => {
  const bank = (n: number) => Array.from({ length: n }, () => ({ source: 'bank' as const }));
  const offline: GenerationRecord = {
    note: 'All 8 questions come from the offline question bank because no AI service is configured on the sync server. Each question is marked with its source.',
    counts: { llm: 0, bank: 8 },
    fallback: 'no-key',
    rejected: 0,
    model: null,
  };

  it('keeps the generator’s own words while the plan holds what it counted', () => {
    expect(planSourceNote(bank(8), offline)).toBe(offline.note);
  });

  it('stops saying "All 8" once the host adds a ninth question (issue #12)', () => {
    expect(planSourceNote([...bank(8), { source: 'host' }], offline)).toBe(
      '8 questions come from the offline question bank because no AI service is configured on the sync server; 1 was added by you. Each question is marked with its source.',
    );
    expect(planSourceNote([...bank(7), { source: 'host' }, { source: 'host' }], offline)).toBe(
      '7 questions come from the offline question bank because no AI service is configured on the sync server; 2 were added by you. Each question is marked with its source.',
    );
  });

  it('counts again after a removal, and credits the model, the bank and the host together', () => {
    expect(planSourceNote(bank(7), offline)).toBe(
      'All 7 questions come from the offline question bank because no AI service is configured on the sync server. Each question is marked with its source.',
    );
    const mixed: GenerationRecord = { note: 'x', counts: { llm: 9, bank: 3 }, fallback: 'timeout', rejected: 0, model: 'm' };
    expect(planSourceNote([{ source: 'llm' }, { source: 'llm' }, ...bank(3), { source: 'host' }], mixed)).toBe(
      '2 questions were written by the AI model (m); 3 come from the offline question bank because the AI service took too long to answer; 1 was added by you. Each question is marked with its source.',
    );
    expect(planSourceNote([{ source: 'host' }], offline)).toBe('The question was written by you.');
  });
});

describe('sourceNote', () => {
  it('credits the model when it wrote everything', () => {
    expect(sourceNote({ counts: { llm: 12, bank: 0 }, fallback: null, rejected: 0, model: 'gpt-4o-mini' })).toBe(
      'All 12 questions were written by the AI model (gpt-4o-mini) and checked against the question format.',
    );
  });

  it('says why the bank filled in', () => {
    expect(sourceNote({ counts: { llm: 9, bank: 3 }, fallback: null, rejected: 3, model: 'm' })).toBe(
      '9 questions were written by the AI model (m); 3 come from the offline question bank because 3 questions from the model failed the format check or repeated another question. Each question is marked with its source.',
    );
    expect(sourceNote({ counts: { llm: 2, bank: 10 }, fallback: 'timeout', rejected: 0, model: 'm', timeoutMs: 30_000 })).toBe(
      '2 questions were written by the AI model (m); 10 come from the offline question bank because the AI service did not finish within 30 seconds. Each question is marked with its source.',
    );
    expect(sourceNote({ counts: { llm: 0, bank: 1 }, fallback: 'offline', rejected: 0, model: null })).toBe(
      'The question comes from the offline question bank because this device could not reach the sync server. Each question is marked with its source.',
    );
  });

  it('reads as a sentence for every reason', () => {
    expect(fallbackSentence('rate-limited')).toBe('The AI service is rate-limiting requests right now.');
    expect(fallbackSentence('timeout', 1500)).toBe('The AI service did not finish within 1.5 seconds.');
  });
});
