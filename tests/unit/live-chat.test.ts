/**
 * Staff chat, reactions and ratings in the `staff` Yjs document: appends made on
 * two devices while offline merge with nothing lost and nothing twice, in the
 * same order everywhere, and junk from a broken client is ignored.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addReaction, postChatMessage, reactionAnchor, readChat, readRatings, readReactions, setRating } from '../../src/sync/staff-doc';
import { createStageState, dispatch, type StageEvent, type StageState } from '../../src/domain/stage';

const host = { by: 'Hana Host', role: 'host' } as const;
const interviewer = { by: 'Ivan Interviewer', role: 'interviewer' } as const;
const T0 = 1_700_000_000_000;

/** Sends everything `from` has that `to` lacks, the way a sync step 2 does. */
function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function texts(doc: Y.Doc): string[] {
  return readChat(doc).map((m) => m.text);
}

describe('staff chat', () => {
  it('merges messages written offline on two devices exactly once, in the same order on both', () => {
    const server = new Y.Doc();
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(postChatMessage(a, 'before the break', host, T0).ok).toBe(true);
    syncInto(a, server);
    syncInto(server, b);

    // Both go offline and keep chatting.
    for (let i = 1; i <= 3; i++) postChatMessage(a, `host offline ${i}`, host, T0 + i);
    for (let i = 1; i <= 2; i++) postChatMessage(b, `interviewer offline ${i}`, interviewer, T0 + 10 + i);

    // Reconnect: each side sends its full state, twice over (a retried sync), through the server.
    const updateA = Y.encodeStateAsUpdate(a);
    const updateB = Y.encodeStateAsUpdate(b);
    for (const u of [updateB, updateA, updateA, updateB]) Y.applyUpdate(server, u);
    syncInto(server, a);
    syncInto(server, b);
    syncInto(server, a);

    const expected = ['before the break', 'host offline 1', 'host offline 2', 'host offline 3', 'interviewer offline 1', 'interviewer offline 2'];
    expect([...texts(a)].sort()).toEqual([...expected].sort());
    expect(texts(a)).toEqual(texts(b));
    expect(texts(server)).toEqual(texts(a));
    const ids = readChat(a).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Each author's own messages keep their order.
    expect(texts(a).filter((t) => t.startsWith('host offline'))).toEqual(['host offline 1', 'host offline 2', 'host offline 3']);
    expect(texts(a).filter((t) => t.startsWith('interviewer'))).toEqual(['interviewer offline 1', 'interviewer offline 2']);
  });

  it('shows a record that was appended twice (a client that re-sent it) once', () => {
    const doc = new Y.Doc();
    const sent = postChatMessage(doc, 'hello', host, T0);
    if (!sent.ok) throw new Error(sent.reason);
    doc.getArray('chat').push([{ ...sent.record }]);
    expect(doc.getArray('chat').length).toBe(2);
    expect(readChat(doc)).toEqual([sent.record]);
  });

  it('refuses empty and oversized messages and writes nothing', () => {
    const doc = new Y.Doc();
    expect(postChatMessage(doc, '   ', host, T0)).toEqual({ ok: false, reason: 'Write a message first.' });
    expect(postChatMessage(doc, 'x'.repeat(2001), host, T0).ok).toBe(false);
    expect(doc.getArray('chat').length).toBe(0);
    const ok = postChatMessage(doc, '  trimmed  ', host, T0);
    expect(ok.ok && ok.record.text).toBe('trimmed');
  });

  it('ignores records a broken client wrote', () => {
    const doc = new Y.Doc();
    doc.getArray('chat').push([{ text: 'no id' }, 'a string', null, { id: 'x', text: '', by: 'a', role: 'host', at: 1 }]);
    postChatMessage(doc, 'valid', interviewer, T0);
    expect(texts(doc)).toEqual(['valid']);
  });

  it('gives every message a unique id even from many devices at once', () => {
    const ids = new Set<string>();
    for (let d = 0; d < 20; d++) {
      const doc = new Y.Doc();
      for (let i = 0; i < 50; i++) {
        const r = postChatMessage(doc, `m${i}`, host, T0);
        if (r.ok) ids.add(r.record.id);
      }
    }
    expect(ids.size).toBe(1000);
  });
});

