/**
 * What an append-only connection (access `append`, the audience) may send: new content, never a deletion. Such a
 * client never receives the document, so any deletion it sends is of something it could not have seen, or of its
 * own record, which the app never does (a question, once sent, is for the moderator to decide on). The same check
 * holds every writer of an append-only kind (APPEND_ONLY_KINDS in src/domain/access.ts: the guest's code history).
 */
import type { DecodedUpdate } from './protocol';

/** Null when the update (decoded once by protocol.ts) only adds; otherwise why it is refused. */
export function appendOnlyViolation(update: DecodedUpdate): string | null {
  const ds = update.ds as unknown as { clients: Map<number, unknown[]> };
  for (const ranges of ds.clients.values()) if (ranges.length > 0) return 'append-only connections may add records but not delete any';
  return null;
}
