/**
 * The server's update check (sync-server/collab/update-policy.ts) on updates made by the app's own record writers
 * with real Yjs documents, decoded as protocol.ts decodes them: every writer of the app passes on its own document
 * kind, records in anyone else's name are refused, records the server already holds (re-sent after a reconnect) are
 * not held against the sender, and every content kind other than plain records is refused whatever it holds.
 * The same attacks through a real socket: tests/integration/collab-integrity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocKind, Role } from '../../src/domain/access';
import { DOC_SCHEMAS } from '../../src/domain/doc-schema';
import { presenceViolation } from '../../sync-server/collab/authorship';
import { checkUpdate, type UpdateVerdict, type Writer } from '../../sync-server/collab/update-policy';
import { addReaction, postChatMessage, reactionAnchor, setRating } from '../../src/sync/staff-doc';
import { submitQuestion } from '../../src/sync/audience-doc';
import { decide } from '../../src/sync/moderation-doc';
import { markCommandApplied, publishStageState, pushHostCommand } from '../../src/sync/stage-doc';
import { publishStaffTranscript, publishTranscript, setTranscriptionPolicy } from '../../src/sync/answer-results';
import { claimTranscription, releaseClaim } from '../../src/sync/transcription-claims';
import { writePlan } from '../../src/sync/plan-doc';
import { CONTENT_KINDS, encodeRawUpdate, type RawContent } from '../support/raw-yjs';

const ivy = { by: 'Ivy Interviewer', role: 'interviewer' as const };

function writer(role: Role, sub: string): Writer {
  return { sub, role, owner: `${role}:${sub}`, access: 'write' };
}
const ivyWriter = writer('interviewer', 'Ivy Interviewer');

/** The update a client sends when it makes `change` on top of what the server holds. */
function updateOf(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

const noOwners = { ownerOf: () => null };

function check(server: Y.Doc, update: Uint8Array, kind: DocKind, w = ivyWriter, owners: { ownerOf(c: number): string | null } = noOwners): UpdateVerdict {
  return checkUpdate(Y.decodeUpdate(update), update.length, server, kind, DOC_SCHEMAS[kind].caps.maxRecordBytes, w, owners);
}

function reason(v: UpdateVerdict): string | null {
  return v.ok === false ? v.reason : null;
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
    expect(check(server, update, 'staff')).toMatchObject({ ok: true });
  });

  it('refuses a chat message, a rating or a claimed role in someone else’s name', () => {
    const server = new Y.Doc();
    const asHost = updateOf(server, (d) => postChatMessage(d, 'Fail this candidate', { by: 'Hana Host', role: 'host' }, 1));
    expect(reason(check(server, asHost, 'staff'))).toMatch(/by is "Hana Host", your link is for "Ivy Interviewer"/);
    const promoted = updateOf(server, (d) => setRating(d, 'q1', 1, { by: 'Ivy Interviewer', role: 'host' }, 1));
    expect(reason(check(server, promoted, 'staff'))).toMatch(/role is "host", your link is for "interviewer"/);
    // The same update from the right person passes.
    expect(check(server, asHost, 'staff', writer('host', 'Hana Host'))).toMatchObject({ ok: true });
  });

  it('checks the author of audience questions and of moderation decisions', () => {
    const server = new Y.Doc();
    const question = updateOf(server, (d) => submitQuestion(d, 'How do you test hooks?', { author: 'Ada', authorKey: 'k1' }, 1));
    expect(check(server, question, 'audience', { ...writer('audience', 'Ada'), access: 'append' as const })).toMatchObject({ ok: true });
    expect(reason(check(server, question, 'audience', { ...writer('audience', 'Bob'), access: 'append' as const }))).toMatch(/author is "Ada"/);
    const submission = { id: 's1', text: 'How do you test hooks?', author: 'Ada', authorKey: 'k1', at: 1 };
    const approval = updateOf(server, (d) => expect(decide(d, submission, { action: 'approve' }, { by: 'Mo', role: 'moderator' }, 2).ok).toBe(true));
    expect(check(server, approval, 'moderation', writer('moderator', 'Mo'))).toMatchObject({ ok: true });
    expect(reason(check(server, approval, 'moderation', writer('moderator', 'Max')))).toMatch(/by is "Mo"/);
  });

  it('does not hold records the server already has against a client that sends them again', () => {
    const server = new Y.Doc();
    const hosts = updateOf(server, (d) => postChatMessage(d, 'Welcome', { by: 'Hana Host', role: 'host' }, 1));
    Y.applyUpdate(server, hosts);
    // Ivy's device holds the host's message and adds its own; its full state goes back on reconnect.
    const ivyDevice = new Y.Doc();
    Y.applyUpdate(ivyDevice, Y.encodeStateAsUpdate(server));
    postChatMessage(ivyDevice, 'Thanks', ivy, 2);
    // Re-sent records are not all new: the server stores what Yjs integrates of it, not the bytes as sent (live-doc.ts).
    expect(check(server, Y.encodeStateAsUpdate(ivyDevice), 'staff')).toMatchObject({ ok: true, newClients: [ivyDevice.clientID], allNew: false });
    // Ivy's own record alone is all new: stored and relayed as she sent it.
    expect(check(server, Y.encodeStateAsUpdate(ivyDevice, Y.encodeStateVector(server)), 'staff')).toMatchObject({ ok: true, allNew: true });
    // A server that never had the host's message does not take it from Ivy.
    expect(reason(check(new Y.Doc(), Y.encodeStateAsUpdate(ivyDevice), 'staff'))).toMatch(/Hana Host/);
  });

  it('holds presence to the same rule: name and role must be the token\'s, other states pass', () => {
    const ivyClaims = { sub: 'Ivy Interviewer', role: 'interviewer' as const };
    expect(presenceViolation({ name: 'Ivy Interviewer', role: 'interviewer', color: '#1d4ed8' }, ivyClaims)).toBeNull();
    expect(presenceViolation({ name: 'Hana Host', role: 'interviewer' }, ivyClaims)).toMatch(/name is "Hana Host"/);
    expect(presenceViolation({ name: 'Ivy Interviewer', role: 'host' }, ivyClaims)).toMatch(/role is "host"/);
    // States that name nobody (y-websocket's own cursor states, for one) are not the server's business, nor is leaving.
    expect(presenceViolation({ user: { name: 'x' } }, ivyClaims)).toBeNull();
    expect(presenceViolation(null, ivyClaims)).toBeNull();
  });
});

