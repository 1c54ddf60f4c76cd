/**
 * What a person reads when their link does not work: one sentence that says what happened and what to do, for
 * the role the link was made for. The host cannot "ask the host"; a guest cannot restart the server. The server
 * answers every refused token with these words (sync-server/http/auth.ts), and the app says the same when an open
 * sync connection is closed for the same reason (src/sync/sync-status.ts). Pure: no DOM, no network.
 */
import type { Role } from './access';

/** Why a token was refused; the server's token check names one of these (sync-server/auth/tokens.ts). */
export const LINK_PROBLEMS = ['missing', 'malformed', 'bad-signature', 'expired', 'revoked'] as const;
export type LinkProblem = (typeof LINK_PROBLEMS)[number];

export function isLinkProblem(value: string): value is LinkProblem {
  return (LINK_PROBLEMS as readonly string[]).includes(value);
}

/** A new host link comes from the server's start (printed) or from another device's start page. */
const NEW_HOST_LINK = 'start the server with `npm start -- --new-host-link` to print a new one, or make one on the start page of a device where your host link still works';

/**
 * The sentence for a refused link. `role` is the role the link claims (read without trusting it, only to choose
 * the words), or null when it cannot be read.
 */
export function linkProblemSentence(problem: LinkProblem, role: Role | null): string {
  if (role === 'host') {
    switch (problem) {
      case 'missing':
        return 'Open InterQ with your host link: the server printed it when it started.';
      case 'malformed':
        return `This host link is incomplete: copy the whole link, or ${NEW_HOST_LINK}.`;
      case 'bad-signature':
        return `This host link was not made by this InterQ server (or was changed after it was made): ${NEW_HOST_LINK}.`;
      case 'expired':
        return `This host link has expired: ${NEW_HOST_LINK}.`;
      case 'revoked':
        return `This host link was revoked: ${NEW_HOST_LINK}.`;
    }
  }
  switch (problem) {
    case 'missing':
      return 'Open the whole link from your invitation: the part that lets you in is missing. If it still does not work, ask the host for a new link.';
    case 'malformed':
      return 'Your link is incomplete: open the whole link from your invitation, or ask the host for a new one.';
    case 'bad-signature':
      return 'Your link was not made by this InterQ server, or it was changed after it was sent: ask the host for a new link.';
    case 'expired':
      return 'Your link has expired: ask the host for a new one.';
    case 'revoked':
      return 'The host withdrew your link: ask the host for a new one if you should still take part.';
  }
}

/**
 * Why the sync server closed an open connection or refused it, in words for the person (the server's close reasons
 * are short technical phrases: "token revoked", "interview deleted", "the document is full: ...").
 */
export function syncRefusalSentence(reason: string | undefined, role: Role | null): string {
  const r = (reason ?? '').trim();
  const token = /^token (\S+)$/.exec(r);
  if (token && isLinkProblem(token[1]!)) return linkProblemSentence(token[1], role);
  if (r === 'interview deleted' || r === 'this interview was deleted') return 'The host deleted this interview: nothing more can be synced for it.';
  if (r.startsWith('the document is full') || r.includes('at most')) {
    return 'This interview has reached the size the server keeps for it, so this change was not synced. Tell the host; what you did is kept on this device.';
  }
  if (r === 'token is for another interview') return 'Your link is for another interview: open the link the host sent for this one.';
  if (/^role \S+ may not open/.test(r)) return 'Your link does not give access to this part of the interview.';
  return 'The server stopped syncing with this link. Ask the host for a new link; what you did is kept on this device.';
}
