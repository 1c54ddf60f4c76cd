/**
 * y-websocket 1.5.4's own reference server (`bin/utils.js`, setupWSConnection; installed as the npm alias
 * `y-websocket-reference`), alone in its own process, for `bench:sync --peer y-websocket`: the same workload as our
 * server, side by side in one run. It keeps documents in memory, checks nothing and stores nothing, so it is the
 * floor of what relaying Yjs updates costs. Speaks the same IPC as tests/support/collab-process.ts (`stats`, `gc`)
 * and prints "ready <port>" once listening. Env: PORT (0 = any free port).
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import { answerBenchParent } from '../../tests/support/answer-bench-parent';
import type net from 'node:net';

const require = createRequire(import.meta.url);
// The reference server's own modules: its utils and the `ws` version it ships with (nested under the alias).
const { setupWSConnection, docs } = require('y-websocket-reference/bin/utils') as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage) => void;
  docs: Map<string, unknown>;
};
const WebSocket = require(require.resolve('ws', { paths: [require.resolve('y-websocket-reference/bin/utils')] })) as {
  Server: new (opts: { noServer: true }) => {
    handleUpgrade(req: http.IncomingMessage, socket: unknown, head: Buffer, cb: (ws: { on(e: 'close', f: () => void): void }) => void): void;
    close(cb: () => void): void;
  };
};

const port = Number(process.env.PORT ?? 0);
// As bin/server.js does it: no authentication, every upgrade accepted.
const wss = new WebSocket.Server({ noServer: true });
let connections = 0;
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    connections++;
    ws.on('close', () => connections--);
    setupWSConnection(ws, req);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`ready ${(server.address() as net.AddressInfo).port}`);
});

function stop(): void {
  server.closeAllConnections();
  wss.close(() => server.close(() => process.exit(0)));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

answerBenchParent(stop, () => ({ docs: docs.size, connections }));
