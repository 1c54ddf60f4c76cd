/**
 * Records in shared documents name their author, and every screen shows that name: `by` and `role` on staff chat,
 * reactions and ratings (staff document) and on moderation decisions and the approved queue (moderation document),
 * `author` on audience questions. Yjs cannot say who wrote an item, so without a check here any staff login could
 * post in the back-channel as the host, or rate an answer as another interviewer. The server therefore accepts new
 * records only in the name of the connection's own token (its `sub` and `role`, which the app uses for these fields).
 * Presence is held to the same rule (`name` and `role`, src/sync/presence.ts): the presence bar and the guest's
 * "your interviewer is here" would otherwise show whoever someone claims to be.
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { TokenClaims } from '../auth/tokens';
import type { DecodedUpdate } from './protocol';

/** Per document kind, the record fields that name the author, and which token claim each must equal. */
const AUTHOR_FIELDS: Partial<Record<DocKind, Record<string, 'sub' | 'role'>>> = {
  staff: { by: 'sub', role: 'role' },
  moderation: { by: 'sub', role: 'role' },
  audience: { author: 'sub' },
  support: { by: 'sub', role: 'role' },
};

/**
 * Null when every record the update (decoded once by protocol.ts) adds is in the writer's own name, or the kind has
 * no authored records; otherwise why it is refused. Items the document already holds are skipped: a client that
 * re-sends what it received from others (its sync step 2 after a reconnect) is not writing them.
 */
export function authorshipViolation(update: DecodedUpdate, doc: Y.Doc, kind: DocKind, claims: Pick<TokenClaims, 'sub' | 'role'>): string | null {
  const fields = AUTHOR_FIELDS[kind];
  if (!fields) return null;
  for (const struct of update.structs) {
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

/** Null when a presence state (parsed by protocol.ts) is in the connection's own name or names no one; otherwise why not. */
export function presenceViolation(state: Record<string, unknown> | null, claims: Pick<TokenClaims, 'sub' | 'role'>): string | null {
  if (state === null) return null;
  const { name, role } = state;
  if (name !== undefined && name !== claims.sub) return `presence must be in your own name: name is ${JSON.stringify(String(name).slice(0, 80))}, your link is for ${JSON.stringify(claims.sub)}`;
  if (role !== undefined && role !== claims.role) return `presence must be in your own role: role is ${JSON.stringify(String(role).slice(0, 40))}, your link is for ${JSON.stringify(claims.role)}`;
  return null;
}
