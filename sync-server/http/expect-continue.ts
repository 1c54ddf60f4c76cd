/**
 * `Expect: 100-continue` (RFC 9110 §10.1.1): a client that asks before sending a body (curl does for large ones) is
 * told to go on only when a route starts reading the body, after the route's own checks. So a refused request (a
 * bad token, a deleted interview's upload) is answered before its body is sent, and the 100 tells the client that
 * the checks before the body passed (uploads-api.test.ts waits on it to hold a create's body across a deletion, and
 * sends upload parts that are accepted after the 100 and refused before it: 410, 409, 413).
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

/**
 * Whether the client is still waiting for the 100 before it sends its body: a route may then refuse on what it
 * already knows without the body ever being sent. Node closes such a connection after the answer (the unsent body
 * would otherwise be taken for the next request), so nothing is left to drain.
 */
export function awaitsContinue(req: IncomingMessage): boolean {
  return held.has(req);
}

/** Called by a body reader before it reads: tells a client that is waiting to send its body now. */
export function sendContinue(req: IncomingMessage): void {
  const res = held.get(req);
  if (!res) return;
  held.delete(req);
  if (!res.headersSent && !res.writableEnded) res.writeContinue();
}
