/**
 * Signed, expiring role tokens carried by invite links.
 *
 * Format: base64url(JSON claims) "." base64url(HMAC-SHA256(secret, first part)).
 * The claims are readable by anyone holding the link (they name the role and the
 * interview, nothing secret); the signature stops anyone from forging or widening them.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../../src/domain/access';

/** `*` lets a host token cover every interview on this server (the host's own workspace). */
export const ANY_INTERVIEW = '*';

export interface TokenClaims {
  /** Interview id, or ANY_INTERVIEW. */
  iid: string;
  role: Role;
  /** The person: display name or stable id. */
  sub: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Unique token id, used for revocation. */
  jti: string;
}

export type TokenError = 'malformed' | 'bad-signature' | 'expired' | 'revoked';

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; error: TokenError };

function sign(secret: Buffer, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

export function mintToken(
  secret: Buffer,
  claims: Omit<TokenClaims, 'jti' | 'exp'> & { ttlSec: number; jti?: string },
  now = Date.now(),
): string {
  const full: TokenClaims = {
    iid: claims.iid,
    role: claims.role,
    sub: claims.sub,
    exp: Math.floor(now / 1000) + claims.ttlSec,
    jti: claims.jti ?? randomBytes(9).toString('base64url'),
  };
  const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

function isClaims(v: unknown): v is TokenClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.iid === 'string' &&
    typeof c.sub === 'string' &&
    typeof c.jti === 'string' &&
    typeof c.exp === 'number' &&
    typeof c.role === 'string' &&
    (ROLES as readonly string[]).includes(c.role)
  );
}

export function verifyToken(
  secret: Buffer,
  token: string,
  isRevoked: (jti: string) => boolean = () => false,
  now = Date.now(),
): VerifyResult {
  if (typeof token !== 'string' || token.length > 2048) return { ok: false, error: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, error: 'malformed' };
  const [payload, sig] = parts as [string, string];
  const expected = sign(secret, payload);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: 'bad-signature' };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, error: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, error: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, error: 'expired' };
  if (isRevoked(claims.jti)) return { ok: false, error: 'revoked' };
  return { ok: true, claims };
}

/**
 * The role a token's payload names, read WITHOUT checking the signature: only to choose the words of a refusal
 * (src/domain/link-errors.ts), never to grant anything. Null when unreadable.
 */
export function claimedRole(token: string): Role | null {
  try {
    const c = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { role?: unknown };
    return typeof c.role === 'string' && (ROLES as readonly string[]).includes(c.role) ? (c.role as Role) : null;
  } catch {
    return null;
  }
}

export function tokenCoversInterview(claims: TokenClaims, interviewId: string): boolean {
  return claims.iid === ANY_INTERVIEW || claims.iid === interviewId;
}
