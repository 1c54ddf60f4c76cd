import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendContinue } from './expect-continue';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** A sentence for the person who will read it. */
    message: string,
    /** A stable name for programs (e.g. `link-expired`), sent beside the message as `code`. */
    readonly code?: string,
    /** Headers sent with the answer (a 503's `Retry-After`). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/**
 * Storage did not answer (PostgreSQL away): a 503 with a sentence and `Retry-After`, like every other 503 of the
 * server (the interview gate's, a draining node's), so a client or proxy knows when to ask again.
 */
export function storageUnavailable(message: string): HttpError {
  return new HttpError(503, message, 'storage-unavailable', { 'Retry-After': String(STORAGE_RETRY_AFTER_S) });
}

/** Seconds a client waits before asking again while the database does not answer (the gate's 503 says the same). */
export const STORAGE_RETRY_AFTER_S = 2;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Reads a JSON body, refusing anything over `limit` bytes before buffering it all. */
export async function readJsonBody(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `Request body is over ${limit} bytes.`);
  sendContinue(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body is over ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON.');
  }
}
