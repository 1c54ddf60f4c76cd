/**
 * Draining one node (issue #16 item 4, the part that needs no lease): once the server drains it takes no new
 * socket (503 with Retry-After, which nginx's proxy_next_upstream sends to the next node), the sockets already
 * open keep syncing and storing, and closing then flushes and closes them with 1001 "going away" so the clients
 * reconnect at once. Real server, real SQLite, stock y-websocket clients.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { collabResources } from '../support/collab-resources';
import { docUrl, waitFor } from '../support/yws-client';

const IID = 'acme-drain-1';
const STAFF = `${IID}.staff`;
const OTHER = 'acme-drain-2.staff';

const { start, stop, client } = collabResources();

/** The upgrade's HTTP answer, headers included (tryUpgrade reads only status and body). */
function upgradeAnswer(url: string): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url.replace('ws:', 'http:'), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, retryAfter: undefined, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body }));
    });
    req.on('error', reject);
  });
}

describe('draining the sync server', () => {
  it('refuses new sockets with 503 while open ones keep syncing, then flushes and closes them with 1001', async () => {
    const h = await start();
    const host = client(h, STAFF, h.mint('host', IID));
    const interviewer = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([host.synced(), interviewer.synced()]);

    h.collab.drain();
    // A new interview and a new socket to an interview already open are both sent elsewhere.
    for (const doc of [OTHER, STAFF]) {
      const answer = await upgradeAnswer(docUrl(h.syncUrl, doc, h.mint('host', doc.split('.')[0]!)));
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(answer.body).toContain('shutting down');
    }
    expect(h.collab.stats().connections).toBe(2);

    // The open sockets still work: written, relayed and stored while draining.
    host.doc.getArray<string>('chat').push(['said while the node drains']);
    await waitFor(() => interviewer.doc.getArray('chat').length === 1, 'relayed during the drain');

    await stop(h);
    await waitFor(() => host.closes.length > 0 && interviewer.closes.length > 0, 'both clients saw the close');
    expect(host.closes[0]!.code).toBe(1001);
    expect(interviewer.closes[0]!.code).toBe(1001);
    const db = new Database(h.dbFile, { readonly: true });
    const stored = new Y.Doc();
    for (const row of db.prepare('SELECT update_data FROM yjs_updates WHERE doc = ? ORDER BY seq').all(STAFF) as Array<{ update_data: Buffer }>) {
      Y.applyUpdate(stored, row.update_data);
    }
    db.close();
    expect(stored.getArray('chat').toArray()).toEqual(['said while the node drains']);
  });
});
