/**
 * A thin network link between a browser and the InterQ server, for tests and benchmarks of slow networks (#18).
 *
 * Chromium's own network emulation throttles each HTTP request by itself and does not throttle WebSockets at
 * all, so it cannot show an upload and a sync frame competing for one uplink. This is a TCP proxy on loopback:
 * the browser opens the app at the proxy's URL, and every connection it makes (the page, its assets, the API,
 * the uploads and the WebSockets) crosses the same link, which has, per direction, one bandwidth queue shared
 * by all connections (bytes leave in the order they arrived, at the link's rate, like a modem's buffer) and a
 * one-way delay of half the round trip. The link's settings can change while connections are open.
 *
 * A new connection's first byte leaves one round trip after the connection was opened, as after TCP's handshake
 * (SYN up, SYN-ACK down); without it a request on a fresh connection (the second part in flight, a reconnect) cost
 * less than on a real network. What it does not model: TCP's own acknowledgements (the two directions are independent),
 * slow start, TLS and losses.
 */
import net from 'node:net';

export interface LinkProfile {
  name: string;
  /** Round trip added to every exchange, ms (half on the way up, half on the way down). */
  rttMs: number;
  /** Bytes per second; Infinity for no limit. */
  downBytesPerSec: number;
  upBytesPerSec: number;
}

/** Chrome's DevTools presets, as one shared link. */
export const LINK_PROFILES = {
  slow3g: { name: 'Slow 3G', rttMs: 2000, downBytesPerSec: (400 * 1000) / 8, upBytesPerSec: (400 * 1000) / 8 },
  fast3g: { name: 'Fast 3G', rttMs: 562.5, downBytesPerSec: (1440 * 1000) / 8, upBytesPerSec: (675 * 1000) / 8 },
  none: { name: 'none', rttMs: 0, downBytesPerSec: Infinity, upBytesPerSec: Infinity },
} satisfies Record<string, LinkProfile>;

/** Bytes are put on the wire in pieces of at most this size, so a long write is delivered progressively. */
const PIECE_BYTES = 4096;

/**
 * One direction of the link: a FIFO whose bytes leave at the link's rate, then travel for the one-way delay, and
 * arrive in the order they were queued.
 *
 * The order is kept by one queue and one timer, not a timer per piece: a piece's timer starts when it is armed, and
 * a process held up between reading the clock for a piece and arming its timer (preempted on a busy machine, a GC)
 * armed it late by as much, so the pieces queued after it, armed on time, arrived first. Bytes of one connection
 * then arrived out of order: an upload's part is stored scrambled, the upload is refused as corrupt (422) and sent
 * again from byte 0, which looks like an uploader that forgot what the server holds: the likely cause of the one
 * unexplained failure of uploads-guest's "server killed while two parts are in flight" (1 run in 9 at load 12); a loop
 * of that case at load 10 saw a piece arrive after the seven queued behind it.
 */
export class LinkDirection {
  /** When the last queued byte has left (ms, performance clock). */
  private busyUntil = 0;
  /** Pieces on their way, oldest first, each with when it arrives (never before the piece ahead of it). */
  private readonly queue: Array<{ at: number; deliver: () => void }> = [];
  private head = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  bytes = 0;

  constructor(
    private readonly rate: () => number,
    private readonly delayMs: () => number,
  ) {}

  /** Queues a piece now; `deliver` runs when it has crossed the link, after every piece queued before it. */
  send(piece: Buffer, deliver: () => void): void {
    const now = performance.now();
    const rate = this.rate();
    const serialise = Number.isFinite(rate) ? (piece.length / rate) * 1000 : 0;
    this.busyUntil = Math.max(now, this.busyUntil) + serialise;
    this.bytes += piece.length;
    // A shorter delay set while pieces are on their way (setProfile) does not let a new piece overtake them.
    const last = this.queue.length > this.head ? this.queue[this.queue.length - 1]!.at : 0;
    this.queue.push({ at: Math.max(this.busyUntil + this.delayMs(), last), deliver });
    this.arm();
  }

  /** How long a byte queued now would wait before it starts to leave, ms. */
  backlogMs(): number {
    return Math.max(0, this.busyUntil - performance.now());
  }

  /** Drops what is still on its way (the link closed): no timer outlives the link. */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.head = 0;
  }

  /** One timer for the oldest piece on its way. */
  private arm(): void {
    if (this.timer !== null || this.head === this.queue.length) return;
    this.timer = setTimeout(() => this.deliverDue(), Math.max(0, this.queue[this.head]!.at - performance.now()));
  }

  /** Delivers, in order, every piece whose time has come (a timer may fire a little early by the clock above). */
  private deliverDue(): void {
    this.timer = null;
    const now = performance.now();
    while (this.head < this.queue.length && this.queue[this.head]!.at <= now) this.queue[this.head++]!.deliver();
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    this.arm();
  }
}

