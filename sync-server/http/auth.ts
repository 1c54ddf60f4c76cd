import type { IncomingMessage } from 'node:http';
import { verifyToken, type TokenClaims } from '../auth/tokens';
import { HttpError } from './json';

/** Reads `Authorization: Bearer <token>` and verifies it, or throws a 401 naming the reason. */
export function requireToken(req: IncomingMessage, secret: Buffer, isRevoked: (jti: string) => boolean): TokenClaims {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/.exec(header);
  if (!m) throw new HttpError(401, 'Missing bearer token: open the app through your invite or host link.');
  const result = verifyToken(secret, m[1]!, isRevoked);
  if (!result.ok) throw new HttpError(401, `Token ${result.error}: ask the host for a new link.`);
  return result.claims;
}

export function requireHost(claims: TokenClaims): void {
  if (claims.role !== 'host') throw new HttpError(403, 'Only a host may do this.');
}
