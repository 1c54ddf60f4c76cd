import type { IncomingMessage } from 'node:http';
import { claimedRole, verifyToken, type TokenClaims } from '../auth/tokens';
import { linkProblemSentence } from '../../src/domain/link-errors';
import { HttpError } from './json';

/** Reads `Authorization: Bearer <token>` and verifies it, or throws a 401 naming the reason. */
export function requireToken(req: IncomingMessage, secret: Buffer, isRevoked: (jti: string) => boolean): TokenClaims {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/.exec(header);
  if (!m) throw new HttpError(401, linkProblemSentence('missing', null), 'link-missing');
  const result = verifyToken(secret, m[1]!, isRevoked);
  // The words depend on whose link it is (the host cannot "ask the host"); the claimed role only picks the words.
  if (!result.ok) throw new HttpError(401, linkProblemSentence(result.error, claimedRole(m[1]!)), `link-${result.error}`);
  return result.claims;
}

export function requireHost(claims: TokenClaims): void {
  if (claims.role !== 'host') throw new HttpError(403, 'Only a host may do this.');
}
