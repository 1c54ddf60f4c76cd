/**
 * The `<id>.code` document: the guest's code as it is typed, for staff to watch live and replay
 * (src/domain/coding/code-history.ts). The guest's device is its only writer, and the server lets it only add
 * (src/domain/access.ts APPEND_ONLY_KINDS); staff read it. Staff's comments on lines live in the staff document
 * (src/sync/code-comments.ts), which the guest never opens.
 *
 * Layout:
 * - Array `edits`: CodeEdit records `{ q, at, ops }`, one per editor transaction, in typed order.
 * - Array `moments`: CodeMoment records, each "Run examples" result and each submit.
 * - Presence (awareness) field `codeCursor`: `{ q, anchor, head }`, the guest's cursor, not kept.
 *
 * One writer appending at the end keeps the arrays in typed order, offline included (y-indexeddb keeps the edits;
 * they merge once when the connection returns). Everything read back is validated.
 */
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { diffOps, replay, splitEdit, type CodeEdit, type CodeMoment, type EditOp } from '../domain/coding/code-history';
import { z } from '../domain/zod-mini';
import { validRecords } from './valid-records';

/** Longest insert in one record read back (records written here are far smaller: EDIT_RECORD_BYTES). */
export const MAX_EDIT_CHARS = 2_000_000;
/**
 * Largest inserted text (UTF-8) per edit record, each written in its own transaction and so sent in its own sync
 * frame: far below the server's 2 MiB frame limit (sync-server/collab/limits.ts), so a 1 MB paste of three-byte
 * characters syncs as a dozen records instead of closing the connection again on every retry.
 */
export const EDIT_RECORD_BYTES = 256 * 1024;
const questionId = z.string().check(z.minLength(1), z.maxLength(200));
const timestamp = z.number().check(z.nonnegative());
const position = z.number().check(z.int(), z.nonnegative());

export const CodeEditRecord = z.object({
  q: questionId,
  at: timestamp,
  ops: z.array(z.tuple([position, position, z.string().check(z.maxLength(MAX_EDIT_CHARS))])).check(z.minLength(1), z.maxLength(10_000)),
});

export const CodeMomentRecord = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), q: questionId, at: timestamp, passed: position, total: position, loadError: z.nullable(z.string().check(z.maxLength(1000))) }),
  z.object({ kind: z.literal('submit'), q: questionId, at: timestamp }),
]);

const CodeCursor = z.object({ q: questionId, anchor: position, head: position });
export type CodeCursor = z.infer<typeof CodeCursor>;

const editArray = (doc: Y.Doc) => doc.getArray<unknown>('edits');
const momentArray = (doc: Y.Doc) => doc.getArray<unknown>('moments');

/** Appends an edit, split into records of at most EDIT_RECORD_BYTES, one transaction (one sync frame) each. */
export function appendEdit(doc: Y.Doc, edit: CodeEdit): void {
  if (edit.ops.length === 0) return;
  for (const part of splitEdit(edit, EDIT_RECORD_BYTES)) editArray(doc).push([{ q: part.q, at: part.at, ops: part.ops.map((o) => [o[0], o[1], o[2]]) }]);
}

export function appendMoment(doc: Y.Doc, moment: CodeMoment): void {
  momentArray(doc).push([CodeMomentRecord.parse(moment)]);
}

export function readEdits(doc: Y.Doc): CodeEdit[] {
  return validRecords(CodeEditRecord, editArray(doc).toArray()) as CodeEdit[];
}

export function readMoments(doc: Y.Doc): CodeMoment[] {
  return validRecords(CodeMomentRecord, momentArray(doc).toArray()) as CodeMoment[];
}

/**
 * Makes the log end at `text` (the guest's saved draft, which is what the editor shows after a reload): if the two
 * differ (the draft was written and the log was not, or the other way round, before a crash), one edit closes the
 * gap, so the live view and the playback end at exactly what the guest sees.
 */
export function reconcileLog(doc: Y.Doc, q: string, text: string, now: number): boolean {
  const ops: EditOp[] = diffOps(replay(readEdits(doc), q), text);
  if (ops.length === 0) return false;
  appendEdit(doc, { q, at: now, ops });
  return true;
}

/**
 * Follows one question's code as edits arrive: `reset` with the whole text first (and whenever the log changed
 * other than at its end), then `edit` for each new edit. Returns a function that stops following.
 */
export function followCode(doc: Y.Doc, q: string, on: { reset(text: string): void; edit(edit: CodeEdit): void }): () => void {
  const array = editArray(doc);
  let applied = array.length;
  on.reset(replay(readEdits(doc), q));
  const observer = (event: Y.YArrayEvent<unknown>) => {
    const delta = event.changes.delta;
    const appendedAtEnd = delta.length === 2 && delta[0]!.retain === applied && Array.isArray(delta[1]!.insert);
    const onlyInsert = delta.length === 1 && applied === 0 && Array.isArray(delta[0]!.insert);
    if (appendedAtEnd || onlyInsert) {
      const inserted = (appendedAtEnd ? delta[1]!.insert : delta[0]!.insert) as unknown[];
      for (const edit of validRecords(CodeEditRecord, inserted) as CodeEdit[]) if (edit.q === q) on.edit(edit);
    } else {
      on.reset(replay(readEdits(doc), q));
    }
    applied = array.length;
  };
  array.observe(observer);
  return () => array.unobserve(observer);
}

export function publishCursor(awareness: Awareness, cursor: CodeCursor | null): void {
  awareness.setLocalStateField('codeCursor', cursor);
}

/** The guest's cursor on a question, from the code document's presence (only the guest writes the document). */
export function readGuestCursor(awareness: Awareness, q: string): CodeCursor | null {
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const parsed = CodeCursor.safeParse((state as { codeCursor?: unknown }).codeCursor);
    if (parsed.success && parsed.data.q === q) return parsed.data;
  }
  return null;
}
