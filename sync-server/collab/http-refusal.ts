/**
 * Answers a refused upgrade over plain HTTP, so the client never sees an open
 * socket (an accepted-then-closed WebSocket makes clients reconnect in a tight loop).
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export type RefusalStatus = 400 | 401 | 403 | 404 | 410 | 421 | 429 | 503;

export function refuseUpgrade(
  socket: Duplex,
  status: RefusalStatus,
  reason: string,
  retryAfterSec?: number,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  if (socket.destroyed) return;
  const body = `${reason}\n`;
  const headers = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
  ];
  if (retryAfterSec !== undefined) headers.push(`Retry-After: ${Math.max(1, Math.ceil(retryAfterSec))}`);
  for (const [name, value] of Object.entries(extraHeaders)) headers.push(`${name}: ${value}`);
  // end() flushes the answer before closing; destroy() covers a peer that never reads it.
  socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 1000).unref();
}
