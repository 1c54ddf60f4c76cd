/**
 * Named opposites (contrast-pairs.ts, named-contrasts.ts, model v10): an answer that gives the facts of one member of
 * a named pair to the other ("when the readiness probe fails the kubelet restarts the container") is held at 1 and
 * told which facts it gave to which; right answers, in the reference's words or reordered, are not.
 */
import { describe, expect, it } from 'vitest';
import { questionBank } from '../../src/domain/bank';
import { createSpokenScorer, type SpokenScore } from '../../src/domain/scoring';
import { CONTRAST_PAIRS } from '../../src/domain/scoring/contrast-pairs';
import { membersNamed, namedSwaps } from '../../src/domain/scoring/named-contrasts';
import { analyze } from '../../src/domain/scoring/text';

const scorer = createSpokenScorer();
const capped = (s: SpokenScore) => s.accuracy.ceilings.some((c) => c.rule === 'swapped' && c.ceiling === 1);

describe('the contrast pair list', () => {
  it('names pairs the question bank asks about: one bank question names both members of every pair', () => {
    // The words a question shows (prompt, reference answer, key concepts, options), not its code or tests.
    const texts = questionBank().map((q) => JSON.stringify(q, ['prompt', 'referenceAnswer', 'keyConcepts', 'options', 'text']));
    const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const says = (text: string, ways: readonly string[]) =>
      ways.some((w) => new RegExp(`(?<![A-Za-z0-9])${escape(w)}(?![A-Za-z0-9])`, /[A-Z]/.test(w) ? '' : 'i').test(text));
    const named = new Set(CONTRAST_PAIRS.map((p, i) => (texts.some((t) => says(t, p[0]) && says(t, p[1])) ? i : -1)));
    const missing = CONTRAST_PAIRS.filter((_, i) => !named.has(i)).map(([a, b]) => `${a[0]}/${b[0]}`);
    expect(missing).toEqual([]);
  });

  it('gives every member a way to say it, and no way to both members of one pair', () => {
    for (const [a, b] of CONTRAST_PAIRS) {
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      const lower = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase()));
      for (const x of lower(a)) expect(lower(b).has(x)).toBe(false);
      // Each way is seen where it is written: one sentence naming both members names both.
      const sides = membersNamed(analyze(`The ${a[0]} is one thing, the ${b[0]} another.`));
      expect([...sides.values()].some((s) => s.size === 2)).toBe(true);
    }
  });

  it('reads "O(1)", "left outer join" and "GET" as written, and not "get" the verb', () => {
    const pairs = (text: string) => [...membersNamed(analyze(text))].filter(([, s]) => s.size > 0).map(([p, s]) => `${CONTRAST_PAIRS[p]![0][0]}:${[...s].sort().join('')}`);
    expect(pairs('A hash lookup is O(1) and a scan is O(n).')).toContain('o(1):01');
    expect(pairs('A left outer join keeps every row, an inner join only matches.')).toContain('inner join:01');
    expect(pairs('You get the result.')).toEqual([]);
    expect(pairs('GET reads and POST creates.')).toContain('GET:01');
  });
});

describe('facts given to the other member of a named pair', () => {
  const probes = {
    prompt: 'What is the difference between a liveness probe and a readiness probe in Kubernetes?',
    referenceAnswer:
      'A readiness probe tells Kubernetes whether a pod should receive traffic: while it fails, the pod is removed from the Service endpoints but keeps running. A liveness probe tells Kubernetes whether the container is stuck: when it fails repeatedly, the kubelet kills and restarts the container.',
    keyConcepts: ['readiness', 'liveness', 'restart', 'endpoints'],
  };
  const score = (question: typeof probes, transcript: string) => scorer.score({ question, transcript, durationSec: 0 });

  it('caps an answer that trades the facts of "readiness" and "liveness" at 1, and names which it gave to which', () => {
    const swapped = score(probes, 'When the readiness probe fails the kubelet restarts the container, and when the liveness probe fails the pod is removed from the Service endpoints but keeps running.');
    expect(swapped.accuracy.modelScore).toBeGreaterThan(1);
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.score).toBeLessThanOrEqual(1);
    expect(swapped.accuracy.explanation).toMatch(/Swapped facts: the answer says "[a-z]+"(, "[a-z]+")* of "readiness", where the reference says (it|them) of "liveness"/);
    expect(swapped.accuracy.explanation).toMatch(/of "liveness", where the reference says (it|them) of "readiness"/);
  });

  it('does not cap right answers, in the reference order or the other, with the member named again or carried by "it"', () => {
    for (const transcript of [
      'When the readiness probe fails the pod is removed from the Service endpoints but keeps running, and when the liveness probe fails the kubelet restarts the container.',
      'If the liveness probe fails repeatedly, the kubelet kills the container and restarts it. A readiness probe decides whether the pod gets traffic: while it fails, the pod is taken out of the Service endpoints but keeps running.',
    ]) {
      const right = score(probes, transcript);
      expect(right.accuracy.ceilings).toEqual([]);
      expect(right.accuracy.score).toBeGreaterThanOrEqual(3);
    }
  });

  it('sees a swap of complexity classes ("O(1)" and "O(n)") and of a stack and a queue', () => {
    const lookups = {
      prompt: 'Why is looking up a key in a hash table faster than searching an unsorted list?',
      referenceAnswer: 'A hash table lookup takes O(1) time on average because it hashes the key straight to its bucket. Searching an unsorted list takes O(n) time because it compares the key with every element in turn.',
      keyConcepts: ['hash', 'bucket', 'O(1)', 'every element', 'O(n)'],
    };
    const swapped = score(lookups, 'O(n) time: a hash table lookup hashes the key to its bucket. O(1) time on average: searching an unsorted list compares the key with every element.');
    expect(capped(swapped)).toBe(true);
    expect(swapped.accuracy.explanation).toMatch(/of "o\(n\)", where the reference says (it|them) of "o\(1\)"/);
    expect(score(lookups, 'Hashing sends the key straight to its bucket, so a hash table lookup is O(1) on average; an unsorted list has to compare the key with every element, which is O(n).').accuracy.ceilings).toEqual([]);

    const order = {
      prompt: 'What is the difference between a stack and a queue?',
      referenceAnswer: 'A stack is last in, first out: you push and pop at the same end, so the newest item comes off first. A queue is first in, first out: you enqueue at the back and dequeue from the front, so the oldest item leaves first.',
      keyConcepts: ['last in first out', 'first in first out', 'push and pop', 'oldest item'],
    };
    const traded = score(order, 'A queue is last in, first out: you push and pop at the same end, so the newest item comes off first. A stack is first in, first out: you enqueue at the back and dequeue from the front, so the oldest item leaves first.');
    expect(capped(traded)).toBe(true);
    expect(traded.accuracy.score).toBeLessThanOrEqual(1);
    expect(score(order, 'With a stack you push and pop at one end, last in first out, so the newest item comes off first; a queue is first in first out, the oldest item leaves first from the front.').accuracy.ceilings).toEqual([]);
  });

  it('checks only pairs the reference tells apart, and counts what the answer keeps', () => {
    const ref = analyze('A readiness probe gates traffic. A liveness probe restarts the container.');
    const [right] = namedSwaps(ref, analyze('The liveness probe restarts the container; the readiness probe gates traffic.'));
    expect(right?.crossed).toEqual([]);
    expect(right?.kept).toBeGreaterThanOrEqual(3);
    // A reference that only compares the two in one clause says nothing of either alone.
    expect(namedSwaps(analyze('Readiness and liveness probes are both health checks.'), analyze('The liveness probe gates traffic.'))).toEqual([]);
  });
});
