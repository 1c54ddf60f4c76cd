/**
 * The decision taken during the HTTP upgrade, before any WebSocket exists:
 * which document is asked for, whose token it is, and whether that role may
 * read it at all. Pure: no sockets, no database (revocation comes in as a function).
 */
import { accessFor, parseDocName, type Access, type DocKind } from '../../src/domain/access';
import { SESSION_ID_PATTERN } from '../../src/domain/interview';
import { tokenCoversInterview, verifyToken, type TokenClaims } from '../auth/tokens';
import { tokenFromProtocols } from '../../src/domain/sync-auth';

export const SYNC_PATH_PREFIX = '/sync/';

export type UpgradeDecision =
  | { ok: true; docName: string; interviewId: string; kind: DocKind; claims: TokenClaims; access: Exclude<Access, 'none'> }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export function authorizeUpgrade(
  rawUrl: string | undefined,
  secret: Buffer,
  isRevoked: (jti: string) => boolean,
  now = Date.now(),
  /** The request's Sec-WebSocket-Protocol header, where the app's client puts its token (src/domain/sync-auth.ts). */
  protocolHeader?: string,
): UpgradeDecision {
  let url: URL;
  try {
    url = new URL(rawUrl ?? '', 'http://collab.invalid');
  } catch {
    return { ok: false, status: 404, reason: 'unknown path' };
  }
  if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return { ok: false, status: 404, reason: 'unknown path' };
  let name: string;
  try {
    name = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
  } catch {
    return { ok: false, status: 404, reason: 'unknown document' };
  }
  const parsed = parseDocName(name);
  if (!parsed || !SESSION_ID_PATTERN.test(parsed.interviewId)) return { ok: false, status: 404, reason: 'unknown document' };

  // The app sends its token in the protocol header, never in the URL; `?token=` stays for stock y-websocket clients.
  const token = tokenFromProtocols(protocolHeader) ?? url.searchParams.get('token');
  if (!token) return { ok: false, status: 401, reason: 'missing token' };
  const verified = verifyToken(secret, token, isRevoked, now);
  if (!verified.ok) return { ok: false, status: 401, reason: `token ${verified.error}` };
  const claims = verified.claims;
  if (!tokenCoversInterview(claims, parsed.interviewId)) {
    return { ok: false, status: 403, reason: 'token is for another interview' };
  }
  const access = accessFor(claims.role, parsed.kind);
  if (access === 'none') return { ok: false, status: 403, reason: `role ${claims.role} may not open ${parsed.kind} documents` };
  return { ok: true, docName: name, interviewId: parsed.interviewId, kind: parsed.kind, claims, access };
}
