/**
 * Everything an in-process collab test opens (servers, stock clients, raw
 * sockets), closed after each test. Call once at the top of a test file.
 */
import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import { connectClient, docUrl, rawSocket, startCollab, type CollabHarness, type YwsClient } from './yws-client';

export function collabResources() {
  let harnesses: CollabHarness[] = [];
  let clients: YwsClient[] = [];
  let sockets: WebSocket[] = [];

  /** Closes this on teardown: for clients connected with options `client` does not take. */
  const track = (c: YwsClient): YwsClient => {
    clients.push(c);
    return c;
  };
  const destroyClients = (): void => {
    for (const c of clients) c.destroy();
    clients = [];
  };

  afterEach(async () => {
    destroyClients();
    for (const s of sockets) s.terminate();
    sockets = [];
    for (const h of harnesses) await h.stop();
    harnesses = [];
  });

  return {
    async start(opts: Parameters<typeof startCollab>[0] = {}): Promise<CollabHarness> {
      const h = await startCollab(opts);
      harnesses.push(h);
      return h;
    },
    /** Stops a server before the test ends (to restart it on the same database). */
    async stop(h: CollabHarness): Promise<void> {
      harnesses = harnesses.filter((x) => x !== h);
      await h.stop();
    },
    client: (h: CollabHarness, doc: string, token: string): YwsClient => track(connectClient(h.syncUrl, doc, token)),
    track,
    destroyClients,
    async raw(h: CollabHarness, doc: string, token: string) {
      const r = await rawSocket(docUrl(h.syncUrl, doc, token));
      sockets.push(r.ws);
      return r;
    },
  };
}
