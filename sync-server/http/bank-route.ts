/**
 * GET /api/bank for hosts. The bank holds every answer key (reference answers, correct options, hidden tests),
 * so only the role that plans interviews gets it; interviewers and moderators read the keys of their own
 * interview through its `key` document, guests never.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from './api-routes';
import { BANK_ENDPOINT } from '../../src/api/bank-protocol';
import { serverBank } from '../bank/server-bank';

function sendBank(req: IncomingMessage, res: ServerResponse): void {
  const bank = serverBank();
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    // Kept by the app in IndexedDB, not by HTTP caches (a shared cache must never hold the keys).
    'Cache-Control': 'private, no-cache',
    ETag: bank.etag,
    Vary: 'Accept-Encoding, Authorization',
  };
  if (req.headers['if-none-match'] === bank.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? bank.gzip : bank.json;
  res.writeHead(200, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': body.length });
  res.end(body);
}

export function bankRoutes(): ExtraRoute[] {
  return [{ method: 'GET', path: BANK_ENDPOINT, auth: 'host', handle: sendBank }];
}
