/**
 * How a role token reaches the sync server without being in a URL: the browser's WebSocket cannot set an
 * Authorization header, but it can offer subprotocols, which travel in the Sec-WebSocket-Protocol request header.
 * The client offers two: `interq-sync` (the server picks this one, so the token is never echoed back) and
 * `interq-token.<token>` (tokens are base64url and ".", all valid in a protocol name). URLs end up in consoles
 * ("Permission denied to access ws://…"), proxy and access logs; this header does not.
 */
export const SYNC_PROTOCOL = 'interq-sync';
const TOKEN_PREFIX = 'interq-token.';

export function syncProtocols(token: string): string[] {
  return [SYNC_PROTOCOL, `${TOKEN_PREFIX}${token}`];
}

/** The token from a Sec-WebSocket-Protocol header ("a, b, c"), or null when none is offered. */
export function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const p = part.trim();
    if (p.startsWith(TOKEN_PREFIX) && p.length > TOKEN_PREFIX.length) return p.slice(TOKEN_PREFIX.length);
  }
  return null;
}
