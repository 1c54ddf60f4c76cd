/** The coding answer's history (src/domain/coding/code-history.ts): the edit log folds to the code, and the player scrubs it. */
import { describe, expect, it } from 'vitest';
import { advance, applyEdit, buildPlayback, diffOps, play, replay, scrub, splitEdit, startPlayer, utf8Bytes, type CodeEdit, type CodeMoment } from '../../src/domain/coding/code-history';

/** Edits as an editor makes them: one keystroke at a time, then a paste over a selection, then an undo-like restore. */
function typingLog(): CodeEdit[] {
  const edits: CodeEdit[] = [{ q: 'q1', at: 1000, ops: [[0, 0, 'function f() {\n}\n']] }];
  let at = 1000;
  const typed = '  return 1;\n';
  let pos = 15;
  for (const ch of typed) {
    at += 120;
    edits.push({ q: 'q1', at, ops: [[pos, pos, ch]] });
    pos += 1;
  }
  edits.push({ q: 'q2', at: at + 50, ops: [[0, 0, 'other question']] });
  // Two places at once (multi-cursor rename): positions are in the text before the edit.
  edits.push({ q: 'q1', at: at + 500, ops: [[9, 10, 'g'], [24, 25, '2']] });
  return edits;
}

describe('the edit log', () => {
  it('applies operations in positions of the text before the edit', () => {
    expect(applyEdit('abcdef', [[1, 2, 'X'], [4, 6, '']])).toBe('aXcd');
    expect(applyEdit('abc', [[10, 20, '!']])).toBe('abc!');
  });

  it('replays each question on its own, up to any moment', () => {
    const log = typingLog();
    expect(replay(log, 'q1')).toBe('function g() {\n  return 2;\n}\n');
    expect(replay(log, 'q2')).toBe('other question');
    expect(replay(log, 'q1', 1000 + 120 * 3)).toBe('function f() {\n  r}\n');
    expect(replay(log, 'q1', 999)).toBe('');
  });

  it('diffs two texts into one edit that turns one into the other', () => {
    for (const [a, b] of [['', 'abc'], ['abc', ''], ['hello world', 'hello brave world'], ['aaa', 'aa'], ['x = 1;', 'x = 1;']] as const) {
      expect(applyEdit(a, diffOps(a, b))).toBe(b);
    }
    expect(diffOps('hello world', 'hello brave world')).toEqual([[6, 6, 'brave ']]);
  });
});

describe('playback', () => {
  const moments: CodeMoment[] = [
    { kind: 'run', q: 'q1', at: 1500, passed: 0, total: 1, loadError: null },
    { kind: 'submit', q: 'q1', at: 3000 },
    { kind: 'submit', q: 'q2', at: 3100 },
  ];

  it('reproduces the final code exactly, and every moment in between, with runs and submits marked', () => {
    const log = typingLog();
    const p = buildPlayback(log, moments, 'q1');
    expect(p.finalText).toBe(replay(log, 'q1'));
    expect(p.textAt(p.end)).toBe(p.finalText);
    expect(p.start).toBe(1000);
    expect(p.end).toBe(3000);
    for (const t of p.steps) expect(p.textAt(t)).toBe(replay(log, 'q1', t));
    expect(p.marks).toEqual([
      { at: 1500, kind: 'run', label: 'Ran: 0 of 1 passed' },
      { at: 3000, kind: 'submit', label: 'Submitted' },
    ]);
  });

  it('scrubs a long session through checkpoints to the same text as a full replay', () => {
    const edits: CodeEdit[] = Array.from({ length: 1234 }, (_, i) => ({ q: 'q', at: i * 10, ops: [[i, i, String.fromCharCode(97 + (i % 26))]] as const }));
    const p = buildPlayback(edits, [], 'q');
    for (const t of [0, 1990, 2000, 5555, 12_330, 99_999]) expect(p.textAt(t)).toBe(replay(edits, 'q', t));
    expect(p.textAt(-1)).toBe('');
  });

  it('keeps the typed order when the guest’s clock went back', () => {
    const p = buildPlayback([{ q: 'q', at: 2000, ops: [[0, 0, 'a']] }, { q: 'q', at: 1000, ops: [[1, 1, 'b']] }], [], 'q');
    expect(p.steps).toEqual([2000, 2000]);
    expect(p.textAt(2000)).toBe('ab');
  });

  it('plays at a speed, pauses, scrubs within the timeline and stops at the end', () => {
    const p = buildPlayback(typingLog(), moments, 'q1');
    let s = startPlayer(p);
    expect(advance(s, p, 1000)).toBe(s); // paused: nothing moves
    s = play(s, p);
    s = advance(s, p, 100);
    expect(s.position).toBe(1100);
    s = advance({ ...s, speed: 4 }, p, 100);
    expect(s.position).toBe(1500);
    s = scrub(s, p, 99_999);
    expect(s.position).toBe(3000);
    s = scrub(s, p, 0);
    expect(s.position).toBe(1000);
    s = advance({ ...s, speed: 16 }, p, 10_000);
    expect(s).toMatchObject({ position: 3000, playing: false });
    expect(play(s, p)).toMatchObject({ position: 1000, playing: true });
  });
});

