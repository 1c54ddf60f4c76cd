/**
 * Records in shared documents name their author, and every screen shows that name: `by` and `role` on staff chat,
 * reactions and ratings (staff document) and on moderation decisions and the approved queue (moderation document),
 * `author` on audience questions. Yjs cannot say who wrote an item, so without a check here any staff login could
 * post in the back-channel as the host, or rate an answer as another interviewer. The server therefore accepts new
 * records only in the name of the connection's own token (its `sub` and `role`, which the app uses for these fields).
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { TokenClaims } from '../auth/tokens';

/** Per document kind, the record fields that name the author, and which token claim each must equal. */
const AUTHOR_FIELDS: Partial<Record<DocKind, Record<string, 'sub' | 'role'>>> = {
  staff: { by: 'sub', role: 'role' },
  moderation: { by: 'sub', role: 'role' },
  audience: { author: 'sub' },
};

/**
 * Null when every record the update adds is in the writer's own name (or the kind has no authored records);
 * otherwise why it is refused. Items the document already holds are skipped: a client that re-sends what it
 * received from others (its sync step 2 after a reconnect) is not writing them.
 */
export function authorshipViolation(update: Uint8Array, doc: Y.Doc, kind: DocKind, claims: Pick<TokenClaims, 'sub' | 'role'>): string | null {
  const fields = AUTHOR_FIELDS[kind];
  if (!fields) return null;
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return 'the update could not be read';
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    for (const value of struct.content.arr) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const [field, claim] of Object.entries(fields)) {
        const named = (value as Record<string, unknown>)[field];
        if (named !== undefined && named !== claims[claim]) {
          return `records must be in your own name: ${field} is ${JSON.stringify(String(named).slice(0, 80))}, your link is for ${JSON.stringify(claims[claim])}`;
        }
      }
    }
  }
  return null;
}
