/**
 * The invite link's token: taken out of the address the moment the app opens, stored on this device before any
 * screen asks for it (so a reload, or an offline start, works without the link), and read back by the invite page.
 * Through IndexedDB itself, not Dexie (storage/first-screen-idb.ts): this runs before the guest's technical check
 * and Dexie is not part of that first load (issue #18). Everything else reads the same rows through Dexie
 * (credentials.ts); the rule for which credential a device keeps is shared (credential-policy.ts).
 */
import type { Credential } from '../storage/db';
import { readRow, StoreMissing, updateRow } from '../storage/first-screen-idb';
import { credentialScopes, linkReplacesStored } from './credential-policy';
import { decodeClaims } from './token-claims';

/** The credential a link's fragment carries (null for none, or a token that cannot be read), taken out of the address bar. */
export function takeLinkCredential(loc: Location = window.location): Credential | null {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const token = params.get('host') ?? params.get('t');
  if (!token) return null;
  const claims = decodeClaims(token);
  history.replaceState(history.state, '', loc.pathname + loc.search);
  if (!claims) return null;
  return {
    scope: claims.iid,
    token,
    role: claims.role,
    subject: claims.sub,
    expiresAt: claims.exp * 1000,
  };
}

/**
 * Stores the link's token without Dexie, unless the device's host credential outranks it (see credential-policy.ts);
 * returns the one held. The invite link's way (JoinApp); App, which loads Dexie anyway, stores through it
 * (credentials.ts), so its live queries, in this tab and others, see the new credential.
 */
export async function captureLinkToken(loc: Location = window.location): Promise<Credential | null> {
  const credential = takeLinkCredential(loc);
  if (!credential) return null;
  try {
    return await updateRow<Credential, Credential>('credentials', credential.scope, (stored) =>
      linkReplacesStored(stored, credential, Date.now()) ? { write: credential, result: credential } : { write: null, result: stored! },
    );
  } catch (error) {
    if (!(error instanceof StoreMissing)) throw error;
    // A database this app did not make (no credentials store): Dexie, the schema's owner, upgrades it and stores the token.
    const { storeLinkCredential } = await import('./credentials');
    return storeLinkCredential(credential);
  }
}

/** The invite page's credential: the interview's own link first, then a workspace token (as credentials.ts's credentialFor). */
export async function readLinkCredential(interviewId: string): Promise<Credential | null> {
  const now = Date.now();
  for (const scope of credentialScopes(interviewId)) {
    const c = await readRow<Credential>('credentials', scope);
    if (c && c.expiresAt > now) return c;
  }
  return null;
}
