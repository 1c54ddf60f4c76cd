/**
 * What each shared document may hold. Yjs accepts any structure from any writer, so the sync server checks every
 * incoming struct against this allow-list (sync-server/collab/update-policy.ts): each document kind has a fixed set
 * of top-level maps and arrays, and every value in them is a plain JSON record (Yjs's `ContentAny`). No other content
 * kind is ever written by the app — no text, embeds, formats, binary, sub-documents, nested types, nor the legacy
 * `ContentJSON` encoding, which reads back as the same plain objects and so would slip past a check that only looks
 * at `ContentAny`. Deleted placeholders (`ContentDeleted`) are allowed: a client that deleted its own unsent record
 * sends it that way.
 *
 * Per root: which record fields name the author and which token claim they must equal, and which roles may add
 * records at all (the access table in access.ts decides who may write the document; this narrows it per root).
 * Sizes: a cap per record and per stored document, by kind, so one link cannot grow a document without bound.
 */
import type { DocKind, Role } from './access';

export type RootType = 'map' | 'array';

export interface RootRule {
  type: RootType;
  /** Record fields naming the author, and the token claim (`sub`: the link's name, `role`) each must equal. */
  author?: Readonly<Record<string, 'sub' | 'role'>>;
  /** Roles that may add records here; absent: every role that may write the document. */
  writers?: readonly Role[];
  /** Records here are a log: nobody may delete one. */
  appendOnly?: boolean;
}

export interface DocSizeCaps {
  /** Largest stored size of the document (snapshot plus later updates), in bytes. */
  maxDocBytes: number;
  /** Largest record (one value, as JSON), in characters. */
  maxRecordBytes: number;
}

export interface DocSchema {
  roots: Readonly<Record<string, RootRule>>;
  caps: DocSizeCaps;
}

const STAFF_AUTHOR = { by: 'sub', role: 'role' } as const;
const KiB = 1024;
const MiB = 1024 * KiB;

export const DOC_SCHEMAS: Readonly<Record<DocKind, DocSchema>> = {
  // Questions as the guest sees them, with code starters: records up to a few hundred KB.
  plan: { roots: { meta: { type: 'map' }, questions: { type: 'array' }, supportPolicy: { type: 'map' } }, caps: { maxDocBytes: 16 * MiB, maxRecordBytes: 512 * KiB } },
  key: { roots: { keys: { type: 'map' } }, caps: { maxDocBytes: 16 * MiB, maxRecordBytes: 512 * KiB } },
  // The guest's state (all answers so far) and transcripts are the largest records of an interview.
  stage: {
    roots: {
      session: { type: 'map' },
      // Host overrides: only the host issues them, in its own name; the guest's device reads them and marks them applied.
      commands: { type: 'array', writers: ['host'], author: { issuedBy: 'sub' }, appendOnly: true },
      applied: { type: 'map' },
      transcripts: { type: 'map' },
      uploads: { type: 'map' },
      aiPolicy: { type: 'map' },
      transcriptFlags: { type: 'map' },
    },
    caps: { maxDocBytes: 32 * MiB, maxRecordBytes: 1 * MiB },
  },
  staff: {
    roots: {
      chat: { type: 'array', author: STAFF_AUTHOR },
      reactions: { type: 'array', author: STAFF_AUTHOR },
      ratings: { type: 'map', author: STAFF_AUTHOR },
      codeComments: { type: 'array', author: STAFF_AUTHOR },
    },
    caps: { maxDocBytes: 8 * MiB, maxRecordBytes: 16 * KiB },
  },
  assessment: {
    roots: { transcriptionClaims: { type: 'map', author: { by: 'sub' } }, staffTranscripts: { type: 'map' }, scores: { type: 'map' } },
    caps: { maxDocBytes: 32 * MiB, maxRecordBytes: 1 * MiB },
  },
  audience: { roots: { submissions: { type: 'array', author: { author: 'sub' } } }, caps: { maxDocBytes: 4 * MiB, maxRecordBytes: 4 * KiB } },
  // Technical incidents, tech support's actions and the guest device's outcome of each, every record in its writer's name.
  support: {
    roots: {
      incidents: { type: 'array', author: STAFF_AUTHOR },
      actions: { type: 'array', author: STAFF_AUTHOR, writers: ['tech-support', 'host'] },
      outcomes: { type: 'map', author: STAFF_AUTHOR, writers: ['guest'] },
    },
    caps: { maxDocBytes: 4 * MiB, maxRecordBytes: 16 * KiB },
  },
  // The guest's code as typed, for staff to replay: one edit (a paste of up to a frame) per record.
  code: { roots: { edits: { type: 'array' }, moments: { type: 'array' } }, caps: { maxDocBytes: 32 * MiB, maxRecordBytes: 2 * MiB } },
  moderation: {
    roots: { decisions: { type: 'map', author: STAFF_AUTHOR }, queue: { type: 'array', author: STAFF_AUTHOR } },
    caps: { maxDocBytes: 4 * MiB, maxRecordBytes: 4 * KiB },
  },
};

/** The rule for a top-level name in a document kind, or null when the document may not hold it. */
export function rootRule(kind: DocKind, root: string): RootRule | null {
  const roots = DOC_SCHEMAS[kind].roots;
  return Object.hasOwn(roots, root) ? roots[root]! : null;
}
