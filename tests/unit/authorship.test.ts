/**
 * The server's authorship check (sync-server/collab/authorship.ts) on updates made by the app's own record writers
 * with real Yjs documents, decoded as protocol.ts decodes them (which refuses unreadable updates and presence that
 * is not a JSON object: tests/integration/collab-limits.test.ts): records in the writer's own name pass, anyone
 * else's name is refused, and records the server already holds (re-sent after a reconnect) are not held against
 * the sender.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { authorshipViolation, presenceViolation } from '../../sync-server/collab/authorship';
import { addReaction, postChatMessage, reactionAnchor, setRating } from '../../src/sync/staff-doc';
import { submitQuestion } from '../../src/sync/audience-doc';

const ivy = { by: 'Ivy Interviewer', role: 'interviewer' as const };
const ivyClaims = { sub: 'Ivy Interviewer', role: 'interviewer' as const };

/** The update a client sends when it makes `change` on top of what the server holds. */
function updateOf(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe('records must be written in the token’s own name', () => {
  it('accepts chat, reactions and ratings in the writer’s name', () => {
    const server = new Y.Doc();
    const anchor = reactionAnchor(null, 'q1', 0, 1);
    const update = updateOf(server, (d) => {
      postChatMessage(d, 'Strong start', ivy, 1);
      expect(addReaction(d, 'strong', anchor, ivy, 2).ok).toBe(true);
      setRating(d, 'q1', 4, ivy, 3);
    });
    expect(authorshipViolation(Y.decodeUpdate(update), server, 'staff', ivyClaims)).toBeNull();
  });

  it('refuses a chat message, a rating or a claimed role in someone else’s name', () => {
    const server = new Y.Doc();
    const asHost = updateOf(server, (d) => postChatMessage(d, 'Fail this candidate', { by: 'Hana Host', role: 'host' }, 1));
    expect(authorshipViolation(Y.decodeUpdate(asHost), server, 'staff', ivyClaims)).toMatch(/by is "Hana Host", your link is for "Ivy Interviewer"/);
    const promoted = updateOf(server, (d) => setRating(d, 'q1', 1, { by: 'Ivy Interviewer', role: 'host' }, 1));
    expect(authorshipViolation(Y.decodeUpdate(promoted), server, 'staff', ivyClaims)).toMatch(/role is "host", your link is for "interviewer"/);
    // The same update from the right person passes.
    expect(authorshipViolation(Y.decodeUpdate(asHost), server, 'staff', { sub: 'Hana Host', role: 'host' })).toBeNull();
  });

  it('checks the author of audience questions', () => {
    const server = new Y.Doc();
    const question = updateOf(server, (d) => submitQuestion(d, 'How do you test hooks?', { author: 'Ada', authorKey: 'k1' }, 1));
    expect(authorshipViolation(Y.decodeUpdate(question), server, 'audience', { sub: 'Ada', role: 'audience' })).toBeNull();
    expect(authorshipViolation(Y.decodeUpdate(question), server, 'audience', { sub: 'Bob', role: 'audience' })).toMatch(/author is "Ada"/);
  });

  it('does not hold records the server already has against a client that sends them again', () => {
    const server = new Y.Doc();
    const hosts = updateOf(server, (d) => postChatMessage(d, 'Welcome', { by: 'Hana Host', role: 'host' }, 1));
    Y.applyUpdate(server, hosts);
    // Ivy's device holds the host's message and adds its own; its full state goes back on reconnect.
    const ivyDevice = new Y.Doc();
    Y.applyUpdate(ivyDevice, Y.encodeStateAsUpdate(server));
    postChatMessage(ivyDevice, 'Thanks', ivy, 2);
    expect(authorshipViolation(Y.decodeUpdate(Y.encodeStateAsUpdate(ivyDevice)), server, 'staff', ivyClaims)).toBeNull();
    // A server that never had the host's message does not take it from Ivy.
    expect(authorshipViolation(Y.decodeUpdate(Y.encodeStateAsUpdate(ivyDevice)), new Y.Doc(), 'staff', ivyClaims)).toMatch(/Hana Host/);
  });

  it('leaves documents without authored records alone', () => {
    const server = new Y.Doc();
    const anything = updateOf(server, (d) => d.getMap('scores').set('r1', { by: 'whoever' }));
    expect(authorshipViolation(Y.decodeUpdate(anything), server, 'assessment', ivyClaims)).toBeNull();
  });

  it('holds presence to the same rule: name and role must be the token\'s, other states pass', () => {
    expect(presenceViolation({ name: 'Ivy Interviewer', role: 'interviewer', color: '#1d4ed8' }, ivyClaims)).toBeNull();
    expect(presenceViolation({ name: 'Hana Host', role: 'interviewer' }, ivyClaims)).toMatch(/name is "Hana Host"/);
    expect(presenceViolation({ name: 'Ivy Interviewer', role: 'host' }, ivyClaims)).toMatch(/role is "host"/);
    // States that name nobody (y-websocket's own cursor states, for one) are not the server's business, nor is leaving.
    expect(presenceViolation({ user: { name: 'x' } }, ivyClaims)).toBeNull();
    expect(presenceViolation(null, ivyClaims)).toBeNull();
  });
});
