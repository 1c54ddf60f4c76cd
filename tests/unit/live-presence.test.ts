/** Presence through y-protocols awareness, exchanged between two real Awareness instances. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { colorFor, presenceActivity, readPresence, sessionPresence, setPresence } from '../../src/sync/presence';

function exchange(from: Awareness, to: Awareness): void {
  applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...from.getStates().keys()]), 'test');
}

describe('presence', () => {
  it('lists who is present, in which role and on which question, with this device marked', () => {
    const host = new Awareness(new Y.Doc());
    const interviewer = new Awareness(new Y.Doc());
    setPresence(host, { name: 'host', role: 'host', color: colorFor('host'), questionIndex: 2 });
    setPresence(interviewer, { name: 'Ivan', role: 'interviewer', color: colorFor('Ivan') });
    exchange(host, interviewer);
    exchange(interviewer, host);
    const seen = readPresence(host);
    expect(seen.map((p) => [p.name, p.role, p.questionIndex, p.self])).toEqual([
      ['host', 'host', 2, true],
      ['Ivan', 'interviewer', undefined, false],
    ]);
    setPresence(interviewer, { name: 'Ivan', role: 'interviewer', color: colorFor('Ivan'), questionIndex: 0 });
    exchange(interviewer, host);
    expect(readPresence(host).find((p) => p.name === 'Ivan')?.questionIndex).toBe(0);
    host.destroy();
    interviewer.destroy();
  });

  it('ignores states without a valid presence (the default {} and junk) and lists a person with two tabs once', () => {
    const me = new Awareness(new Y.Doc());
    const blank = new Awareness(new Y.Doc());
    const junk = new Awareness(new Y.Doc());
    const tab1 = new Awareness(new Y.Doc());
    const tab2 = new Awareness(new Y.Doc());
    junk.setLocalState({ name: '', role: 'wizard', color: 'red' });
    setPresence(tab1, { name: 'Mona', role: 'moderator', color: colorFor('Mona') });
    setPresence(tab2, { name: 'Mona', role: 'moderator', color: colorFor('Mona'), questionIndex: 1 });
    for (const other of [blank, junk, tab1, tab2]) exchange(other, me);
    // The junk state and both tabs arrived (a fresh `{}` at clock 0 is not relayed by y-protocols at all).
    for (const other of [junk, tab1, tab2]) expect(me.getStates().has(other.clientID)).toBe(true);
    expect(readPresence(me).map((p) => p.name)).toEqual(['Mona']);
    for (const a of [me, blank, junk, tab1, tab2]) a.destroy();
  });

  it('shows the guest from the stage document and nobody from the audience', () => {
    const staff = [
      { name: 'Ivan', role: 'interviewer', color: '#1d4ed8', clientId: 1, self: false },
      { name: 'Ann', role: 'audience', color: '#1d4ed8', clientId: 2, self: false },
    ] as const;
    const stage = [
      { name: 'Ivan', role: 'interviewer', color: '#1d4ed8', clientId: 3, self: false },
      { name: 'Gita', role: 'guest', color: '#047857', clientId: 4, self: false, questionIndex: 3 },
    ] as const;
    expect(sessionPresence(staff, stage).map((p) => `${p.role}:${p.name}`)).toEqual(['interviewer:Ivan', 'guest:Gita']);
  });

  it('gives each name a stable colour from an accessible palette', () => {
    expect(colorFor('Ivan')).toBe(colorFor('Ivan'));
    const colors = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(colorFor));
    expect(colors.size).toBeGreaterThan(3);
    for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('says a guest who finished is finished, not on their last question (issue #12)', () => {
    const guestDevice = new Awareness(new Y.Doc());
    const staff = new Awareness(new Y.Doc());
    setPresence(guestDevice, { name: 'Gita', role: 'guest', color: colorFor('guest:Gita'), questionIndex: 8 });
    exchange(guestDevice, staff);
    expect(readPresence(staff).map((p) => presenceActivity(p))).toEqual(['on question 9']);
    // What the guest's device publishes once the interview is completed.
    setPresence(guestDevice, { name: 'Gita', role: 'guest', color: colorFor('guest:Gita'), finished: true });
    exchange(guestDevice, staff);
    const [gita] = readPresence(staff);
    expect(gita).toMatchObject({ finished: true });
    expect(gita!.questionIndex).toBeUndefined();
    expect(presenceActivity(gita!)).toBe('finished');
    // An older device still publishing its last question: the stage document says completed.
    const old = { name: 'Gita', role: 'guest', color: '#047857', questionIndex: 8 } as const;
    expect(presenceActivity(old, { stage: 'completed' })).toBe('finished');
    expect(presenceActivity(old, { stage: 'question' })).toBe('on question 9');
    // Staff are never "finished" by the guest's stage.
    expect(presenceActivity({ name: 'Ivan', role: 'interviewer', color: '#1d4ed8', questionIndex: 2 }, { stage: 'completed' })).toBe('on question 3');
  });
});
