/**
 * GET/POST /api/ping: what the guest's technical check times to describe the connection (#18 item 4), and the
 * support console's round trip. GET answers at once and empty (the round trip), GET ?bytes=N with N incompressible bytes (the
 * downlink), POST reads and drops its body and says how much arrived (the uplink). Public, like the app's own
 * files, and capped, so it cannot be used to move much data; never cached.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from './api-routes';
import { HttpError, sendJson } from './json';
import { sendContinue } from './expect-continue';

export const PING_PATH = '/api/ping';
/** The most one ping may move either way. */
export const MAX_PING_BYTES = 64 * 1024;
/** Random, so no compression on the way (a proxy's) makes the downlink look faster than it is. */
const PAYLOAD = randomBytes(MAX_PING_BYTES);

function noStore(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
}

function download(req: IncomingMessage, res: ServerResponse): void {
  const raw = new URL(req.url ?? '/', 'http://x').searchParams.get('bytes');
  noStore(res);
  if (raw === null) {
    res.writeHead(204).end();
    return;
  }
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > MAX_PING_BYTES) throw new HttpError(400, `bytes must be a whole number from 0 to ${MAX_PING_BYTES}.`);
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes) });
  res.end(PAYLOAD.subarray(0, bytes));
}

async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let received = 0;
  sendContinue(req);
  for await (const chunk of req) {
    received += (chunk as Buffer).length;
    if (received > MAX_PING_BYTES) {
      // Answer at once and stop reading: the rest is not wanted.
      res.setHeader('Connection', 'close');
      throw new HttpError(413, `A ping carries at most ${MAX_PING_BYTES} bytes.`);
    }
  }
  noStore(res);
  sendJson(res, 200, { receivedBytes: received });
}

export function pingRoutes(): ExtraRoute[] {
  return [
    { method: 'GET', path: PING_PATH, auth: 'public', handle: (req, res) => download(req, res) },
    { method: 'POST', path: PING_PATH, auth: 'public', handle: (req, res) => upload(req, res) },
  ];
}
