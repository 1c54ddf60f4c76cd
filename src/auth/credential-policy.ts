/**
 * Which credential a device keeps when a link brings a token for a scope it
 * already holds. Pure, so the rule is tested without IndexedDB.
 */
import type { Credential } from '../storage/db';

/** The scope of a token that covers every interview (a host's workspace, a reviewer's dashboard). */
export const ANY_INTERVIEW = '*';

/**
 * A link's token replaces the stored one, except that a host's unexpired
 * workspace credential (scope `*`) is never replaced by another role's: a reviewer link
 * (also scoped to every interview) opened on the host's own device, say to try
 * it, would otherwise lock the host out of planning and every live session. The
 * host's token already reads everything the reviewer's would.
 */
export function linkReplacesStored(stored: Credential | undefined, incoming: Credential, now: number): boolean {
  if (!stored || stored.expiresAt <= now || stored.scope !== ANY_INTERVIEW) return true;
  return !(stored.role === 'host' && incoming.role !== 'host');
}

/** The scopes that may hold an interview's credential, most specific first: its own link, then a workspace token. */
export function credentialScopes(interviewId: string): string[] {
  return [interviewId, ANY_INTERVIEW];
}
