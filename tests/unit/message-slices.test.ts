import { describe, expect, it } from 'vitest';
import { MessageSlices, WAIT_BUCKET_MS } from '../../sync-server/collab/message-slices';
import { TurnCommits, type TurnJob } from '../../sync-server/collab/turn-commits';

/** Keeps the thread busy for `ms` (a message whose handling takes that long). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* working */
  }
}

const nextTurn = () => new Promise((r) => setImmediate(r));
const settle = async (slices: MessageSlices) => {
  for (let i = 0; i < 1000 && slices.backlog > 0; i++) await nextTurn();
  await nextTurn();
};

describe('MessageSlices: a turn spends at most its budget on client messages', () => {
  it('handles messages at once while the turn has time, and ends the turn once after them', async () => {
    const events: string[] = [];
    const slices = new MessageSlices(1000, () => events.push('end'), () => undefined);
    slices.push(() => events.push('a'));
    slices.push(() => events.push('b'));
    // Handled inside push, as without slices; the turn's end comes in the check phase.
    expect(events).toEqual(['a', 'b']);
    await nextTurn();
    expect(events).toEqual(['a', 'b', 'end']);
    expect(slices.deferred).toBe(0);
  });

  it('past the budget, later messages wait in arrival order and are handled in slices with the loop free between them', async () => {
    const handled: number[] = [];
    const ends: number[] = [];
    let timerFiredAfter = -1;
    const slices = new MessageSlices(3, () => ends.push(handled.length), () => undefined);
    // A timer due in 1 ms: with one 40 ms turn it would fire only after all of it.
    setTimeout(() => (timerFiredAfter = handled.length), 1);
    for (let i = 0; i < 20; i++) {
      slices.push(() => {
        busy(2);
        handled.push(i);
      });
    }
    // The first is handled at once (the turn had spent nothing); after two 2 ms messages the 3 ms budget is spent.
    const atOnce = handled.length;
    expect(atOnce).toBeGreaterThanOrEqual(1);
    expect(atOnce).toBeLessThanOrEqual(2);
    expect(slices.backlog).toBe(20 - atOnce);
    await settle(slices);
    expect(handled).toEqual([...Array(20).keys()]);
    expect(slices.deferred).toBe(20 - atOnce);
    // Each slice handled at most its budget's worth (two messages), then ended like a turn (commit and relay).
    expect(slices.slices).toBeGreaterThanOrEqual(9);
    expect(ends.at(-1)).toBe(20);
    expect(ends.length).toBeGreaterThanOrEqual(slices.slices);
    // The timer ran between slices, long before the last message.
    expect(timerFiredAfter).toBeGreaterThanOrEqual(atOnce);
    expect(timerFiredAfter).toBeLessThan(10);
  });

  it('counts what the turn already spent on messages: the slice right after a spent turn runs one message, then ends it', async () => {
    const events: string[] = [];
    const slices = new MessageSlices(5, () => events.push('end'), () => undefined);
    slices.push(() => {
      busy(6);
      events.push('a');
    });
    slices.push(() => events.push('b'));
    slices.push(() => events.push('c'));
    // 'a' spent the turn's budget in its read: the others wait.
    expect(events).toEqual(['a']);
    await nextTurn();
    // A fresh 5 ms for the slice would have run 'b' and 'c' before the turn's commit and relays.
    expect(events).toEqual(['a', 'b', 'end']);
    await settle(slices);
    expect(events).toEqual(['a', 'b', 'end', 'c', 'end']);
  });

  it('times each turn: how long its first message waited for the turn\'s end, and how long that end (commit and relays) took', async () => {
    const slices = new MessageSlices(1000, () => busy(3), () => undefined);
    slices.push(() => busy(2));
    slices.push(() => busy(1));
    await nextTurn();
    const counted = (buckets: number[], fromMs: number) => buckets.slice(Math.floor(fromMs / WAIT_BUCKET_MS)).reduce((a, b) => a + b, 0);
    // One turn: its first message waited for both messages (3 ms or more), its end took the 3 ms of the commit's stand-in.
    expect(slices.waits.beforeCommit.reduce((a, b) => a + b, 0)).toBe(1);
    expect(counted(slices.waits.beforeCommit, 2.9)).toBe(1);
    expect(slices.waits.commitAndRelay.reduce((a, b) => a + b, 0)).toBe(1);
    expect(counted(slices.waits.commitAndRelay, 2.9)).toBe(1);
  });

  it("counts the turn's end against the budget: once an end's cost per message is known, a slice handles only what it and its end fit", async () => {
    // Each message costs 0.2 ms to handle and leaves 1 ms of commit and relays for its turn's end (relaying an update
    // to a document's other clients costs more than checking it). A 5 ms budget on the handling alone let each slice
    // handle about 25 messages and then spend 25 ms ending: 30 ms turns.
    let pending = 0;
    const perEnd: number[] = [];
    const slices = new MessageSlices(5, () => {
      perEnd.push(pending);
      busy(pending);
      pending = 0;
    }, () => undefined);
    const handled: number[] = [];
    for (let i = 0; i < 120; i++) {
      slices.push(() => {
        busy(0.2);
        pending++;
        handled.push(i);
      });
    }
    await settle(slices);
    expect(handled).toEqual([...Array(120).keys()]);
    // The first turn had no estimate yet (about 25 handled); from its end on, about 1 ms per message is known, so every
    // later slice handled at most what fits 5 ms with its end: 0.2 + 1 ms each, 4 at most (a busy machine only
    // lengthens the handling, which leaves fewer).
    // The first turn's count is not asserted: it handles until 5 ms have passed, about 25 messages on an idle machine but
    // as few as one if the process is preempted inside it (a wall-clock budget); the bound on the later slices holds either way.
    expect(perEnd[0]).toBeGreaterThanOrEqual(1);
    const later = perEnd.slice(1).filter((n) => n > 0);
    expect(later.length).toBeGreaterThan(10);
    expect(Math.max(...later)).toBeLessThanOrEqual(4);
    expect(slices.estimatedEndMsPerMessage).toBeGreaterThan(0.5);
  });

  it('learns the end per message from turns that are only slices of waiting messages, and a GC-lengthened end fades', async () => {
    let endMs = 3;
    const slices = new MessageSlices(0, () => busy(endMs), () => undefined);
    // Budget 0: every message waits and each slice (no socket read before it) handles one, then ends.
    slices.push(() => undefined);
    await settle(slices);
    expect(slices.estimatedEndMsPerMessage).toBeGreaterThan(2.5);
    endMs = 0;
    for (let i = 0; i < 30; i++) slices.push(() => undefined);
    await settle(slices);
    // 30 cheap ends later, the 3 ms one weighs 0.8^30 of what it did.
    expect(slices.estimatedEndMsPerMessage).toBeLessThan(0.5);
  });

  it('keeps later messages behind waiting ones, even when a new turn has time again', async () => {
    const handled: string[] = [];
    const slices = new MessageSlices(0, () => undefined, () => undefined);
    // Budget 0: every message waits for a slice, and each slice handles one.
    slices.push(() => handled.push('first'));
    slices.push(() => handled.push('second'));
    expect(handled).toEqual([]);
    await nextTurn();
    expect(handled).toEqual(['first']);
    slices.push(() => handled.push('third'));
    await settle(slices);
    expect(handled).toEqual(['first', 'second', 'third']);
  });

  it('past the backlog limit a slice keeps going until the backlog is under it', async () => {
    let handled = 0;
    const slices = new MessageSlices(0, () => undefined, () => undefined, 5);
    for (let i = 0; i < 12; i++) slices.push(() => handled++);
    await nextTurn();
    // 12 waiting, limit 5: the first slice handles until 5 are left.
    expect(handled).toBe(7);
    await settle(slices);
    expect(handled).toBe(12);
  });

  it('logs a handler that throws and goes on with the others', async () => {
    const logs: string[] = [];
    const handled: number[] = [];
    const slices = new MessageSlices(0, () => undefined, (_level, msg) => logs.push(msg));
    slices.push(() => handled.push(1));
    slices.push(() => {
      throw new Error('boom');
    });
    slices.push(() => handled.push(3));
    await settle(slices);
    expect(handled).toEqual([1, 3]);
    expect(logs).toEqual(['Failed to handle a sync message']);
  });

  it('drainNow handles everything waiting and ends the turn (shutdown)', () => {
    const handled: number[] = [];
    let ends = 0;
    const slices = new MessageSlices(0, () => ends++, () => undefined);
    for (let i = 0; i < 5; i++) slices.push(() => handled.push(i));
    slices.drainNow();
    expect(handled).toEqual([0, 1, 2, 3, 4]);
    expect(slices.backlog).toBe(0);
    expect(ends).toBe(1);
  });

  it('owns the end of a turn that read messages: the turn transaction is committed at the slice end, with no immediate of its own', async () => {
    const events: string[] = [];
    const commits = new TurnCommits((batches) => {
      events.push(`commit ${batches.map((b) => b.name).join(',')}`);
      return batches.map((b) => b.updates.map((_, i) => i + 1));
    }, () => undefined);
    const slices = new MessageSlices(1000, () => {
      events.push('end');
      commits.flush();
    }, () => undefined);
    commits.endsWith(slices);
    const job = (name: string): TurnJob => ({
      name,
      updates: [new Uint8Array([1])],
      claims: [],
      done: () => events.push(`stored ${name}`),
      failed: () => events.push(`failed ${name}`),
    });
    expect(slices.turnEndDue).toBe(false);
    slices.push(() => {
      // A message's batch finds its turn's end already due: the slice commits it.
      expect(slices.turnEndDue).toBe(true);
      commits.add(job('a'));
    });
    slices.push(() => commits.add(job('b')));
    await nextTurn();
    expect(events).toEqual(['end', 'commit a,b', 'stored a', 'stored b']);
    expect(slices.turnEndDue).toBe(false);
  });

  it('leaves a batch queued outside any message (a retry timer) to TurnCommits\' own immediate', async () => {
    const committed: string[] = [];
    const commits = new TurnCommits((batches) => {
      committed.push(...batches.map((b) => b.name));
      return batches.map((b) => b.updates.map((_, i) => i + 1));
    }, () => undefined);
    // An owner whose end is due never schedules one here; one whose end is not due leaves it to TurnCommits.
    const owner = { turnEndDue: true };
    commits.endsWith(owner);
    const job = (name: string): TurnJob => ({ name, updates: [new Uint8Array([1])], claims: [], done: () => undefined, failed: () => undefined });
    commits.add(job('in-a-message'));
    await nextTurn();
    expect(committed).toEqual([]);
    commits.flush();
    expect(committed).toEqual(['in-a-message']);
    owner.turnEndDue = false;
    commits.add(job('from-a-timer'));
    await nextTurn();
    expect(committed).toEqual(['in-a-message', 'from-a-timer']);
  });
});
