import type { IncomingMessage } from 'node:http';
import { claimedRole, verifyToken, type TokenClaims } from '../auth/tokens';
import { linkProblemSentence } from '../../src/domain/link-errors';
import { HttpError, storageUnavailable } from './json';

/**
 * Reads `Authorization: Bearer <token>` and verifies it, or throws a 401 naming the reason. The revocation is read
 * from the store after the signature checks out (it may be PostgreSQL, where another node revoked the token).
 */
export async function requireToken(req: IncomingMessage, secret: Buffer, isRevoked: (jti: string) => Promise<boolean>): Promise<TokenClaims> {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)$/.exec(header);
  if (!m) throw new HttpError(401, linkProblemSentence('missing', null), 'link-missing');
  const result = verifyToken(secret, m[1]!);
  // The words depend on whose link it is (the host cannot "ask the host"); the claimed role only picks the words.
  if (!result.ok) throw new HttpError(401, linkProblemSentence(result.error, claimedRole(m[1]!)), `link-${result.error}`);
  // Revocations live in the database (PostgreSQL with several nodes): while it does not answer, the link cannot be
  // checked, so the request is refused with a sentence the client can retry on, never served unchecked.
  let revoked: boolean;
  try {
    revoked = await isRevoked(result.claims.jti);
  } catch {
    throw storageUnavailable('The server cannot check this link just now (its database did not answer). Try again in a moment.');
  }
  if (revoked) throw new HttpError(401, linkProblemSentence('revoked', claimedRole(m[1]!)), 'link-revoked');
  return result.claims;
}

export function requireHost(claims: TokenClaims): void {
  if (claims.role !== 'host') throw new HttpError(403, 'Only a host may do this.');
}
