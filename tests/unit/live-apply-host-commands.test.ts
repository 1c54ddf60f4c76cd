/**
 * Host overrides travel through the `stage` document as commands; the guest's
 * device applies them with its own stage machine (applyPendingCommands).
 * Real Y.Docs on both sides, the real machine.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createStageState, dispatch, type StageEvent, type StageState } from '../../src/domain/stage';
import { applyPendingCommands } from '../../src/sync/apply-host-commands';
import { commandResult, pushHostCommand, readStageState, type HostCommand } from '../../src/sync/stage-doc';

const T0 = 1_700_000_000_000;
const guest = { role: 'guest' } as const;

function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function inQuestion(): StageState {
  let s = createStageState({
    interviewId: 'iv-1',
    questions: [
      { id: 'q1', kind: 'spoken', timeLimitSec: 120 },
      { id: 'q2', kind: 'mcq', timeLimitSec: 60, optionCount: 4 },
      { id: 'q3', kind: 'spoken', timeLimitSec: 120 },
    ],
    now: T0,
  });
  for (const e of [
    { type: 'TECH_CHECK_PASSED', actor: guest, at: T0 + 1 },
    { type: 'CONSENT_GIVEN', actor: guest, at: T0 + 2, recording: true, aiScoring: true },
    { type: 'START_INTERVIEW', actor: guest, at: T0 + 3 },
  ] as StageEvent[]) {
    const r = dispatch(s, e);
    if (!r.ok) throw new Error(r.reason);
    s = r.state;
  }
  return s;
}

/** What the host's screen sends: the event as the host built it, with the host's clock. */
function command(id: string, event: Record<string, unknown>, at = T0 + 10): HostCommand {
  return { id, event: { actor: { role: 'host', id: 'host' }, at, ...event } as StageEvent, issuedBy: 'Hana', at };
}

