/**
 * Role tokens out of URLs, against the real server: the app's way of sending the token (Sec-WebSocket-Protocol,
 * src/domain/sync-auth.ts) opens and syncs a document with nothing in the URL, the server answers with the plain
 * protocol name only (never the token), bad tokens sent that way are still refused at the upgrade, and no line the
 * server writes contains a token.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import { SYNC_PROTOCOL, syncProtocols, tokenFromProtocols } from '../../src/domain/sync-auth';

let s: ServerProcess;
let secret: Buffer;
beforeAll(async () => {
  s = await startServer({ env: { LOG_QUIET: '0' } });
  secret = readSecret(s.dataDir);
});
afterAll(async () => {
  await s?.stop();
});

type Outcome = { opened: true; protocol: string; ws: WebSocket } | { opened: false; status: number; body: string };

function open(doc: string, protocols: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/sync/${doc}`, protocols);
    ws.on('open', () => resolve({ opened: true, protocol: ws.protocol, ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (err) => reject(err));
  });
}

describe('the sync token in the Sec-WebSocket-Protocol header', () => {
  it('reads the token from the offered protocols only', () => {
    expect(tokenFromProtocols(syncProtocols('abc.def-_1').join(', '))).toBe('abc.def-_1');
    expect(tokenFromProtocols(`${SYNC_PROTOCOL}`)).toBeNull();
    expect(tokenFromProtocols(undefined)).toBeNull();
    expect(tokenFromProtocols('interq-token.')).toBeNull();
  });

  it('opens and syncs with no token in the URL, and answers with the plain protocol name', async () => {
    const guest = mintToken(secret, { iid: 'header-iv-1', role: 'guest', sub: 'Grace', ttlSec: 600 });
    const o = await open('header-iv-1.plan', syncProtocols(guest));
    expect(o.opened).toBe(true);
    if (!o.opened) return;
    expect(o.protocol).toBe(SYNC_PROTOCOL);
    o.ws.close();

    // The app's own setup (a y-websocket provider offering the protocols, no params) syncs a document.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${s.url.replace('http', 'ws')}/sync`, 'header-iv-1.plan', doc, {
      protocols: syncProtocols(guest),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    expect(provider.url).toBe(`${s.url.replace('http', 'ws')}/sync/header-iv-1.plan`);
    provider.destroy();
  });

  it('still refuses at the upgrade: forged, expired, another interview, a role without access', async () => {
    const forged = mintToken(Buffer.alloc(32, 9), { iid: 'header-iv-1', role: 'guest', sub: 'x', ttlSec: 600 });
    const expired = mintToken(secret, { iid: 'header-iv-1', role: 'guest', sub: 'x', ttlSec: 60 }, Date.now() - 3_600_000);
    const other = mintToken(secret, { iid: 'another-iv', role: 'guest', sub: 'x', ttlSec: 600 });
    const audience = mintToken(secret, { iid: 'header-iv-1', role: 'audience', sub: 'x', ttlSec: 600 });
    expect(await open('header-iv-1.plan', syncProtocols(forged))).toMatchObject({ opened: false, status: 401 });
    expect(await open('header-iv-1.plan', syncProtocols(expired))).toMatchObject({ opened: false, status: 401 });
    expect(await open('header-iv-1.plan', syncProtocols(other))).toMatchObject({ opened: false, status: 403 });
    expect(await open('header-iv-1.key', syncProtocols(audience))).toMatchObject({ opened: false, status: 403 });
    expect(await open('header-iv-1.plan', [SYNC_PROTOCOL])).toMatchObject({ opened: false, status: 401 });

    // Nothing the server wrote (refusals logged at warn included) contains any of the tokens.
    await new Promise((r) => setTimeout(r, 200));
    expect(s.output()).toContain('Refused sync connection');
    for (const t of [forged, expired, other, audience]) expect(s.output()).not.toContain(t);
  });
});
