/**
 * What a node answers when it is asked for an interview another live node owns (421 Misdirected Request), at the
 * sync upgrade (collab-server.ts) and on the interview's HTTP routes (request-gate.ts), with the same headers.
 *
 * Behind nginx (deploy/nginx/interq.conf.template) the proxy sends the same request to the owner and the client
 * never sees the detour: a WebSocket upgrade through `X-Accel-Redirect` and the internal `/_interq_owner/`
 * location; any other request through `error_page 421` to a named location that proxies to
 * `X-InterQ-Owner-Address`, because nginx turns an X-Accel-Redirect into a GET and drops the body of a POST or
 * PATCH (an upload part), while a named location keeps method and body. This is what makes two proxies with different node lists, or a
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
  // Only a plain host:port goes where nginx proxies to; anything else would be a configuration mistake.
  if (ADDRESS.test(holder.ownerAddress)) {
    headers['X-InterQ-Owner-Address'] = holder.ownerAddress;
    if (requestUrl.startsWith('/')) headers['X-Accel-Redirect'] = `${OWNER_REDIRECT_PREFIX}${holder.ownerAddress}${requestUrl}`;
  }
  return headers;
}

/** Seconds a client without the proxy's help should wait before asking again: about the rest of the owner's lease. */
export function retryAfterSeconds(holder: LeaseHolder | null): number {
  return holder ? Math.max(1, Math.ceil(holder.remainingMs / 1000)) : 1;
}
