/**
 * Role tokens held by this device. Links carry the token in the URL fragment
 * (`#host=…` or `#t=…`); it is stored in IndexedDB and removed from the address
 * bar, so reloads and offline starts keep working without the link.
 */
import { appDb, type Credential } from '../storage/db';
import { ANY_INTERVIEW, linkReplacesStored } from './credential-policy';
import { decodeClaims } from './token-claims';

export { ANY_INTERVIEW };

/** Stores the link's token, unless the device's host credential outranks it (see credential-policy.ts); returns the one held. */
export async function captureLinkToken(loc: Location = window.location): Promise<Credential | null> {
  const params = new URLSearchParams(loc.hash.replace(/^#/, ''));
  const token = params.get('host') ?? params.get('t');
  if (!token) return null;
  const claims = decodeClaims(token);
  history.replaceState(history.state, '', loc.pathname + loc.search);
  if (!claims) return null;
  const credential: Credential = {
    scope: claims.iid,
    token,
    role: claims.role,
    subject: claims.sub,
    expiresAt: claims.exp * 1000,
  };
  const db = appDb();
  return db.transaction('rw', db.credentials, async () => {
    const stored = await db.credentials.get(credential.scope);
    if (!linkReplacesStored(stored, credential, Date.now())) return stored!;
    await db.credentials.put(credential);
    return credential;
  });
}

/** The most specific unexpired credential for an interview: its own link first, then a host workspace token. */
export async function credentialFor(interviewId: string): Promise<Credential | null> {
  const db = appDb();
  const now = Date.now();
  for (const scope of [interviewId, ANY_INTERVIEW]) {
    const c = await db.credentials.get(scope);
    if (c && c.expiresAt > now) return c;
  }
  return null;
}

export async function hostCredential(): Promise<Credential | null> {
  const c = await appDb().credentials.get(ANY_INTERVIEW);
  return c && c.expiresAt > Date.now() && c.role === 'host' ? c : null;
}