describe('applyPendingCommands', () => {
  it('applies a host command sent from another device, records the outcome and publishes the state', () => {
    const hostDoc = new Y.Doc();
    const guestDoc = new Y.Doc();
    const state = inQuestion();
    pushHostCommand(hostDoc, command('c1', { type: 'HOST_NEXT', questionId: 'q1', reason: 'stuck' }));
    syncInto(hostDoc, guestDoc);

    const next = applyPendingCommands(guestDoc, state, dispatch, { now: T0 + 500 });
    expect(next.currentIndex).toBe(1);
    expect(next.answers[0]).toMatchObject({ status: 'skipped', hostNote: 'stuck' });
    // Recorded with who and when, in the machine's log: the guest's clock, the host's name.
    expect(next.log.at(-1)).toMatchObject({ type: 'HOST_NEXT', actor: { role: 'host', id: 'Hana' }, at: T0 + 500 });

    syncInto(guestDoc, hostDoc);
    expect(commandResult(hostDoc, 'c1')).toEqual({ ok: true, reason: null, at: T0 + 500 });
    expect(readStageState(hostDoc)?.currentIndex).toBe(1);
    expect(readStageState(hostDoc)?.revision).toBe(next.revision);

    // Nothing left to apply: the same state comes back and nothing is written.
    const before = Y.encodeStateVector(guestDoc);
    expect(applyPendingCommands(guestDoc, next, dispatch, { now: T0 + 600 })).toBe(next);
    expect(Y.encodeStateVector(guestDoc)).toEqual(before);
  });

  it('refuses a double click: the second "next" names a question that is no longer current', () => {
    const doc = new Y.Doc();
    pushHostCommand(doc, command('c1', { type: 'HOST_NEXT', questionId: 'q1' }));
    pushHostCommand(doc, command('c2', { type: 'HOST_NEXT', questionId: 'q1' }));
    const next = applyPendingCommands(doc, inQuestion(), dispatch, { now: T0 + 100 });
    expect(next.currentIndex).toBe(1);
    expect(commandResult(doc, 'c1')?.ok).toBe(true);
    expect(commandResult(doc, 'c2')).toMatchObject({ ok: false, reason: expect.stringContaining('not the current question') });
    expect(next.refusals.at(-1)).toMatchObject({ type: 'HOST_NEXT', actor: { role: 'host', id: 'Hana' } });
  });

  it('applies a command stored twice under one id once', () => {
    const doc = new Y.Doc();
    const c = command('c1', { type: 'HOST_EXTEND_TIME', extraSec: 30 });
    const s = applyPendingCommands(doc, inQuestion(), dispatch, { now: T0 + 50 });
    // q1 is spoken: no timer until recording starts, so use q2 (mcq, timed while shown).
    const atQ2 = dispatch(s, { type: 'HOST_NEXT', actor: { role: 'host' }, at: T0 + 60 });
    if (!atQ2.ok) throw new Error(atQ2.reason);
    pushHostCommand(doc, c);
    pushHostCommand(doc, { ...c });
    const next = applyPendingCommands(doc, atQ2.state, dispatch, { now: T0 + 100 });
    expect(next.answers[1]?.extraTimeMs).toBe(30_000);
    expect(next.timer?.limitMs).toBe(90_000);
  });

  it('refuses events that are not host overrides, whatever actor they claim', () => {
    const doc = new Y.Doc();
    pushHostCommand(doc, command('c1', { type: 'NEXT_QUESTION', actor: { role: 'guest' } }));
    pushHostCommand(doc, command('c2', { type: 'HOST_PAUSE', reason: 'x'.repeat(600) }));
    pushHostCommand(doc, { id: 'c3', event: null as unknown as StageEvent, issuedBy: 'Hana', at: T0 });
    const state = inQuestion();
    const next = applyPendingCommands(doc, state, dispatch, { now: T0 + 100 });
    expect(next).toBe(state);
    expect(commandResult(doc, 'c1')).toMatchObject({ ok: false, reason: expect.stringContaining('only host overrides') });
    expect(commandResult(doc, 'c2')).toMatchObject({ ok: false, reason: expect.stringContaining('invalid stage event') });
    expect(commandResult(doc, 'c3')).toMatchObject({ ok: false, reason: 'the command carries no event' });
    expect(readStageState(doc)).toBeNull();
  });

  it('pauses and resumes with the guest clock, so an override applied late costs the guest no time', () => {
    const doc = new Y.Doc();
    let s = inQuestion();
    const rec = dispatch(s, { type: 'START_RECORDING', actor: guest, at: T0 + 1_000, recordingId: 'rec-1' });
    if (!rec.ok) throw new Error(rec.reason);
    s = rec.state;
    // The host's clock is a minute behind the guest's.
    pushHostCommand(doc, command('p', { type: 'HOST_PAUSE', reason: 'noise' }, T0 - 60_000));
    s = applyPendingCommands(doc, s, dispatch, { now: T0 + 5_000 });
    expect(s.stage).toBe('paused');
    expect(s.timer?.pausedAt).toBe(T0 + 5_000);
    pushHostCommand(doc, command('r', { type: 'HOST_RESUME' }, T0 - 50_000));
    s = applyPendingCommands(doc, s, dispatch, { now: T0 + 25_000 });
    expect(s.stage).toBe('recording');
    // 4 s recorded before the pause: 116 s of the 120 s remain after it.
    expect(s.timer!.deadline - (T0 + 25_000)).toBe(116_000);
    expect(readStageState(doc)?.stage).toBe('recording');
  });

  it('applies commands sent while the guest was offline, in order, when it comes back', () => {
    const hostDoc = new Y.Doc();
    const guestDoc = new Y.Doc();
    const state = inQuestion();
    pushHostCommand(hostDoc, command('a', { type: 'HOST_MARK_BLOCKED', questionId: 'q1', reason: 'microphone broke' }));
    pushHostCommand(hostDoc, command('b', { type: 'HOST_PAUSE' }));
    syncInto(hostDoc, guestDoc);
    const results: string[] = [];
    const next = applyPendingCommands(guestDoc, state, dispatch, { now: T0 + 1_000, onApplied: (c, r) => results.push(`${c.id}:${r.ok}`) });
    expect(results).toEqual(['a:true', 'b:true']);
    expect(next.answers[0]?.status).toBe('blocked');
    expect(next.stage).toBe('paused');
    expect(next.currentIndex).toBe(1);
  });
});
