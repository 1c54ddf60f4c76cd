/**
 * How a coding answer came about: every edit the guest's editor made, in order, with its time, and the moments it
 * ran the examples or submitted. The live view for staff and the playback are both folds of the same edit log, so
 * playback to the end reproduces exactly the code staff watched being typed.
 *
 * An edit is one editor transaction (a keystroke, a paste, an undo): its operations are in positions of the text
 * before it, ascending and not overlapping (CodeMirror's ChangeSet), so they apply from the last to the first.
 */

/** [from, to, insert]: replace text[from, to) with insert. */
export type EditOp = readonly [from: number, to: number, insert: string];

export interface CodeEdit {
  /** Question id. */
  q: string;
  /** When it was typed (ms since the epoch, the guest's clock). */
  at: number;
  ops: readonly EditOp[];
}

export type CodeMoment =
  | { kind: 'run'; q: string; at: number; passed: number; total: number; loadError: string | null }
  | { kind: 'submit'; q: string; at: number };

/** Applies one edit; operations past the end of the text are clamped rather than thrown on (a log is never lost). */
export function applyEdit(text: string, ops: readonly EditOp[]): string {
  let out = text;
  for (let i = ops.length - 1; i >= 0; i -= 1) {
    const [from, to, insert] = ops[i]!;
    const a = Math.max(0, Math.min(from, out.length));
    const b = Math.max(a, Math.min(to, out.length));
    out = out.slice(0, a) + insert + out.slice(b);
  }
  return out;
}

/** Bytes `text` takes in UTF-8 (what it costs in a sync frame), counted without an encoder. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** The length of the longest start of `text` that fits in `maxBytes` of UTF-8, never cutting a surrogate pair. */
function prefixWithin(text: string, maxBytes: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  // A budget too small for even one character still moves on by one (a pair stays whole).
  if (i === 0 && text.length > 0) i = (text.charCodeAt(0) & 0xfc00) === 0xd800 && text.length > 1 ? 2 : 1;
  return i;
}

/**
 * Splits one edit into edits of at most `maxBytes` of inserted text (UTF-8) each, which applied one after the other
 * give exactly what the edit gives: a 1 MB paste of multi-byte text becomes a few records that each fit a sync frame
 * (the server closes a connection whose frame passes its limit, and a client that resends it would never sync).
 * Operations are taken from the last to the first, as applyEdit does, so earlier positions stay valid; a long
 * insert is cut into pieces, each placed after the one before.
 */
/** Operations per part (a record may hold 10,000: src/sync/code-doc.ts). */
const MAX_OPS_PER_PART = 5000;

export function splitEdit(edit: CodeEdit, maxBytes: number): CodeEdit[] {
  const out: CodeEdit[] = [];
  let group: EditOp[] = [];
  let groupBytes = 0;
  const flush = () => {
    if (group.length > 0) out.push({ q: edit.q, at: edit.at, ops: group.reverse() });
    group = [];
    groupBytes = 0;
  };
  for (let i = edit.ops.length - 1; i >= 0; i -= 1) {
    const [from, to, insert] = edit.ops[i]!;
    const bytes = utf8Bytes(insert);
    if (bytes <= maxBytes) {
      if (groupBytes + bytes > maxBytes || group.length >= MAX_OPS_PER_PART) flush();
      group.push([from, to, insert]);
      groupBytes += bytes;
      continue;
    }
    flush();
    let at = from;
    let rest = insert;
    let replaced = to;
    while (rest.length > 0) {
      const n = prefixWithin(rest, maxBytes);
      out.push({ q: edit.q, at: edit.at, ops: [[at, replaced, rest.slice(0, n)]] });
      at += n;
      replaced = at;
      rest = rest.slice(n);
    }
  }
  flush();
  return out;
}

/** The text after every edit of the question (up to `until`, inclusive, when given). */
export function replay(edits: readonly CodeEdit[], q: string, until = Infinity): string {
  let text = '';
  for (const e of edits) if (e.q === q && e.at <= until) text = applyEdit(text, e.ops);
  return text;
}