describe('splitting an edit into records that fit a sync frame', () => {
  const encoder = new TextEncoder();
  const apply = (text: string, edits: readonly CodeEdit[]) => edits.reduce((t, e) => applyEdit(t, e.ops), text);

  it('counts UTF-8 bytes as the encoder does, pairs included', () => {
    for (const text of ['', 'abc', 'ü', '日本語', '😀x😀', '\ud800 lone', 'a\u07ff\u0800\uffff']) expect(utf8Bytes(text)).toBe(encoder.encode(text).length);
  });

  it('cuts a 1 MB paste of three-byte text into pieces within the budget that rebuild it exactly, pairs never cut', () => {
    const paste = '日本語のコード😀'.repeat(100_000);
    const before = 'function f() {\n  \n}\n';
    const edit: CodeEdit = { q: 'q', at: 5, ops: [[17, 17, paste]] };
    const parts = splitEdit(edit, 256 * 1024);
    expect(parts.length).toBe(Math.ceil(utf8Bytes(paste) / (256 * 1024)));
    for (const p of parts) {
      const bytes = p.ops.reduce((n, o) => n + utf8Bytes(o[2]), 0);
      expect(bytes).toBeLessThanOrEqual(256 * 1024);
      // Each piece survives encoding on its own (a cut surrogate pair would come back as U+FFFD).
      for (const o of p.ops) expect(new TextDecoder().decode(encoder.encode(o[2]))).toBe(o[2]);
      expect(p).toMatchObject({ q: 'q', at: 5 });
    }
    expect(apply(before, parts)).toBe(applyEdit(before, edit.ops));
  });

  it('keeps small edits whole, and splits many operations (multi-cursor) and replacements so that they apply in turn', () => {
    const text = 'abcdefghij'.repeat(10);
    const small: CodeEdit = { q: 'q', at: 1, ops: [[1, 2, 'X'], [5, 5, 'Y']] };
    expect(splitEdit(small, 1024)).toEqual([small]);
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let round = 0; round < 200; round += 1) {
      const ops: [number, number, string][] = [];
      let pos = 0;
      while (pos < text.length && ops.length < 8) {
        const from = pos + rnd(12);
        if (from > text.length) break;
        const to = Math.min(text.length, from + rnd(4));
        ops.push([from, to, 'é😀z'.repeat(rnd(6))]);
        pos = to + 1;
      }
      if (ops.length === 0) continue;
      const edit: CodeEdit = { q: 'q', at: 2, ops };
      const budget = 1 + rnd(20);
      const parts = splitEdit(edit, budget);
      expect(apply(text, parts)).toBe(applyEdit(text, ops));
      for (const p of parts) for (const o of p.ops) expect(o[0]).toBeLessThanOrEqual(o[1]);
    }
  });
});
