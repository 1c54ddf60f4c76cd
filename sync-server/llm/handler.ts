/**
 * POST /api/generate. Authentication is the caller's job (the API router checks
 * the host token first); this reads a small JSON body, validates it, and streams
 * the generation as NDJSON, one flushed line per event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendContinue } from '../http/expect-continue';
import {
  encodeEvent,
  formatIssues,
  GenerateRequest,
  makeEvent,
  MAX_GENERATE_REQUEST_BYTES,
  NDJSON_CONTENT_TYPE,
  type EventBody,
} from '../../src/domain/generation/protocol';
import type { LlmConfig } from './config';
import { runGeneration } from './generate';
import type { LlmLog } from './types';

export interface GenerateHandlerDeps {
  config: LlmConfig;
  log: LlmLog;
  /** Test hook for the "still waiting" progress interval; production uses the default. */
  heartbeatMs?: number;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function handleGenerate(req: IncomingMessage, res: ServerResponse, deps: GenerateHandlerDeps): Promise<void> {
  let body: unknown;
  try {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new BadRequest(405, 'Use POST to generate questions.');
    }
    body = await readJsonBody(req, MAX_GENERATE_REQUEST_BYTES);
  } catch (err) {
    if (err instanceof BadRequest) return sendError(res, err.status, err.message);
    throw err;
  }
  const parsed = GenerateRequest.safeParse(body);
  if (!parsed.success) {
    return sendError(res, 400, `The generation request is not valid: ${formatIssues(parsed.error)}.`);
  }

  res.writeHead(200, {
    'Content-Type': `${NDJSON_CONTENT_TYPE}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Reverse proxies (nginx) buffer responses by default, which would hold every event until the end.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();

  const browserGone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) browserGone.abort();
  });
  const emit = (event: EventBody) => {
    if (res.writableEnded || res.destroyed) return;
    res.write(encodeEvent(makeEvent(event)));
  };

  try {
    await runGeneration(parsed.data, {
      config: deps.config,
      log: deps.log,
      signal: browserGone.signal,
      emit,
      ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}),
    });
  } catch (err) {
    deps.log('error', 'question generation failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    emit({ type: 'error', message: 'The question generator failed unexpectedly; the sync server log has the details.' });
  } finally {
    res.end();
  }
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const text = JSON.stringify({ error: message });
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    // Unread body bytes may still be in flight; do not reuse this connection for another request.
    ...(status === 413 ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new BadRequest(415, 'Send the generation request as JSON (Content-Type: application/json).');
  }
  const tooLarge = `The generation request is over ${limit} bytes; it only needs archetype, depth, durationMin, seed and sessionTitle.`;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BadRequest(413, tooLarge);
  sendContinue(req);
  const text = await new Promise<string>((resolve, reject) => {
    // Listeners rather than for-await: leaving an async iterator early destroys the
    // request, and with it the socket the 413 answer has to go out on.
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        reject(new BadRequest(413, tooLarge));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
  if (text.trim() === '') throw new BadRequest(400, 'The generation request has no body.');
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest(400, 'The generation request is not valid JSON.');
  }
}
