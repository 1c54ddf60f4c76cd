/**
 * The host's own links, recorded like invites: list them, mint a new one (to move to a new device, or before
 * revoking a leaked one), and revoke any of them; a revoked link's open sync connections close at once.
 */
import type { ExtraRoute } from './api-routes';
import { HttpError, sendJson } from './json';
import type { Invites } from '../invites';

export interface HostLinkRouteDeps {
  invites: Invites;
  /** Closes open sockets of a revoked token at once. */
  revokeLive: (jti: string) => void;
}

const ONE = /^\/api\/host-links\/([A-Za-z0-9_-]{1,64})$/;

export function hostLinkRoutes({ invites, revokeLive }: HostLinkRouteDeps): ExtraRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/host-links',
      auth: 'host',
      handle: async (_req, res, ctx) => {
        const now = Date.now();
        const hostLinks = (await invites.hostLinks()).map((l) => ({ ...l, expired: l.expiresAt <= now, current: l.jti === ctx.claims!.jti }));
        sendJson(res, 200, { hostLinks });
      },
    },
    {
      method: 'POST',
      path: '/api/host-links',
      auth: 'host',
      handle: async (_req, res) => {
        const link = await invites.issueHostLink();
        sendJson(res, 201, { jti: link.jti, url: link.url, expiresAt: link.expiresAt });
      },
    },
    {
      method: 'DELETE',
      path: ONE,
      auth: 'host',
      handle: async (_req, res, ctx) => {
        const jti = ctx.params[0]!;
        if (!(await invites.hostLinks()).some((l) => l.jti === jti)) throw new HttpError(404, 'No host link with this id on this server.');
        await invites.revoke(jti);
        revokeLive(jti);
        sendJson(res, 200, { revoked: jti, current: jti === ctx.claims!.jti });
      },
    },
  ];
}
