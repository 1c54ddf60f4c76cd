/**
 * tests/support/fetch-unpooled.ts: a test that holds its event loop longer than the server keeps an idle connection
 * still gets its next answer. The server runs in a process of its own, as the e2e tests' server does, so it closes
 * the idle connection on time while this process is busy. With Node's plain fetch the next request goes out on that
 * closed connection and fails within milliseconds ("other side closed" or ECONNRESET: answer-keys.spec's flake).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUnpooled } from '../support/fetch-unpooled';

/** Keeps an idle connection 3 s: long enough that Node's fetch keeps it too (it retires one 2 s before the server). */
const SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { req.resume(); res.end('ok ' + req.url); });
server.keepAliveTimeout = 3000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

let server: ChildProcess;
let origin: string;

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => server.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  origin = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server.kill();
});

/** What a long synchronous scan does: nothing else runs in this process meanwhile. */
function holdEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('fetchUnpooled', () => {
  it('answers the first request after the event loop was held past the server’s keep-alive timeout', async () => {
    for (let i = 0; i < 5; i++) expect((await fetchUnpooled(`${origin}/file-${i}`)).text()).toBe(`ok /file-${i}`);
    holdEventLoop(4500);
    const after = await fetchUnpooled(`${origin}/after`);
    expect(after.status).toBe(200);
    expect(after.text()).toBe('ok /after');
  });

  it('sends its headers and reads the whole body', async () => {
    const res = await fetchUnpooled(`${origin}/x`, { 'X-Anything': '1' });
    expect(res.body.equals(Buffer.from('ok /x'))).toBe(true);
    expect(res.headers.get('connection')).toBe('close');
  });
});
