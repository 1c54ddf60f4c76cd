/**
 * The simulated live interview: who is connected to which document and how
 * often each person writes. Deliberately on the busy side of a real session.
 *
 * Per session (6 people, 14 WebSocket connections):
 * - host, interviewer, moderator on `staff`: a back-channel chat message every
 *   ~10 s and a reaction every ~5 s each (exponential intervals);
 * - 2 audience members on `audience`: a question every ~20 s each;
 * - moderator: approves every audience question it sees (into `moderation`);
 * - guest on `stage`: a record every ~15 s (a new key in `transcriptFlags`);
 * - everyone: presence (awareness) on every connection, renewed every 15 s by y-protocols.
 * Readers: host reads stage and audience, interviewer reads stage and
 * moderation, moderator reads audience, audience read moderation (and only
 * append to `audience`: they never receive each other's questions).
 */
import type * as Y from 'yjs';
import type { DocKind, Role } from '../../src/domain/access';
import { REACTION_KINDS } from '../../src/sync/staff-doc';

export interface Stream {
  /** Y.Array the messages are pushed to. */
  array: string;
  kind: DocKind;
  /** Mean interval between messages, ms; null = reactive (moderator approvals). */
  meanIntervalMs: number | null;
}

export interface Person {
  key: string;
  role: Role;
  docs: DocKind[];
  writes: Stream[];
}

export const PEOPLE: readonly Person[] = [
  {
    key: 'host',
    role: 'host',
    docs: ['staff', 'stage', 'audience'],
    writes: [
      { array: 'chat', kind: 'staff', meanIntervalMs: 10_000 },
      { array: 'reactions', kind: 'staff', meanIntervalMs: 5_000 },
    ],
  },
  {
    key: 'interviewer',
    role: 'interviewer',
    docs: ['staff', 'stage', 'moderation'],
    writes: [
      { array: 'chat', kind: 'staff', meanIntervalMs: 10_000 },
      { array: 'reactions', kind: 'staff', meanIntervalMs: 5_000 },
    ],
  },
  {
    key: 'moderator',
    role: 'moderator',
    docs: ['staff', 'audience', 'moderation'],
    writes: [
      { array: 'chat', kind: 'staff', meanIntervalMs: 10_000 },
      { array: 'reactions', kind: 'staff', meanIntervalMs: 5_000 },
      { array: 'queue', kind: 'moderation', meanIntervalMs: null },
    ],
  },
  { key: 'guest', role: 'guest', docs: ['stage'], writes: [{ array: 'transcriptFlags', kind: 'stage', meanIntervalMs: 15_000 }] },
  {
    key: 'audience-1',
    role: 'audience',
    docs: ['audience', 'moderation'],
    writes: [{ array: 'submissions', kind: 'audience', meanIntervalMs: 20_000 }],
  },
  {
    key: 'audience-2',
    role: 'audience',
    docs: ['audience', 'moderation'],
    writes: [{ array: 'submissions', kind: 'audience', meanIntervalMs: 20_000 }],
  },
];

/** Arrays carried by each document kind (for observing and for the loss check). */
export const ARRAYS_BY_KIND: Partial<Record<DocKind, string[]>> = {
  staff: ['chat', 'reactions'],
  audience: ['submissions'],
  moderation: ['queue'],
  stage: ['transcriptFlags'],
};

/**
 * Streams go to the documents' real top-level names (the server refuses any other, src/domain/doc-schema.ts). The
 * guest's is a map in the app (`transcriptFlags`): each message is a new key there, so the count still proves no loss.
 */
const MAP_STREAMS = new Set(['transcriptFlags']);

export function isMapStream(name: string): boolean {
  return MAP_STREAMS.has(name);
}

/** Appends one message to a stream (a new key for map streams). */
export function appendMessage(doc: Y.Doc, stream: string, msg: BenchMessage): void {
  if (isMapStream(stream)) doc.getMap<BenchMessage>(stream).set(`${msg.s}#${msg.k}`, msg);
  else doc.getArray<BenchMessage>(stream).push([msg]);
}

/** Messages a document holds in a stream. */
export function messageCount(doc: Y.Doc, stream: string): number {
  return isMapStream(stream) ? doc.getMap(stream).size : doc.getArray(stream).length;
}

/**
 * One message as pushed into a Y.Array: the bench's own fields (sender, its count, and `t`, performance.now() of the
 * sender, the same process as every receiver) and, for the streams the app reads, the app's record around them.
 */
export interface BenchMessage {
  s: string;
  k: number;
  t: number;
  [field: string]: unknown;
}

/**
 * The message a person sends on a stream. Chat messages, reactions and audience questions are records the app's
 * readers accept (src/sync/staff-doc.ts ChatMessage and Reaction, audience-doc.ts Submission, in the sender's own
 * name as the server requires), so the server's per-update hooks (the results projection's counts, the staff lists'
 * reads) do the work a real session gives them: records that fail their schema cost a failed parse and count for
 * nothing, which is neither a real session's work nor its cost. The extra bench fields are dropped by the readers'
 * parse. The moderator's approvals (`queue`) and the guest's `transcriptFlags` keys stay bench records: the app's are
 * a decision map plus an id list, and a whole record per recording.
 */
export function benchMessage(stream: string, sender: string, role: Role, k: number, t: number, body: string): BenchMessage {
  const id = `${sender}#${k}`;
  const at = Date.now();
  switch (stream) {
    case 'chat':
      return { s: sender, k, t, id, text: body, by: sender, role, at };
    case 'reactions':
      return { s: sender, k, t, id, kind: REACTION_KINDS[k % REACTION_KINDS.length]!, questionId: 'q-1', questionIndex: 0, recordingId: null, momentMs: null, by: sender, role, at };
    case 'submissions':
      return { s: sender, k, t, id, text: body, author: sender, authorKey: sender, at };
    default:
      return { s: sender, k, t, body };
  }
}

export const CONNECTIONS_PER_SESSION = PEOPLE.reduce((n, p) => n + p.docs.length, 0);
