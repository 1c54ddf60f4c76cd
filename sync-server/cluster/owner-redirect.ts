/**
 * What a node answers when it is asked for an interview another live node owns (421 Misdirected Request).
 *
 * Behind nginx (deploy/nginx/interq.conf.template) the answer carries `X-Accel-Redirect`: nginx then sends the
 * same request, WebSocket upgrade included, to the owner's address through its internal `/_interq_owner/`
 * location, and the client never sees the detour. This is what makes two proxies with different node lists, or a
 * node that came back and is first on the ring again, agree: the lease decides who serves, the proxy only carries.
 * A client connected without nginx gets the 421 and retries later (y-websocket reconnects on a failed upgrade).
 */
import type { LeaseHolder } from './lease-store';

/** The internal nginx location that forwards to `<host:port>` given in the path. */
export const OWNER_REDIRECT_PREFIX = '/_interq_owner/';
const ADDRESS = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

export function ownerRedirectHeaders(holder: LeaseHolder | null, requestUrl: string): Record<string, string> {
  if (!holder) return {};
  const headers: Record<string, string> = { 'X-InterQ-Owner': holder.owner };
  // Only a plain host:port goes into a path nginx proxies to; anything else would be a configuration mistake.
  if (ADDRESS.test(holder.ownerAddress) && requestUrl.startsWith('/')) {
    headers['X-Accel-Redirect'] = `${OWNER_REDIRECT_PREFIX}${holder.ownerAddress}${requestUrl}`;
  }
  return headers;
}

/** Seconds a client without the proxy's help should wait before asking again: about the rest of the owner's lease. */
export function retryAfterSeconds(holder: LeaseHolder | null): number {
  return holder ? Math.max(1, Math.ceil(holder.remainingMs / 1000)) : 1;
}
