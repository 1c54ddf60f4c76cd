/**
 * Audience Q&A: submissions in the `audience` document, the moderator's
 * decisions and the interviewer's queue in the `moderation` document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSubmissions, submitQuestion, type Submission } from '../../src/sync/audience-doc';
import { decide, moderationView, readDecision, readQueue } from '../../src/sync/moderation-doc';

const T0 = 1_700_000_000_000;
const moderator = { by: 'Mona Moderator', role: 'moderator' } as const;
const host = { by: 'host', role: 'host' } as const;

function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function submit(doc: Y.Doc, text: string, author = 'Ada', key = 'device-a'): Submission {
  const r = submitQuestion(doc, text, { author, authorKey: key }, T0);
  if (!r.ok) throw new Error(r.reason);
  return r.submission;
}

describe('audience submissions', () => {
  it('validates the text and merges submissions made offline on two devices once each', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(submitQuestion(a, ' a ', { author: 'Ada', authorKey: 'k' }, T0)).toEqual({ ok: false, reason: 'A question needs at least 3 characters.' });
    expect(submitQuestion(a, 'x'.repeat(501), { author: 'Ada', authorKey: 'k' }, T0).ok).toBe(false);
    submit(a, 'How do you test hooks?');
    submit(b, 'What about SSR?', 'Bob', 'device-b');
    syncInto(a, b);
    syncInto(b, a);
    syncInto(b, a);
    expect(readSubmissions(a).map((s) => s.text).sort()).toEqual(['How do you test hooks?', 'What about SSR?']);
    expect(readSubmissions(b)).toEqual(readSubmissions(a));
  });
});

describe('moderation', () => {
  it('queues approved questions in approval order with the edited text, never rejected ones', () => {
    const audience = new Y.Doc();
    const mod = new Y.Doc();
    const s1 = submit(audience, 'How do you test hooks?');
    const s2 = submit(audience, 'Off-topic rant about tabs');
    const s3 = submit(audience, 'what about ssr');

    expect(decide(mod, s3, { action: 'approve', editedText: 'What about server-side rendering?' }, moderator, T0 + 1).ok).toBe(true);
    expect(decide(mod, s2, { action: 'reject' }, moderator, T0 + 2).ok).toBe(true);
    expect(decide(mod, s1, { action: 'approve' }, host, T0 + 3).ok).toBe(true);

    expect(readQueue(mod).map((q) => [q.text, q.edited, q.author])).toEqual([
      ['What about server-side rendering?', true, 'Ada'],
      ['How do you test hooks?', false, 'Ada'],
    ]);
    // The audience reads this document: a rejected question's text is not copied into it.
    const rejected = readDecision(mod, s2.id);
    expect(rejected).toMatchObject({ status: 'rejected', by: 'Mona Moderator' });
    expect(JSON.stringify(mod.toJSON())).not.toContain('Off-topic');

    const view = moderationView(readSubmissions(audience), mod);
    expect(view.pending).toEqual([]);
    expect(view.rejected.map((r) => r.submission.id)).toEqual([s2.id]);
    expect(view.approved.map((a) => a.submissionId)).toEqual([s3.id, s1.id]);
  });

  it('leaves undecided submissions pending and refuses a bad edit without writing', () => {
    const audience = new Y.Doc();
    const mod = new Y.Doc();
    const s1 = submit(audience, 'Why React?');
    expect(decide(mod, s1, { action: 'approve', editedText: '  ' }, moderator, T0)).toEqual({
      ok: false,
      reason: 'A question needs at least 3 characters.',
    });
    expect(mod.getMap('decisions').size).toBe(0);
    expect(moderationView(readSubmissions(audience), mod).pending.map((s) => s.id)).toEqual([s1.id]);
  });

  it('refuses decisions from roles that do not moderate', () => {
    const audience = new Y.Doc();
    const mod = new Y.Doc();
    const s1 = submit(audience, 'Can I approve myself?');
    for (const role of ['audience', 'interviewer', 'guest', 'tech-support'] as const) {
      expect(decide(mod, s1, { action: 'approve' }, { by: 'x', role }, T0).ok).toBe(false);
    }
    expect(readQueue(mod)).toEqual([]);
  });

  it('takes a question off the queue when it is rejected later, and back on when approved again', () => {
    const audience = new Y.Doc();
    const mod = new Y.Doc();
    const s1 = submit(audience, 'First question');
    const s2 = submit(audience, 'Second question');
    decide(mod, s1, { action: 'approve' }, moderator, T0);
    decide(mod, s2, { action: 'approve' }, moderator, T0 + 1);
    decide(mod, s1, { action: 'reject' }, host, T0 + 2);
    expect(readQueue(mod).map((q) => q.text)).toEqual(['Second question']);
    decide(mod, s1, { action: 'approve', editedText: 'First question, reworded' }, host, T0 + 3);
    expect(readQueue(mod).map((q) => q.text)).toEqual(['First question, reworded', 'Second question']);
  });

  it('lists a question approved on two devices at once a single time', () => {
    const audience = new Y.Doc();
    const modA = new Y.Doc();
    const modB = new Y.Doc();
    const s1 = submit(audience, 'Concurrent approval?');
    decide(modA, s1, { action: 'approve' }, moderator, T0);
    decide(modB, s1, { action: 'approve', editedText: 'Concurrent approval, edited?' }, host, T0 + 1);
    syncInto(modA, modB);
    syncInto(modB, modA);
    expect(modA.getArray('queue').length).toBe(2);
    const queueA = readQueue(modA);
    expect(queueA.length).toBe(1);
    expect(readQueue(modB)).toEqual(queueA);
  });

  it('ignores malformed decisions and queue entries', () => {
    const mod = new Y.Doc();
    mod.getMap('decisions').set('s-1', { submissionId: 's-1', status: 'approved' });
    mod.getMap('decisions').set('s-2', { submissionId: 'other', status: 'rejected', by: 'x', role: 'moderator', at: 1 });
    mod.getArray<unknown>('queue').push(['s-1', 42, 's-2']);
    expect(readQueue(mod)).toEqual([]);
    expect(readDecision(mod, 's-2')).toBeNull();
  });
});