function started(): StageState {
  let s = createStageState({
    interviewId: 'iv-1',
    questions: [
      { id: 'q1', kind: 'spoken', timeLimitSec: 120 },
      { id: 'q2', kind: 'mcq', timeLimitSec: 60, optionCount: 4 },
    ],
    now: T0,
  });
  const guest = { role: 'guest' } as const;
  const events: StageEvent[] = [
    { type: 'TECH_CHECK_PASSED', actor: guest, at: T0 + 1 },
    { type: 'CONSENT_GIVEN', actor: guest, at: T0 + 2, recording: true, aiScoring: true },
    { type: 'START_INTERVIEW', actor: guest, at: T0 + 3 },
  ];
  for (const e of events) {
    const r = dispatch(s, e);
    if (!r.ok) throw new Error(r.reason);
    s = r.state;
  }
  return s;
}

function apply(s: StageState, e: StageEvent): StageState {
  const r = dispatch(s, e);
  if (!r.ok) throw new Error(r.reason);
  return r.state;
}

describe('reactions', () => {
  it('pins a reaction to the moment in the recording, not counting pauses', () => {
    let s = started();
    expect(reactionAnchor(s, 'q1', 0, T0 + 100)).toEqual({ questionId: 'q1', questionIndex: 0, recordingId: null, momentMs: null });
    const rec = T0 + 1_000;
    s = apply(s, { type: 'START_RECORDING', actor: { role: 'guest' }, at: rec, recordingId: 'rec-1' });
    expect(reactionAnchor(s, 'q1', 0, rec + 5_000)).toEqual({ questionId: 'q1', questionIndex: 0, recordingId: 'rec-1', momentMs: 5_000 });

    s = apply(s, { type: 'HOST_PAUSE', actor: { role: 'host' }, at: rec + 6_000 });
    expect(reactionAnchor(s, 'q1', 0, rec + 20_000).momentMs).toBe(6_000);
    s = apply(s, { type: 'HOST_RESUME', actor: { role: 'host' }, at: rec + 30_000 });
    expect(reactionAnchor(s, 'q1', 0, rec + 31_000).momentMs).toBe(7_000);
    // Extra time changes the limit, not the time recorded so far.
    s = apply(s, { type: 'HOST_EXTEND_TIME', actor: { role: 'host' }, at: rec + 31_000, extraSec: 60 });
    expect(reactionAnchor(s, 'q1', 0, rec + 32_000).momentMs).toBe(8_000);

    s = apply(s, { type: 'STOP_RECORDING', actor: { role: 'guest' }, at: rec + 40_000, recordingId: 'rec-1', durationMs: 9_000 });
    // After the take: pinned to the kept recording, no moment.
    expect(reactionAnchor(s, 'q1', 0, rec + 41_000)).toEqual({ questionId: 'q1', questionIndex: 0, recordingId: 'rec-1', momentMs: null });
  });

  it('stores reactions per question and merges offline reactions from two devices', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const anchor = { questionId: 'q1', questionIndex: 0, recordingId: 'rec-1', momentMs: 4_200 };
    addReaction(a, 'strong', anchor, host, T0);
    addReaction(b, 'concern', anchor, interviewer, T0 + 1);
    addReaction(b, 'unclear', { ...anchor, questionId: 'q2', questionIndex: 1, momentMs: null, recordingId: null }, interviewer, T0 + 2);
    syncInto(a, b);
    syncInto(b, a);
    syncInto(a, b);
    expect(readReactions(a).length).toBe(3);
    expect(readReactions(a, 'q1').map((r) => r.kind).sort()).toEqual(['concern', 'strong']);
    expect(readReactions(b, 'q1').map((r) => r.id)).toEqual(readReactions(a, 'q1').map((r) => r.id));
    expect(readReactions(a, 'q2')[0]).toMatchObject({ kind: 'unclear', by: 'Ivan Interviewer', role: 'interviewer', momentMs: null });
  });
});

describe('ratings', () => {
  it('keeps one rating per person and question; offline ratings by different people both survive', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(setRating(a, 'q1', 4, host, T0).ok).toBe(true);
    expect(setRating(a, 'q1', 5, host, T0 + 1).ok).toBe(true);
    expect(setRating(b, 'q1', 2, interviewer, T0 + 2).ok).toBe(true);
    expect(setRating(b, 'q1', 6, interviewer, T0 + 3).ok).toBe(false);
    syncInto(a, b);
    syncInto(b, a);
    const ratings = readRatings(a, 'q1');
    expect(ratings.map((r) => [r.by, r.score])).toEqual([
      ['Hana Host', 5],
      ['Ivan Interviewer', 2],
    ]);
    expect(readRatings(b, 'q1')).toEqual(ratings);
    expect(readRatings(a, 'q2')).toEqual([]);
  });
});
