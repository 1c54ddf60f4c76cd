/**
 * Role tokens held by this device, through Dexie. Links carry the token in the URL fragment (`#host=…` or `#t=…`);
 * link-token.ts stores it in IndexedDB (without Dexie, for the guest's first load) and removes it from the address
 * bar, so reloads and offline starts keep working without the link.
 */
import { appDb, type Credential } from '../storage/db';
import { ANY_INTERVIEW, credentialScopes, linkReplacesStored } from './credential-policy';
import { takeLinkCredential } from './link-token';

export { ANY_INTERVIEW };

/**
 * Stores a link's credential through Dexie, unless the device's host credential outranks it (credential-policy.ts);
 * returns the one held. The invite link stores it without Dexie (link-token.ts), and comes here only for a database
 * that Dexie must first upgrade.
 */
export async function storeLinkCredential(credential: Credential): Promise<Credential> {
  const db = appDb();
  return db.transaction('rw', db.credentials, async () => {
    const stored = await db.credentials.get(credential.scope);
    if (!linkReplacesStored(stored, credential, Date.now())) return stored!;
    await db.credentials.put(credential);
    return credential;
  });
}

/** App's way to store the link's token (see link-token.ts's captureLinkToken for the invite link's): through Dexie. */
export async function captureLinkTokenThroughDexie(loc: Location = window.location): Promise<Credential | null> {
  const credential = takeLinkCredential(loc);
  return credential ? storeLinkCredential(credential) : null;
}

/** The most specific unexpired credential for an interview: its own link first, then a host workspace token. */
export async function credentialFor(interviewId: string): Promise<Credential | null> {
  const db = appDb();
  const now = Date.now();
  for (const scope of credentialScopes(interviewId)) {
    const c = await db.credentials.get(scope);
    if (c && c.expiresAt > now) return c;
  }
  return null;
}

export async function hostCredential(): Promise<Credential | null> {
  const c = await appDb().credentials.get(ANY_INTERVIEW);
  return c && c.expiresAt > Date.now() && c.role === 'host' ? c : null;
}
