/**
 * Records in shared documents name their author, and every screen shows that name: `by` and `role` on staff chat,
 * reactions and ratings (staff document) and on moderation decisions and the approved queue (moderation document),
 * `author` on audience questions. Yjs cannot say who wrote an item, so without a check here any staff login could
 * post in the back-channel as the host, or rate an answer as another interviewer. The server therefore accepts new
 * records only in the name of the connection's own token (its `sub` and `role`, which the app uses for these fields):
 * which fields name whom is part of each document's schema (src/domain/doc-schema.ts), checked in update-policy.ts.
 * Presence is held to the same rule (`name` and `role`, src/sync/presence.ts): the presence bar and the guest's
 * "your interviewer is here" would otherwise show whoever someone claims to be.
 */
import type { TokenClaims } from '../auth/tokens';

/** Null when a presence state (parsed by protocol.ts) is in the connection's own name or names no one; otherwise why not. */
export function presenceViolation(state: Record<string, unknown> | null, claims: Pick<TokenClaims, 'sub' | 'role'>): string | null {
  if (state === null) return null;
  const { name, role } = state;
  if (name !== undefined && name !== claims.sub) return `presence must be in your own name: name is ${JSON.stringify(String(name).slice(0, 80))}, your link is for ${JSON.stringify(claims.sub)}`;
  if (role !== undefined && role !== claims.role) return `presence must be in your own role: role is ${JSON.stringify(String(role).slice(0, 40))}, your link is for ${JSON.stringify(claims.role)}`;
  return null;
}