describe('what each document may hold', () => {
  const host = writer('host', 'Hana Host');
  const guest = writer('guest', 'Gus Guest');
  const transcript = {
    recordingId: 'rec-1',
    questionId: 'q-cache',
    text: 'A cache keeps recent results close to the reader.',
    segments: [{ start: 0, end: 6.2, text: 'A cache keeps recent results close to the reader.' }],
    durationSec: 9.5,
    processedOn: 'guest-device' as const,
    model: 'whisper-test-tiny',
    backend: 'wasm' as const,
    at: 1000,
  };
  /** Every record writer of the app, on its document, as the role that uses it. */
  const APP_WRITES: Array<{ name: string; kind: DocKind; as: Writer; write: (d: Y.Doc) => void }> = [
    { name: 'publish a plan', kind: 'plan', as: host, write: (d) => writePlan(d, null, { meta: { title: 'T' }, questions: [] } as never) },
    { name: 'republish a plan over an old one', kind: 'plan', as: host, write: (d) => { writePlan(d, null, { meta: { title: 'T' }, questions: [] } as never); writePlan(d, null, { meta: { title: 'U' }, questions: [] } as never); } },
    { name: 'publish answer keys', kind: 'key', as: host, write: (d) => d.getMap('keys').set('q1', { id: 'q1' }) },
    { name: 'guest state', kind: 'stage', as: guest, write: (d) => { publishStageState(d, { stage: 'intro' } as never); publishStageState(d, { stage: 'question' } as never); } },
    { name: 'host command', kind: 'stage', as: host, write: (d) => pushHostCommand(d, { id: 'c1', event: { type: 'HOST_PAUSE' } as never, issuedBy: 'Hana Host', at: 1 }) },
    { name: 'guest marks a command applied', kind: 'stage', as: guest, write: (d) => markCommandApplied(d, 'c1', { ok: true, reason: null, at: 1 }) },
    { name: 'guest transcript', kind: 'stage', as: guest, write: (d) => publishTranscript(d, transcript) },
    // publishUpload validates a full upload record; the server reads only where it lands.
    { name: 'guest upload', kind: 'stage', as: guest, write: (d) => d.getMap('uploads').set('rec-1', { recordingId: 'rec-1' }) },
    { name: 'host transcription policy', kind: 'stage', as: host, write: (d) => setTranscriptionPolicy(d, { requires: 'local', modelId: 'whisper-test-tiny', setBy: 'Hana Host', at: 5 }) },
    { name: 'guest transcript flags', kind: 'stage', as: guest, write: (d) => d.getMap('transcriptFlags').set('r1', { flags: [] }) },
    { name: 'scores, staff transcripts and claims', kind: 'assessment', as: host, write: (d) => { d.getMap('scores').set('mcq:q1', { kind: 'mcq' }); publishStaffTranscript(d, { ...transcript, processedOn: 'staff-device' }); claimTranscription(d, { recordingId: 'rec-1', by: 'Hana Host', device: 'd1', at: 1 }); releaseClaim(d, 'rec-1', 'd1'); } },
  ];
  for (const w of APP_WRITES) {
    it(`lets the app ${w.name} (${w.kind})`, () => {
      const server = new Y.Doc();
      expect(check(server, updateOf(server, w.write), w.kind, w.as)).toMatchObject({ ok: true });
    });
  }

  it('refuses every content kind but plain records, on every document kind, even when the value would pass', () => {
    const values: Record<RawContent['kind'], RawContent> = {
      any: { kind: 'any', values: [{ id: 'x' }] },
      json: { kind: 'json', values: [{ by: 'Hana Host', role: 'host' }] },
      embed: { kind: 'embed', value: { by: 'Hana Host', role: 'host' } },
      string: { kind: 'string', text: 'hi' },
      binary: { kind: 'binary', bytes: new Uint8Array([1, 2]) },
      format: { kind: 'format', key: 'bold', value: true },
      type: { kind: 'type', type: 'map' },
      deleted: { kind: 'deleted', length: 1 },
      doc: { kind: 'doc', guid: 'sub' },
    };
    for (const kind of Object.keys(DOC_SCHEMAS) as DocKind[]) {
      const [root, rule] = Object.entries(DOC_SCHEMAS[kind].roots)[0]!;
      for (const contentKind of CONTENT_KINDS) {
        const update = encodeRawUpdate([{ client: 7, clock: 0, structs: [{ type: 'item', content: values[contentKind], parent: root, ...(rule.type === 'map' ? { parentSub: 'k' } : {}) }] }]);
        const verdict = check(new Y.Doc(), update, kind, writer('host', 'Hana Host'));
        if (contentKind === 'any' || contentKind === 'deleted') expect(verdict, `${contentKind} on ${kind}`).toMatchObject({ ok: true });
        else expect(reason(verdict), `${contentKind} on ${kind}`).toMatch(/hold plain records only/);
      }
    }
  });

  it('refuses roots a document does not hold, a map written as a list, and nested types', () => {
    const host = writer('host', 'Hana Host');
    const other = encodeRawUpdate([{ client: 7, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: [1] }, parent: 'notes' }] }]);
    expect(reason(check(new Y.Doc(), other, 'staff', host))).toMatch(/staff documents hold no "notes"/);
    const asList = encodeRawUpdate([{ client: 7, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: [1] }, parent: 'ratings' }] }]);
    expect(reason(check(new Y.Doc(), asList, 'staff', host))).toMatch(/"ratings" in staff documents is a map/);
    const nested = encodeRawUpdate([{ client: 7, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: [1] }, parent: { client: 9, clock: 0 }, parentSub: 'x' }] }]);
    expect(reason(check(new Y.Doc(), nested, 'staff', host))).toMatch(/nested types/);
  });

  it('finds the root of an item placed only by its neighbours, in the document or earlier in the update', () => {
    const server = new Y.Doc();
    Y.applyUpdate(server, updateOf(server, (d) => postChatMessage(d, 'first', ivy, 1)));
    const first = [...server.store.clients.keys()][0]!;
    // Inserted after the stored chat message, then another after that one: both land in `chat`, and the second is forged.
    const update = encodeRawUpdate([
      {
        client: 42,
        clock: 0,
        structs: [
          { type: 'item', content: { kind: 'any', values: [{ by: 'Ivy Interviewer' }] }, origin: { client: first, clock: 0 } },
          { type: 'item', content: { kind: 'any', values: [{ by: 'Hana Host' }] }, origin: { client: 42, clock: 0 } },
        ],
      },
    ]);
    expect(reason(check(server, update, 'staff'))).toMatch(/by is "Hana Host"/);
    const dangling = encodeRawUpdate([{ client: 42, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: [1] }, origin: { client: 5, clock: 3 } }] }]);
    expect(reason(check(server, dangling, 'staff'))).toMatch(/does not hold/);
  });

  it('refuses two new items placed next to each other only, and places a long chain of them', () => {
    const server = new Y.Doc();
    Y.applyUpdate(server, updateOf(server, (d) => postChatMessage(d, 'first', ivy, 1)));
    const first = [...server.store.clients.keys()][0]!;
    const record = { kind: 'any' as const, values: [{ by: 'Ivy Interviewer' }] };
    // Each names the other as its left neighbour: no parent to be found, whichever is resolved first.
    const loop = encodeRawUpdate([
      { client: 42, clock: 0, structs: [{ type: 'item', content: record, origin: { client: 43, clock: 0 } }] },
      { client: 43, clock: 0, structs: [{ type: 'item', content: record, origin: { client: 42, clock: 0 } }] },
    ]);
    expect(reason(check(server, loop, 'staff'))).toMatch(/refers to itself/);
    // 3,000 records each inserted after the one before (a first sync after offline work), the first after the stored
    // message: all land in `chat`; the same chain with its last record in another's name is refused.
    const chain = (lastBy: string) =>
      encodeRawUpdate([
        {
          client: 42,
          clock: 0,
          structs: Array.from({ length: 3_000 }, (_, i) => ({
            type: 'item' as const,
            content: { kind: 'any' as const, values: [{ by: i === 2_999 ? lastBy : 'Ivy Interviewer' }] },
            origin: i === 0 ? { client: first, clock: 0 } : { client: 42, clock: i - 1 },
          })),
        },
      ]);
    expect(check(server, chain('Ivy Interviewer'), 'staff').ok, 'an honest chain').toBe(true);
    expect(reason(check(server, chain('Hana Host'), 'staff'))).toMatch(/by is "Hana Host"/);
  });
});