/** The operations that turn `from` into `to` as one edit: the common start and end are kept. */
export function diffOps(from: string, to: string): EditOp[] {
  if (from === to) return [];
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end += 1;
  return [[start, from.length - end, to.slice(start, to.length - end)]];
}

export interface PlaybackMark {
  at: number;
  kind: CodeMoment['kind'];
  label: string;
}

/**
 * One question's history ready to scrub: `textAt(t)` is the code at time t. Checkpoints every CHECKPOINT_EVERY edits
 * keep a scrub from replaying the whole log (a long session has thousands of keystrokes).
 */
export interface Playback {
  start: number;
  end: number;
  /** Edit times, ascending: the moments something changed. */
  steps: readonly number[];
  marks: readonly PlaybackMark[];
  textAt(at: number): string;
  finalText: string;
}

const CHECKPOINT_EVERY = 200;

export function buildPlayback(edits: readonly CodeEdit[], moments: readonly CodeMoment[], q: string): Playback {
  const mine = edits.filter((e) => e.q === q);
  // The log is in the order it was typed; a clock set back mid-session must not reorder it, so times never decrease.
  const times: number[] = [];
  for (const e of mine) times.push(Math.max(e.at, times[times.length - 1] ?? -Infinity));
  const checkpoints: { index: number; text: string }[] = [{ index: 0, text: '' }];
  let text = '';
  mine.forEach((e, i) => {
    text = applyEdit(text, e.ops);
    if ((i + 1) % CHECKPOINT_EVERY === 0) checkpoints.push({ index: i + 1, text });
  });
  const marks = moments
    .filter((m) => m.q === q)
    .map((m): PlaybackMark => ({ at: m.at, kind: m.kind, label: m.kind === 'submit' ? 'Submitted' : m.loadError ? 'Ran: did not run' : `Ran: ${m.passed} of ${m.total} passed` }))
    .sort((a, b) => a.at - b.at);
  const first = Math.min(times[0] ?? Infinity, marks[0]?.at ?? Infinity);
  const last = Math.max(times[times.length - 1] ?? -Infinity, marks[marks.length - 1]?.at ?? -Infinity);
  const start = Number.isFinite(first) ? first : 0;
  const end = Number.isFinite(last) ? last : start;
  return {
    start,
    end,
    steps: times,
    marks,
    finalText: text,
    textAt(at) {
      // Edits at or before `at`: the count is the first index whose time is later.
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[mid]! <= at) lo = mid + 1;
        else hi = mid;
      }
      let cp = checkpoints[0]!;
      for (const c of checkpoints) if (c.index <= lo) cp = c;
      let out = cp.text;
      for (let i = cp.index; i < lo; i += 1) out = applyEdit(out, mine[i]!.ops);
      return out;
    },
  };
}

/** The player: where it is on the timeline, whether it plays, and how fast. Pure, so a test can drive the clock. */
export interface PlayerState {
  position: number;
  playing: boolean;
  speed: number;
}

export const PLAYBACK_SPEEDS = [1, 2, 4, 8, 16] as const;

export function startPlayer(playback: Pick<Playback, 'start'>): PlayerState {
  return { position: playback.start, playing: false, speed: 1 };
}

/** Moves the player on by `elapsedMs` of real time; it stops at the end. */
export function advance(state: PlayerState, playback: Pick<Playback, 'end'>, elapsedMs: number): PlayerState {
  if (!state.playing) return state;
  const position = Math.min(playback.end, state.position + Math.max(0, elapsedMs) * state.speed);
  return { ...state, position, playing: position < playback.end };
}

/** Play from where it is (from the start again when it had reached the end). */
export function play(state: PlayerState, playback: Pick<Playback, 'start' | 'end'>): PlayerState {
  return { ...state, playing: true, position: state.position >= playback.end ? playback.start : state.position };
}

export function scrub(state: PlayerState, playback: Pick<Playback, 'start' | 'end'>, position: number): PlayerState {
  return { ...state, position: Math.max(playback.start, Math.min(playback.end, position)) };
}
