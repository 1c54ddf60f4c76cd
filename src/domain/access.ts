/**
 * Who may read and write which part of an interview. Yjs cannot restrict single
 * fields, so every interview is split into documents by audience, and access is
 * decided per document kind. The sync server enforces this table; the app uses
 * it to decide which documents to open at all.
 */
/**
 * `reviewer`: the hiring committee's read-only link to the results dashboard. It opens no document: it reads
 * results, syntheses and reports through /api/admin/* (never the answer key's hidden tests), and its manual ratings
 * are written by the server into `<id>.staff` in its own name.
 */
export const ROLES = ['host', 'interviewer', 'guest', 'tech-support', 'moderator', 'audience', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `plan`: the published questions as the guest sees them (no rubric, no hidden tests).
 * - `key`: reference answers, key concepts, hidden tests: staff only.
 * - `stage`: the guest's progress and answers; the guest writes it, the host overrides.
 * - `staff`: back-channel chat, reactions, notes, manual ratings.
 * - `assessment`: first-pass scores, transcripts made on staff devices and who is transcribing what. Only the
 *   devices that hold the answer key (host, interviewer) write it, so a moderator or tech-support login cannot
 *   forge a score or a transcript that the sync server would then copy to the guest's stage document.
 * - `audience`: questions submitted by the audience (audience members append here, without reading).
 * - `moderation`: the moderator's decisions and the approved queue the interviewer
 *   reads; separate from `audience` so an audience member cannot approve anything.
 * - `support`: technical incidents the guest's device records (the Friction Score's events), what tech support or
 *   the host did about them (guided fix, microphone check, technical block) and the guest's device's outcome. Apart
 *   from `stage` so tech support can write it without being able to touch the guest's session or answers.
 * - `code`: the guest's code as it is typed (every edit, runs, submits), for staff to watch and replay. The guest's
 *   device is its only writer, and only adds to it (APPEND_ONLY_KINDS): the history staff replay cannot be rewritten.
 */
export const DOC_KINDS = ['plan', 'key', 'stage', 'staff', 'assessment', 'audience', 'moderation', 'support', 'code'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/**
 * `append`: may add records but never receives what anyone else wrote (the server accepts the connection's updates,
 * sends it nothing of the document and refuses deletions of others' records). Audience members append questions
 * this way, so nobody in the audience reads another's question before, or unless, a moderator approves it.
 */
export type Access = 'none' | 'read' | 'write' | 'append';

const TABLE: Record<DocKind, Record<Role, Access>> = {
  plan: { host: 'write', interviewer: 'read', guest: 'read', 'tech-support': 'read', moderator: 'read', audience: 'none', reviewer: 'none' },
  key: { host: 'write', interviewer: 'read', guest: 'none', 'tech-support': 'none', moderator: 'none', audience: 'none', reviewer: 'none' },
  stage: { host: 'write', interviewer: 'read', guest: 'write', 'tech-support': 'read', moderator: 'read', audience: 'none', reviewer: 'none' },
  staff: { host: 'write', interviewer: 'write', guest: 'none', 'tech-support': 'write', moderator: 'write', audience: 'none', reviewer: 'none' },
  assessment: { host: 'write', interviewer: 'write', guest: 'none', 'tech-support': 'read', moderator: 'read', audience: 'none', reviewer: 'none' },
  audience: { host: 'write', interviewer: 'read', guest: 'none', 'tech-support': 'none', moderator: 'read', audience: 'append', reviewer: 'none' },
  moderation: { host: 'write', interviewer: 'read', guest: 'none', 'tech-support': 'none', moderator: 'write', audience: 'read', reviewer: 'none' },
  support: { host: 'write', interviewer: 'read', guest: 'write', 'tech-support': 'write', moderator: 'read', audience: 'none', reviewer: 'none' },
  code: { host: 'read', interviewer: 'read', guest: 'write', 'tech-support': 'read', moderator: 'read', audience: 'none', reviewer: 'none' },
};

/**
 * Documents whose writers may only add (no deletion of any item, their own included), whatever their access: the
 * code document's edit log is what staff replay, so the candidate's device may not rewrite it.
 */
export const APPEND_ONLY_KINDS: ReadonlySet<DocKind> = new Set<DocKind>(['code']);

export function accessFor(role: Role, kind: DocKind): Access {
  return TABLE[kind][role];
}

/** Whether the role may connect to the document at all (to read, write or append). */
export function canOpen(role: Role, kind: DocKind): boolean {
  return accessFor(role, kind) !== 'none';
}

/** Whether the role receives the document's content. */
export function canRead(role: Role, kind: DocKind): boolean {
  const a = accessFor(role, kind);
  return a === 'read' || a === 'write';
}

/** Whether the role may change the document (append-only roles may only add records of their own). */
export function canWrite(role: Role, kind: DocKind): boolean {
  const a = accessFor(role, kind);
  return a === 'write' || a === 'append';
}

/** `{interviewId}.{kind}`; interview ids are URL-safe (see SESSION_ID_PATTERN). */
export function docName(interviewId: string, kind: DocKind): string {
  return `${interviewId}.${kind}`;
}

export function parseDocName(name: string): { interviewId: string; kind: DocKind } | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const kind = name.slice(dot + 1) as DocKind;
  if (!DOC_KINDS.includes(kind)) return null;
  return { interviewId: name.slice(0, dot), kind };
}
