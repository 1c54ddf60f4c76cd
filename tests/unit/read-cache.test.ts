/**
 * The staff side's lists are parsed once per change of what they are read from (src/sync/read-cache.ts): a tab
 * opened again, a badge counted again, a panel redrawn by the guest's keystrokes get the same parsed list. These
 * cases hold the cache to every way a document changes (one's own write, a remote update, an undo, a write inside
 * a transaction, a change made by an observer, the document loaded again from this device's IndexedDB) and check
 * that it never serves a list from before the change; real Yjs documents, real y-indexeddb over fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { addReaction, postChatMessage, readChat, readReactions, type ReactionAnchor } from '../../src/sync/staff-doc';
import { addCodeComment, readCodeComments } from '../../src/sync/code-comments';
import { readSubmissions, submitQuestion, type Submission } from '../../src/sync/audience-doc';
import { decide, readDecisions, readQueue } from '../../src/sync/moderation-doc';

const host = { by: 'Hana Host', role: 'host' } as const;
const interviewer = { by: 'Ivan Interviewer', role: 'interviewer' } as const;
const moderator = { by: 'Mo Moderator', role: 'moderator' } as const;
const T0 = 1_700_000_000_000;
const onQ1: ReactionAnchor = { questionId: 'q1', questionIndex: 0, recordingId: null, momentMs: null };
const onQ2: ReactionAnchor = { ...onQ1, questionId: 'q2', questionIndex: 1 };

function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

const texts = (doc: Y.Doc) => readChat(doc).map((m) => m.text);

describe('lists parsed once per change', () => {
  it('serves the same parsed list while nothing it reads changed, frozen against callers that would edit it', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 3; i++) postChatMessage(doc, `message ${i}`, host, T0 + i);
    addReaction(doc, 'strong', onQ1, host, T0);
    const chat = readChat(doc);
    expect(readChat(doc)).toBe(chat);
    expect(readReactions(doc, 'q1')).toBe(readReactions(doc, 'q1'));
    expect(readReactions(doc)).toBe(readReactions(doc));
    expect(Object.isFrozen(chat)).toBe(true);
    expect(() => (chat as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(texts(doc)).toEqual(['message 0', 'message 1', 'message 2']);
  });

  it('parses one list again only when that list changed: a chat message keeps the reactions, a reaction renews them', () => {
    const doc = new Y.Doc();
    addReaction(doc, 'strong', onQ1, host, T0);
    postChatMessage(doc, 'first', host, T0);
    const reactions = readReactions(doc, 'q1');
    const chat = readChat(doc);
    postChatMessage(doc, 'second', host, T0 + 1);
    expect(readReactions(doc, 'q1')).toBe(reactions);
    expect(readChat(doc)).not.toBe(chat);
    expect(texts(doc)).toEqual(['first', 'second']);
    addReaction(doc, 'concern', onQ1, interviewer, T0 + 2);
    expect(readReactions(doc, 'q1').map((r) => r.kind)).toEqual(['strong', 'concern']);
    // Another question's list is its own read: a reaction on q2 appears there, and q1's stays what it is.
    const q1 = readReactions(doc, 'q1');
    addReaction(doc, 'unclear', onQ2, host, T0 + 3);
    expect(readReactions(doc, 'q2').map((r) => r.kind)).toEqual(['unclear']);
    expect(readReactions(doc, 'q1')).toEqual(q1);
    expect(readReactions(doc).length).toBe(3);
  });

  it('follows a remote edit, and whoever is told of it (an observer, an update listener) already reads the new list', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    postChatMessage(mine, 'mine', host, T0);
    syncInto(mine, theirs);
    expect(texts(mine)).toEqual(['mine']);
    const seenByObserver: string[][] = [];
    const seenOnUpdate: string[][] = [];
    mine.getArray('chat').observe(() => seenByObserver.push(texts(mine)));
    mine.on('update', () => seenOnUpdate.push(texts(mine)));
    postChatMessage(theirs, 'theirs', interviewer, T0 + 1);
    syncInto(theirs, mine);
    expect(seenByObserver).toEqual([['mine', 'theirs']]);
    expect(seenOnUpdate).toEqual([['mine', 'theirs']]);
    expect(texts(mine)).toEqual(['mine', 'theirs']);
  });

  it('follows an undo and a redo of one’s own edits', () => {
    const doc = new Y.Doc();
    const reactions = doc.getArray('reactions');
    const undo = new Y.UndoManager(reactions, { captureTimeout: 0 });
    addReaction(doc, 'strong', onQ1, host, T0);
    addReaction(doc, 'concern', onQ1, host, T0 + 1);
    expect(readReactions(doc, 'q1').map((r) => r.kind)).toEqual(['strong', 'concern']);
    undo.undo();
    expect(readReactions(doc, 'q1').map((r) => r.kind)).toEqual(['strong']);
    undo.undo();
    expect(readReactions(doc, 'q1')).toEqual([]);
    undo.redo();
    expect(readReactions(doc, 'q1').map((r) => r.kind)).toEqual(['strong']);
  });

  it('never keeps a list read in the middle of a transaction past its end, nor one an observer changed after', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      postChatMessage(doc, 'one', host, T0);
      expect(texts(doc)).toEqual(['one']);
      postChatMessage(doc, 'two', host, T0 + 1);
    });
    expect(texts(doc)).toEqual(['one', 'two']);
    // An observer that answers with a write of its own (a bot, a migration): its write is a transaction of its own.
    doc.getArray('chat').observe(() => {
      if (texts(doc).at(-1) === 'ping') postChatMessage(doc, 'pong', interviewer, T0 + 3);
    });
    postChatMessage(doc, 'ping', host, T0 + 2);
    expect(texts(doc)).toEqual(['one', 'two', 'ping', 'pong']);
  });

  it('reads the lists of a document loaded again from this device’s IndexedDB (a reload), and follows edits after it', async () => {
    const name = `interq-yjs:read-cache-${Math.random()}`;
    const before = new Y.Doc();
    const stored = new IndexeddbPersistence(name, before);
    await stored.whenSynced;
    postChatMessage(before, 'written before the reload', host, T0);
    addCodeComment(before, { questionId: 'q1', line: 2, code: 'a\nb\nc', text: 'look here' }, host, T0);
    expect(readCodeComments(before, 'q1').map((c) => c.text)).toEqual(['look here']);
    // y-indexeddb writes each update as it happens; give its write a moment before the "tab" closes.
    await new Promise((r) => setTimeout(r, 50));
    await stored.destroy();

    const after = new Y.Doc();
    // Read before the stored state arrives (the screen draws at once): empty, and that must not stick.
    expect(texts(after)).toEqual([]);
    expect(readCodeComments(after, 'q1')).toEqual([]);
    const loaded = new IndexeddbPersistence(name, after);
    await loaded.whenSynced;
    expect(texts(after)).toEqual(['written before the reload']);
    expect(readCodeComments(after, 'q1').map((c) => c.text)).toEqual(['look here']);
    addCodeComment(after, { questionId: 'q1', line: 1, code: 'a\nb\nc', text: 'and here' }, host, T0 + 1);
    expect(readCodeComments(after, 'q1').map((c) => c.text)).toEqual(['and here', 'look here']);
    await loaded.destroy();
  });

  it('follows the audience’s questions and the moderator’s decisions, on this device and from another', () => {
    const audience = new Y.Doc();
    const moderation = new Y.Doc();
    const elsewhere = new Y.Doc();
    const asked: Submission[] = [];
    for (let k = 0; k < 3; k++) {
      const r = submitQuestion(audience, `Question ${k}?`, { author: 'Viewer', authorKey: 'audience:viewer' }, T0 + k);
      if (!r.ok) throw new Error(r.reason);
      asked.push(r.submission);
    }
    expect(readSubmissions(audience)).toBe(readSubmissions(audience));
    expect(readQueue(moderation)).toEqual([]);
    expect(decide(moderation, asked[0]!, { action: 'approve' }, host, T0 + 10).ok).toBe(true);
    expect(readQueue(moderation).map((q) => q.submissionId)).toEqual([asked[0]!.id]);
    expect(readDecisions(moderation).size).toBe(1);
    // A decision made on another moderator's device.
    syncInto(moderation, elsewhere);
    expect(decide(elsewhere, asked[1]!, { action: 'reject' }, moderator, T0 + 11).ok).toBe(true);
    expect(decide(elsewhere, asked[0]!, { action: 'reject' }, moderator, T0 + 12).ok).toBe(true);
    syncInto(elsewhere, moderation);
    expect(readDecisions(moderation).get(asked[1]!.id)?.status).toBe('rejected');
    expect(readQueue(moderation)).toEqual([]);
    // A question that is junk (a broken or hostile client) is still skipped, and one after it still shows.
    audience.getArray('submissions').push([{ id: 42, text: null }]);
    const r = submitQuestion(audience, 'After the junk?', { author: 'Viewer', authorKey: 'audience:viewer' }, T0 + 20);
    expect(r.ok).toBe(true);
    expect(readSubmissions(audience).map((s) => s.text)).toEqual(['Question 0?', 'Question 1?', 'Question 2?', 'After the junk?']);
  });
});
