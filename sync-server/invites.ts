/** Issuing and revoking role links. Every issued token is recorded so the host can see and revoke it. */
import { z } from 'zod';
import { ROLES } from '../src/domain/access';
import { SESSION_ID_PATTERN } from '../src/domain/interview';
import { ANY_INTERVIEW, mintToken, verifyToken } from './auth/tokens';
import type { Db } from './db/open';
import type { DocumentStorage } from './storage/document-storage';
import { recordSqliteInvite, type InviteRecord, type InviteStore, type ListedInvite } from './storage/invite-store';

/** Where revocations are kept: the same store as the documents (SQLite, or PostgreSQL shared by every node). */
export type Revocations = Pick<DocumentStorage, 'isRevoked' | 'revoke' | 'allRevoked'>;

export const InviteRequest = z.object({
  interviewId: z.string().regex(SESSION_ID_PATTERN, 'interviewId must be a session identifier'),
  role: z.enum(ROLES).refine((r) => r !== 'host', "host links are made on the host's start page (POST /api/host-links) or printed at server start"),
  subject: z.string().trim().min(1).max(80),
});
export type InviteRequest = z.infer<typeof InviteRequest>;

export interface Invite {
  jti: string;
  token: string;
  url: string;
  role: string;
  subject: string;
  expiresAt: number;
}

/** Join links keep the token in the fragment: it never reaches server logs or a Referer header. */
export function joinUrl(publicUrl: string, interviewId: string, token: string): string {
  return `${publicUrl}/join/${encodeURIComponent(interviewId)}#t=${token}`;
}

export function hostUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/#host=${token}`;
}

/** A host link as the host's screen lists it (the token itself is never stored: only the link's id). */
export interface HostLinkRecord {
  jti: string;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
}

export function createInvites(db: Db, store: InviteStore, revocations: Revocations, secret: Buffer, publicUrl: string, inviteDays: number, hostLinkDays = 30) {
  /** Recorded in the shared store; with PostgreSQL also in the node's SQLite, whose read models join it (candidate names). */
  async function record(invite: InviteRecord): Promise<void> {
    await store.record(invite);
    if (store.backend !== 'sqlite') recordSqliteInvite(db, invite);
  }

  // Host links are recorded like invites, under the workspace's interview id `*` (no interview has that id).
  async function listHostLinks(): Promise<HostLinkRecord[]> {
    const links = (await store.listFor(ANY_INTERVIEW)).filter((l) => l.role === 'host');
    const revoked = await Promise.all(links.map((l) => revocations.isRevoked(l.jti)));
    return links.map((r, i) => ({ jti: r.jti, createdAt: r.createdAt, expiresAt: r.expiresAt, revoked: revoked[i]! }));
  }

  return {
    /** Asked at every API request: another node may have revoked the token, so it is read from the store. */
    isRevoked: (jti: string): Promise<boolean> => revocations.isRevoked(jti),
    async issue(req: InviteRequest): Promise<Invite> {
      const token = mintToken(secret, { iid: req.interviewId, role: req.role, sub: req.subject, ttlSec: inviteDays * 86400 });
      const claims = verifyToken(secret, token);
      if (!claims.ok) throw new Error('freshly minted token failed to verify');
      await record({ jti: claims.claims.jti, interviewId: req.interviewId, role: req.role, subject: req.subject, expiresAt: claims.claims.exp * 1000, createdAt: Date.now() });
      return {
        jti: claims.claims.jti,
        token,
        url: joinUrl(publicUrl, req.interviewId, token),
        role: req.role,
        subject: req.subject,
        expiresAt: claims.claims.exp * 1000,
      };
    },
    list: (interviewId: string): Promise<ListedInvite[]> => store.listFor(interviewId),
    /** Records a link minted elsewhere (the dashboard's reviewer links), so it is listed and revocable like an invite. */
    record,
    /** Mints a host link for the whole workspace and records it, so it can be listed and revoked. */
    async issueHostLink(now = Date.now()): Promise<Invite> {
      const token = mintToken(secret, { iid: ANY_INTERVIEW, role: 'host', sub: 'host', ttlSec: hostLinkDays * 86400 }, now);
      const claims = verifyToken(secret, token, undefined, now);
      if (!claims.ok) throw new Error('freshly minted token failed to verify');
      await record({ jti: claims.claims.jti, interviewId: ANY_INTERVIEW, role: 'host', subject: 'host', expiresAt: claims.claims.exp * 1000, createdAt: now });
      return { jti: claims.claims.jti, token, url: hostUrl(publicUrl, token), role: 'host', subject: 'host', expiresAt: claims.claims.exp * 1000 };
    },
    hostLinks: listHostLinks,
    /** Host links that still open the workspace: recorded, not revoked, not expired. */
    async validHostLinks(now = Date.now()): Promise<HostLinkRecord[]> {
      return (await listHostLinks()).filter((l) => !l.revoked && l.expiresAt > now);
    },
    revoke(jti: string): Promise<void> {
      return revocations.revoke(jti, Date.now());
    },
  };
}

export type Invites = ReturnType<typeof createInvites>;
