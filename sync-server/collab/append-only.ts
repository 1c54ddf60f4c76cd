/**
 * What an append-only connection (access `append`, the audience) may send: new content, never a deletion. Such a
 * client never receives the document, so any deletion it sends is of something it could not have seen, or of its
 * own record, which the app never does (a question, once sent, is for the moderator to decide on).
 */
import * as Y from 'yjs';

/** Null when the update only adds; otherwise why it is refused. */
export function appendOnlyViolation(update: Uint8Array): string | null {
  let ds: { clients: Map<number, unknown[]> };
  try {
    ds = Y.decodeUpdate(update).ds as unknown as { clients: Map<number, unknown[]> };
  } catch {
    return 'the update could not be read';
  }
  for (const ranges of ds.clients.values()) if (ranges.length > 0) return 'append-only connections may add records but not delete any';
  return null;
}