export interface SharedLink {
  /** The URL to open in the browser instead of the server's. */
  url: string;
  port: number;
  profile(): LinkProfile;
  setProfile(profile: LinkProfile): void;
  /** Bytes that crossed the link so far, per direction (down: server → browser). */
  bytes(): { up: number; down: number };
  /** How long a byte sent now would queue before leaving, per direction, ms. */
  backlogMs(): { up: number; down: number };
  /**
   * Each connection the browser opened, oldest first: the method and path of the first request it carried (e.g. 'PATCH
   * /api/interviews/…'; a WebSocket's is 'GET /sync/…'), which paid the handshake, and when it was opened (Date.now()).
   */
  openedBy(): Array<{ request: string; at: number }>;
  close(): Promise<void>;
}

/** Opens a shared link on a free loopback port in front of `target` (e.g. the test server's URL). */
export async function startSharedLink(target: string, initial: LinkProfile): Promise<SharedLink> {
  const to = new URL(target);
  let profile = initial;
  const up = new LinkDirection(
    () => profile.upBytesPerSec,
    () => profile.rttMs / 2,
  );
  const down = new LinkDirection(
    () => profile.downBytesPerSec,
    () => profile.rttMs / 2,
  );
  const sockets = new Set<net.Socket>();
  const openers: Array<{ request: string; at: number }> = [];

  /** Sends what `from` reads through `direction` to `into`, keeping order, and ends `into` after the last byte. */
  function pipeThrough(from: net.Socket, into: net.Socket, direction: LinkDirection): void {
    let pending = 0;
    let ended = false;
    const endIfDone = () => {
      if (ended && pending === 0 && !into.destroyed) into.end();
      // Both ways done: let the socket go.
      if (ended && pending === 0 && into.readableEnded) into.destroy();
    };
    from.on('data', (chunk: Buffer) => {
      // The far end is gone: a sender learns it and stops, and what it would still send takes no time on the link.
      if (into.destroyed) return;
      for (let i = 0; i < chunk.length; i += PIECE_BYTES) {
        const piece = chunk.subarray(i, Math.min(chunk.length, i + PIECE_BYTES));
        pending += 1;
        direction.send(piece, () => {
          pending -= 1;
          if (!into.destroyed) into.write(piece);
          endIfDone();
        });
      }
    });
    // A reset ends the stream too: what was already read still crosses the link first.
    const finish = () => {
      ended = true;
      endIfDone();
    };
    from.on('end', finish);
    from.on('close', finish);
  }

  // Half-open: a browser that has sent its last byte still receives what is crossing the link to it.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    // Nothing the browser sends crosses the link before the server has taken the connection, as with TCP's handshake
    // to the far end: a server that is down refuses it, and the request's bytes never take the uplink. They did: every
    // try of an upload against a restarting server put its whole part in the uplink's queue, and the first parts after
    // the restart waited 17-23 s behind bytes that went nowhere (uploads-guest's server kill on PostgreSQL ran past
    // its 60 s at load 12).
    client.pause();
    const openedAt = performance.now();
    // An HTTP/1.1 request line starts the connection's first bytes: its method and path, not the version.
    const opener = { request: '', at: Date.now() };
    openers.push(opener);
    client.once('data', (chunk: Buffer) => {
      opener.request = chunk.toString('latin1', 0, Math.min(chunk.length, 512)).split('\r\n')[0]!.split(' ').slice(0, 2).join(' ');
    });
    const upstream = net.connect({ host: to.hostname, port: Number(to.port), allowHalfOpen: true });
    // TCP's handshake: the browser's first byte leaves one round trip after it opened the connection.
    let handshake: ReturnType<typeof setTimeout> | null = null;
    upstream.once('connect', () => {
      const waitMs = openedAt + profile.rttMs - performance.now();
      if (waitMs <= 0) client.resume();
      else handshake = setTimeout(() => client.resume(), waitMs);
    });
    client.once('close', () => {
      if (handshake !== null) clearTimeout(handshake);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      // A reset on one side closes the other; nothing to report in a test link.
      s.on('error', () => undefined);
    }
    pipeThrough(client, upstream, up);
    pipeThrough(upstream, client, down);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    profile: () => profile,
    setProfile(next) {
      profile = next;
    },
    bytes: () => ({ up: up.bytes, down: down.bytes }),
    backlogMs: () => ({ up: up.backlogMs(), down: down.backlogMs() }),
    openedBy: () => openers.map((o) => ({ ...o })),
    async close() {
      for (const s of sockets) s.destroy();
      up.stop();
      down.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
