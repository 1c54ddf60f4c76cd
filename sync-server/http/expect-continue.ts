/**
 * `Expect: 100-continue` (RFC 9110 §10.1.1): a client that asks before sending a body (curl does for large ones) is
 * told to go on only when a route starts reading the body, after the route's own checks. So a refused request (a
 * bad token, a deleted interview's upload) is answered before its body is sent, and the 100 tells the client that
 * the checks before the body passed (uploads-api.test.ts waits on it to hold a create's body across a deletion).
 *
 * app-server.ts hands such requests to `holdContinue`; every body reader calls `sendContinue` before it reads.
 * Without an Expect header both do nothing. Browsers never send it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const held = new WeakMap<IncomingMessage, ServerResponse>();

/** The request asked to be told before sending its body: the 100 waits for the first read (`sendContinue`). */
export function holdContinue(req: IncomingMessage, res: ServerResponse): void {
  held.set(req, res);
}

/** Called by a body reader before it reads: tells a client that is waiting to send its body now. */
export function sendContinue(req: IncomingMessage): void {
  const res = held.get(req);
  if (!res) return;
  held.delete(req);
  if (!res.headersSent && !res.writableEnded) res.writeContinue();
}
