/**
 * The test link of tests/support/shared-link.ts: one queue per direction shared by every connection, so a
 * small message sent behind a large one on another connection waits for it (the contention Chromium's own
 * emulation cannot show), every byte takes at least the one-way delay, and bytes arrive in the order they were sent.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkDirection, startSharedLink, type SharedLink } from '../support/shared-link';

/** A server that records when each connection's bytes arrive. */
async function sink(): Promise<{ port: number; arrivals: Array<{ conn: number; bytes: number; at: number }>; close: () => Promise<void> }> {
  const arrivals: Array<{ conn: number; bytes: number; at: number }> = [];
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    const conn = n++;
    sockets.add(s);
    s.on('data', (d) => arrivals.push({ conn, bytes: d.length, at: performance.now() }));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    arrivals,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.on('error', reject);
  });
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
};

describe('shared link', () => {
  let link: SharedLink | null = null;
  afterEach(async () => {
    await link?.close();
    link = null;
  });

  it('queues a small message on one connection behind a large one on another, and delays every byte by at least the one-way time', async () => {
    const target = await sink();
    // 100 KB/s up, 400 ms round trip: 60 KB take 600 ms to leave, then 200 ms to arrive.
    link = await startSharedLink(`http://127.0.0.1:${target.port}`, { name: 'test', rttMs: 400, downBytesPerSec: 100_000, upBytesPerSec: 100_000 });
    const big = await connect(link.port);
    const small = await connect(link.port);
    // Both handshakes first: until then the link holds each connection's bytes, and two handshakes ending in one
    // turn release them in whichever order the poll reports the two sockets (the ping went first once, and the test
    // took its connection for the large one). Two bytes on one and one on the other, so the sink's numbering of the
    // two is known, then the measured writes on open connections.
    big.write('hh');
    small.write('h');
    await until(() => target.arrivals.reduce((sum, a) => sum + a.bytes, 0) === 3);
    const bigConn = target.arrivals.find((a) => a.bytes === 2)!.conn;
    target.arrivals.length = 0;
    const sentAt = performance.now();
    big.write(Buffer.alloc(60_000, 1));
    await new Promise((r) => setTimeout(r, 20));
    small.write('ping');
    await until(() => target.arrivals.reduce((sum, a) => sum + a.bytes, 0) === 60_004);
    // The large write's connection is the one that carried 60,000 bytes, whichever arrived first.
    const bytesOf = (conn: number) => target.arrivals.filter((a) => a.conn === conn).reduce((sum, a) => sum + a.bytes, 0);
    const largeConn = [...new Set(target.arrivals.map((a) => a.conn))].find((c) => bytesOf(c) === 60_000)!;
    expect(largeConn).toBe(bigConn);
    const bigLast = Math.max(...target.arrivals.filter((a) => a.conn === largeConn).map((a) => a.at));
    const smallAt = target.arrivals.find((a) => a.conn !== largeConn)!.at;
    // FIFO across connections: the ping arrives after the last byte of the large write, not beside it (600 ms
    // earlier). The link may release the last part and the ping in one turn; the sink then reads its two sockets in
    // whichever order the poll reports them, a fraction of a millisecond apart (failed once by 0.14 ms): 2 ms of slack.
    expect(smallAt).toBeGreaterThanOrEqual(bigLast - 2);
    // Timers never fire early: serialising 60,004 bytes at 100 KB/s plus the 200 ms one-way delay is a floor.
    expect(smallAt - sentAt).toBeGreaterThanOrEqual(600 + 200 - 5);
    expect(link.bytes().up).toBe(60_007);
    big.destroy();
    small.destroy();
    await target.close();
  });

  it("holds a new connection's first byte for a round trip, as TCP's handshake does, and nothing after it", async () => {
    const target = await sink();
    // 400 ms round trip, bandwidth that takes no time here.
    link = await startSharedLink(`http://127.0.0.1:${target.port}`, { name: 'test', rttMs: 400, downBytesPerSec: 1e9, upBytesPerSec: 1e9 });
    const openedAt = performance.now();
    const s = await connect(link.port);
    s.write('first');
    await until(() => target.arrivals.length === 1);
    // SYN up and SYN-ACK down, then the first byte's own way up: a round trip and a half. Without the handshake it
    // arrived after the one-way delay alone, 200 ms.
    expect(target.arrivals[0]!.at - openedAt).toBeGreaterThanOrEqual(400 + 200 - 5);
    // On the open connection a byte takes the one-way delay only.
    const sentAt = performance.now();
    s.write('second');
    await until(() => target.arrivals.length === 2);
    expect(target.arrivals[1]!.at - sentAt).toBeGreaterThanOrEqual(200 - 5);
    expect(target.arrivals[1]!.at - sentAt).toBeLessThan(400);
    s.destroy();
    await target.close();
  });

  it('delivers pieces in the order they were queued when the process is held up between reading the clock and arming a timer', async () => {
    // 100 KB/s, 100 ms one way: a 4 KiB piece takes 41 ms to leave. The sixth piece's time is read from the clock, then
    // the process is held up for 60 ms before its timer is armed (preempted on a busy machine, or a GC): here, its
    // clock read comes back 60 ms early. With a timer per piece that piece arrived 60 ms late, after the seventh, whose
    // timer was armed on time (what a loop of uploads-guest saw at load 10: a piece delivered after the seven behind it).
    const direction = new LinkDirection(() => 100_000, () => 100);
    const arrived: number[] = [];
    const clock = performance.now.bind(performance);
    for (let i = 0; i < 10; i++) {
      if (i === 5) vi.spyOn(performance, 'now').mockImplementationOnce(() => clock() - 60);
      direction.send(Buffer.alloc(4096), () => arrived.push(i));
    }
    vi.restoreAllMocks();
    await until(() => arrived.length === 10);
    expect(arrived).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    direction.stop();
  });

  it('refuses a connection to a server that is down without putting its bytes on the link', async () => {
    // A port nothing listens on: the server is down (killed, restarting).
    const down = net.createServer();
    await new Promise<void>((r) => down.listen(0, '127.0.0.1', () => r()));
    const port = (down.address() as net.AddressInfo).port;
    await new Promise<void>((r) => down.close(() => r()));
    link = await startSharedLink(`http://127.0.0.1:${port}`, { name: 'test', rttMs: 100, downBytesPerSec: 100_000, upBytesPerSec: 100_000 });
    const s = await connect(link.port);
    s.on('error', () => undefined);
    const closed = new Promise<void>((r) => s.on('close', () => r()));
    s.write(Buffer.alloc(60_000, 1));
    await closed;
    // A request sent to it costs the uplink nothing: the next one does not wait 600 ms behind bytes that went nowhere.
    expect(link.bytes().up).toBe(0);
    expect(link.backlogMs().up).toBe(0);
  });

  it('carries both directions to the end and closes after the last byte', async () => {
    const echo = net.createServer((s) => {
      s.on('data', (d) => s.write(d));
      s.on('end', () => s.end());
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    link = await startSharedLink(`http://127.0.0.1:${(echo.address() as net.AddressInfo).port}`, { name: 'test', rttMs: 100, downBytesPerSec: 200_000, upBytesPerSec: 50_000 });
    const s = await connect(link.port);
    const got: Buffer[] = [];
    s.on('data', (d) => got.push(d));
    const closed = new Promise<void>((r) => s.on('close', () => r()));
    const payload = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));
    s.end(payload);
    await closed;
    expect(Buffer.concat(got).equals(payload)).toBe(true);
    expect(link.bytes()).toEqual({ up: 20_000, down: 20_000 });
    await new Promise<void>((r) => echo.close(() => r()));
  });
});
