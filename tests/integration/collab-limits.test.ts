/**
 * Limits and hostile input on the collab server: oversized and malformed
 * frames, a fuzz run of 10,000+ random and mutated frames, throttling and
 * flooding, upgrade rate, clients that stop reading. In every case only the
 * offending connection is closed (with a close code and a log line) while
 * stock clients on the same server keep syncing.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collabResources } from '../support/collab-resources';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type WebSocket from 'ws';
import {
  connectClient,
  docUrl,
  tryUpgrade,
  waitFor,
  type CollabHarness,
} from '../support/yws-client';
import { encodeRawUpdate, updateFrame } from '../support/raw-yjs';
import { mulberry32 } from '../../src/domain/planning/prng';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

const { start, client, raw, track } = collabResources();

/** A pair of stock clients chatting on their own document; proves the server still serves others. */
async function honestPair(h: CollabHarness, doc: string) {
  const a = client(h, doc, h.mint('host', IID));
  const b = client(h, doc, h.mint('interviewer', IID));
  await Promise.all([a.synced(), b.synced()]);
  let sent = 0;
  return {
    a,
    b,
    say() {
      a.doc.getArray<string>('submissions').push([`m${sent++}`]);
    },
    async delivered() {
      await waitFor(() => b.doc.getArray('submissions').length === sent, `honest messages delivered (${sent})`);
      expect(b.doc.getArray<string>('submissions').toArray()).toEqual([...Array(sent).keys()].map((i) => `m${i}`));
    },
  };
}

const QUERY_AWARENESS = new Uint8Array([3]);

describe('collab server: oversized and malformed frames', () => {
  it('closes a connection that sends an oversized frame with 1009 and keeps serving the others', async () => {
    const h = await start({ limits: { maxMessageBytes: 64 * 1024 } });
    const pair = await honestPair(h, `${IID}.audience`);
    const bad = await raw(h, STAFF, h.mint('host', IID));
    bad.ws.send(randomBytes(100 * 1024));
    expect((await bad.closed).code).toBe(1009);
    expect(h.logs.some((l) => l.msg === 'Sync connection error' && l.fields?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')).toBe(true);
    pair.say();
    await pair.delivered();
  });

  it('closes only the sender of each kind of malformed frame, with a code and a log line', async () => {
    const h = await start();
    const pair = await honestPair(h, `${IID}.audience`);
    const token = h.mint('host', IID);
    const cases: Array<{ name: string; send: (ws: WebSocket) => void; code: number }> = [
      { name: 'text frame', send: (ws) => ws.send('hello'), code: 1003 },
      { name: 'empty frame', send: (ws) => ws.send(new Uint8Array(0)), code: 1007 },
      { name: 'unknown message type', send: (ws) => ws.send(new Uint8Array([9, 1, 2])), code: 1007 },
      { name: 'auth from a client', send: (ws) => ws.send(new Uint8Array([2, 0, 1, 65])), code: 1007 },
      { name: 'unknown sync type', send: (ws) => ws.send(new Uint8Array([0, 7, 0])), code: 1007 },
      { name: 'garbage update', send: (ws) => ws.send(new Uint8Array([0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0x0f])), code: 1007 },
      { name: 'truncated', send: (ws) => ws.send(new Uint8Array([0, 1, 40, 1, 2])), code: 1007 },
      { name: 'trailing bytes', send: (ws) => ws.send(new Uint8Array([3, 0])), code: 1007 },
      { name: 'awareness not JSON', send: (ws) => ws.send(new Uint8Array([1, 5, 1, 1, 1, 1, 0x7b])), code: 1007 },
    ];
    for (const c of cases) {
      const before = h.logs.length;
      const r = await raw(h, STAFF, token);
      c.send(r.ws);
      const closed = await r.closed;
      expect(closed.code, c.name).toBe(c.code);
      expect(
        h.logs.slice(before).some((l) => l.level === 'warn' && l.msg.includes('malformed frame')),
        `log line for ${c.name}`,
      ).toBe(true);
      pair.say();
    }
    await pair.delivered();
  });

  it('closes a connection that breaks the WebSocket framing itself (1002) and keeps serving the others', async () => {
    const h = await start();
    const pair = await honestPair(h, `${IID}.audience`);
    const token = h.mint('host', IID);
    for (let i = 0; i < 20; i++) {
      // Random bytes, but with reserved header bits set so the very first frame breaks the framing: purely random
      // bytes sometimes form a valid header announcing a long payload, and the server then rightly waits for it.
      const garbage = randomBytes(64);
      garbage[0] = 0x70 | (garbage[0]! & 0x0f);
      const code = await rawTcpGarbage(h.port, `/sync/${STAFF}?token=${token}`, garbage);
      expect([1002, 1007, 1009, null]).toContain(code);
      pair.say();
    }
    expect(h.logs.some((l) => l.msg === 'Sync connection error')).toBe(true);
    await pair.delivered();
  });
});

describe('collab server: updates Yjs cannot integrate', () => {
  it('refuses crafted deletions and references before Yjs sees them, so no peer has to reconnect', async () => {
    const h = await start();
    const doc = new Y.Doc();
    doc.clientID = 1000;
    const a = connectClient(h.syncUrl, STAFF, h.mint('host', IID), { doc });
    track(a);
    await a.synced();
    doc.getArray<string>('chat').push(['The candidate', 'handled', 'the closure question well.']);
    doc.getArray<string>('chat').delete(1, 1);
    await waitFor(() => (h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates').get() as { n: number }).n === 2, 'stored');

    // Each of these made Yjs throw halfway (or erase later writes) before the server read them: a zero-length
    // deletion at the last clock, a deletion of clocks nobody wrote yet, a record inserted after a later record of
    // its own client, and a stored record re-sent with a reference the server does not hold.
    const attacks = [
      encodeRawUpdate([], [{ client: 1000, ranges: [[0, 0]] }]),
      encodeRawUpdate([], [{ client: 1000, ranges: [[2, 1000]] }]),
      encodeRawUpdate([{ client: 77, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: ['x'] }, origin: { client: 77, clock: 5 } }] }]),
      encodeRawUpdate([{ client: 1000, clock: 0, structs: [{ type: 'item', content: { kind: 'any', values: ['x'] }, origin: { client: 1000, clock: 9 } }] }]),
    ];
    for (const attack of attacks) {
      const bad = await raw(h, STAFF, h.mint('interviewer', IID));
      bad.ws.send(updateFrame(attack));
      await waitFor(() => bad.received.some((m) => m[0] === 2), 'permission denied');
      expect(bad.ws.readyState).toBe(bad.ws.OPEN);
      bad.ws.close();
    }
    expect(h.logs.filter((l) => l.msg === 'Refused a write')).toHaveLength(attacks.length);
    expect(h.logs.some((l) => l.msg.includes('reloading'))).toBe(false);
    expect(a.closes).toEqual([]);
    doc.getArray<string>('chat').push(['[ok]']);
    const fresh = client(h, STAFF, h.mint('moderator', IID));
    await fresh.synced();
    await waitFor(() => fresh.doc.getArray('chat').toArray().join(' ') === 'The candidate the closure question well. [ok]', 'state intact and live');
  });

  it('reloads the document when applying an update throws; the sender gets 1007, peers resync, and that link is kept out for a while', async () => {
    const h = await start();
    const doc = new Y.Doc();
    const a = connectClient(h.syncUrl, STAFF, h.mint('host', IID), { doc });
    track(a);
    await a.synced();
    doc.getArray<string>('chat').push(['before']);
    // A server-side holder whose observer fails makes Yjs throw out of the apply, after integrating: the reload path.
    const held = await h.collab.openDoc(STAFF);
    await waitFor(() => held.getArray('chat').length === 1, 'server holds the first message');
    held.getArray<string>('chat').observe((e) => {
      if (e.changes.delta.some((d) => (d.insert as string[] | undefined)?.includes('poison'))) throw new Error('observer failed');
    });
    const offenderToken = h.mint('interviewer', IID);
    const offender = await raw(h, STAFF, offenderToken);
    const offenderDoc = new Y.Doc();
    Y.applyUpdate(offenderDoc, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(offenderDoc);
    offenderDoc.getArray<string>('chat').push(['poison']);
    offender.ws.send(updateFrame(Y.encodeStateAsUpdate(offenderDoc, before)));
    expect(await offender.closed).toEqual({ code: 1007, reason: 'update could not be applied' });
    expect(h.logs.some((l) => l.level === 'error' && l.msg.includes('reloading the document'))).toBe(true);
    await waitFor(() => a.closes.some((c) => c.code === 1012), 'the stock client was told to resync');

    // The link that broke the document may not come back to it at once: one link cannot keep everyone reconnecting.
    const again = await tryUpgrade(docUrl(h.syncUrl, STAFF, offenderToken));
    expect(again.opened ? 'opened' : again.status).toBe(429);
    if (!again.opened) expect(again.body).toContain('broke the document');

    await waitFor(() => a.provider.synced, 'stock client reconnected');
    doc.getArray<string>('chat').push(['after']);
    const fresh = client(h, STAFF, h.mint('moderator', IID));
    await fresh.synced();
    await waitFor(() => fresh.doc.getArray('chat').toArray().join(' ') === 'before after', 'stored state intact and live');
  });
});

describe('collab server: fuzz', () => {
  it('survives 10,000 random and mutated frames while stock clients keep converging', async () => {
    const h = await start({
      limits: { messagesPerSecond: 1e6, messageBurst: 1e6, bytesPerSecond: 1e9, byteBurst: 1e9, upgradeBurst: 1e6, upgradesPerSecond: 1e6 },
    });
    const pair = await honestPair(h, `${IID}.audience`);
    // Stock clients on the very document being fuzzed: they must stay in agreement with each other and the server.
    const fa = client(h, STAFF, h.mint('moderator', IID));
    const fb = client(h, STAFF, h.mint('tech-support', IID));
    await Promise.all([fa.synced(), fb.synced()]);

    const rand = mulberry32(0x1eaf);
    const corpus = validCorpus();
    const FRAMES = 10_000;
    const outcomes = { accepted: 0, closed: 0 };
    const closeCodes = new Map<number, number>();
    const writer = h.mint('host', IID);
    const reader = h.mint('audience', IID);
    let conn: Awaited<ReturnType<typeof raw>> | null = null;

    for (let i = 0; i < FRAMES; i++) {
      if (!conn) conn = rand() < 0.8 ? await raw(h, STAFF, writer) : await raw(h, `${IID}.moderation`, reader);
      const frame = nextFuzzFrame(rand, corpus);
      const c: Awaited<ReturnType<typeof raw>> = conn;
      // A WebSocket ping after the frame: the server parses frames in order, handles each message
      // synchronously, and stops answering pings once it decided to close. So the matching pong means
      // the fuzz frame was processed and accepted; a close means it was refused.
      const probe = Buffer.from(`probe-${i}`);
      const outcome = new Promise<'answered' | 'closed'>((resolve) => {
        const onPong = (data: Buffer) => {
          if (data.equals(probe)) {
            c.ws.off('pong', onPong);
            resolve('answered');
          }
        };
        c.ws.on('pong', onPong);
        c.ws.once('close', () => resolve('closed'));
      });
      if (frame.text) c.ws.send(Buffer.from(frame.bytes).toString('latin1'));
      else c.ws.send(frame.bytes);
      c.ws.ping(probe);
      if ((await outcome) === 'closed') {
        const { code } = await c.closed;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
        outcomes.closed++;
        conn = null;
      } else {
        outcomes.accepted++;
      }
      if (i % 500 === 0) {
        pair.say();
        fa.doc.getArray<number>('reactions').push([i]);
      }
    }
    conn?.ws.close();

    // Both paths were exercised, and every closed connection got a meaningful code and a log line.
    expect(outcomes.accepted + outcomes.closed).toBe(FRAMES);
    expect(outcomes.closed).toBeGreaterThan(1000);
    expect(outcomes.accepted).toBeGreaterThan(100);
    for (const code of closeCodes.keys()) expect([1003, 1007, 1009]).toContain(code);
    const closeLogs = h.logs.filter((l) => l.msg.includes('malformed frame') || l.msg === 'Sync connection error' || l.msg.includes('reloading'));
    expect(closeLogs.length).toBeGreaterThanOrEqual(outcomes.closed);

    await pair.delivered();
    await waitFor(
      () => fb.doc.getArray('reactions').length === FRAMES / 500 && Y.encodeStateVector(fa.doc).toString() === Y.encodeStateVector(fb.doc).toString(),
      'stock clients on the fuzzed document converge',
    );
    const fresh = client(h, STAFF, h.mint('interviewer', IID));
    await fresh.synced();
    expect(fresh.doc.getArray<number>('reactions').toArray()).toEqual(fa.doc.getArray<number>('reactions').toArray());
    const pairFresh = client(h, `${IID}.audience`, h.mint('moderator', IID));
    await pairFresh.synced();
    expect(pairFresh.doc.getArray('submissions').length).toBe(pair.b.doc.getArray('submissions').length);
  }, 180_000);
});

describe('collab server: rates and slow readers', () => {
  it('throttles a fast sender without dropping its messages', async () => {
    const h = await start({ limits: { messagesPerSecond: 50, messageBurst: 10, maxThrottleDebtSeconds: 1000 } });
    const pair = await honestPair(h, `${IID}.audience`);
    const r = await raw(h, STAFF, h.mint('host', IID));
    for (let i = 0; i < 50; i++) r.ws.send(QUERY_AWARENESS);
    pair.say();
    await waitFor(() => r.received.length >= 50, 'every throttled message answered');
    expect(h.logs.some((l) => l.msg === 'Throttling a sync connection')).toBe(true);
    expect(r.ws.readyState).toBe(r.ws.OPEN);
    await pair.delivered();
  });

  it('closes a connection that keeps flooding with 1008', async () => {
    const h = await start({ limits: { messagesPerSecond: 10, messageBurst: 5, maxThrottleDebtSeconds: 1 } });
    const pair = await honestPair(h, `${IID}.audience`);
    const r = await raw(h, STAFF, h.mint('host', IID));
    for (let i = 0; i < 200; i++) r.ws.send(QUERY_AWARENESS);
    expect((await r.closed).code).toBe(1008);
    expect(h.logs.some((l) => l.msg === 'Closed a connection that kept flooding')).toBe(true);
    pair.say();
    await pair.delivered();
  });

  it('answers 429 with Retry-After when a token reconnects too often', async () => {
    const h = await start({ limits: { upgradeBurst: 3, upgradesPerSecond: 0.01 } });
    const url = docUrl(h.syncUrl, STAFF, h.mint('host', IID));
    for (let i = 0; i < 3; i++) {
      const ok = await tryUpgrade(url);
      expect(ok.opened).toBe(true);
      if (ok.opened) ok.socket.terminate();
    }
    const refused = await tryUpgrade(url);
    expect(refused.opened ? 'opened' : refused.status).toBe(429);
  });

  it('closes a client that stops reading once its queue passes maxBufferedBytes (1013)', async () => {
    const h = await start({
      limits: { maxBufferedBytes: 256 * 1024, maxMessageBytes: 1024 * 1024, bytesPerSecond: 1e9, byteBurst: 1e9 },
    });
    // The plan document: the one whose records (questions with code) are large enough for this.
    const PLAN = `${IID}.plan`;
    const writer = client(h, PLAN, h.mint('host', IID));
    await writer.synced();
    const stalled = await raw(h, PLAN, h.mint('interviewer', IID));
    // Stop reading on the client side: the kernel buffers fill, then the server's queue grows.
    (stalled.ws as unknown as { _socket: net.Socket })._socket.pause();
    for (let i = 0; i < 60; i++) writer.doc.getArray<string>('questions').push(['x'.repeat(200 * 1024)]);
    await waitFor(() => h.logs.some((l) => l.msg === 'Closed a connection that stopped reading'), 'stalled connection dropped', 30_000);
    (stalled.ws as unknown as { _socket: net.Socket })._socket.resume();
    expect((await stalled.closed).code).toBe(1013);
    // The writer was never affected.
    const fresh = client(h, PLAN, h.mint('moderator', IID));
    await fresh.synced();
    expect(fresh.doc.getArray('questions').length).toBe(60);
  });

  it('terminates a connection that stops answering pings, and keeps those that answer (the ping round is spread over ticks)', async () => {
    // 1 s interval: ten ticks of 100 ms, each pinging the next tenth of the connections.
    const h = await start({ limits: { pingIntervalMs: 1000 } });
    const pair = await honestPair(h, `${IID}.audience`);
    const silent = await raw(h, STAFF, h.mint('host', IID));
    // Stop reading on the client side: the server's pings are never seen, so never answered.
    (silent.ws as unknown as { _socket: net.Socket })._socket.pause();
    const timedOut = () => h.logs.filter((l) => l.msg === 'Sync connection timed out');
    await waitFor(() => timedOut().length > 0, 'the silent connection timed out', 20_000);
    (silent.ws as unknown as { _socket: net.Socket })._socket.resume();
    expect((await silent.closed).code).toBe(1006);
    // Three more rounds: the clients that answer are pinged and kept.
    await new Promise((r) => setTimeout(r, 3000));
    expect(timedOut().map((l) => l.fields?.doc)).toEqual([STAFF]);
    pair.say();
    await pair.delivered();
  });

  it('does not ping a connection that keeps sending, and pings and drops it once it falls silent', async () => {
    const h = await start({ limits: { pingIntervalMs: 1000 } });
    const chatty = await raw(h, STAFF, h.mint('host', IID));
    // It never answers a ping: only its own frames can keep it.
    chatty.ws.pong = () => {};
    let pings = 0;
    chatty.ws.on('ping', () => (pings += 1));
    // A sync step 1 every 200 ms (the server answers each), for four rounds.
    const step1 = () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, new Y.Doc());
      return encoding.toUint8Array(e);
    };
    const timedOut = () => h.logs.filter((l) => l.msg === 'Sync connection timed out');
    const sending = setInterval(() => chatty.ws.send(step1()), 200);
    try {
      await new Promise((r) => setTimeout(r, 4000));
    } finally {
      clearInterval(sending);
    }
    expect(pings).toBe(0);
    expect(timedOut()).toEqual([]);
    // Silent now: pinged at a round, and dropped at a later one because it does not answer.
    await waitFor(() => timedOut().length > 0, 'the now silent connection timed out', 20_000);
    expect(pings).toBeGreaterThan(0);
    expect((await chatty.closed).code).toBe(1006);
  });
});

// ---- fuzz corpus -----------------------------------------------------------

interface Corpus {
  /** Whole frames as a stock client sends them. */
  frames: Uint8Array[];
  /** Bare Yjs updates, to be mutated inside a correct sync frame. */
  updates: Uint8Array[];
  /** Bare awareness payloads, likewise. */
  awareness: Uint8Array[];
}

/** Real frames a stock client sends, built with y-protocols from real edits. */
function validCorpus(): Corpus {
  const doc = new Y.Doc();
  const corpus: Corpus = { frames: [], updates: [], awareness: [] };
  const sync = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    write(e);
    corpus.frames.push(encoding.toUint8Array(e));
  };
  doc.on('update', (u: Uint8Array) => {
    corpus.updates.push(u);
    sync((e) => syncProtocol.writeUpdate(e, u));
  });
  doc.getText('notes').insert(0, 'The candidate handled the closure question well.');
  doc.getArray<string>('chat').push(['hello', 'world']);
  doc.getMap<unknown>('ratings').set('q1', { score: 4, note: 'solid' });
  doc.getText('notes').delete(4, 10);
  doc.getArray<Uint8Array>('bin').push([new Uint8Array([1, 2, 3, 4])]);
  doc.getXmlFragment('rich').insert(0, [new Y.XmlElement('p')]);
  doc.getMap<Y.Map<number>>('nested').set('inner', new Y.Map<number>());
  corpus.updates.push(Y.encodeStateAsUpdate(doc));
  sync((e) => syncProtocol.writeSyncStep1(e, doc));
  sync((e) => syncProtocol.writeSyncStep2(e, doc));
  const aw = new awarenessProtocol.Awareness(doc);
  aw.setLocalState({ user: { name: 'Fuzz', color: '#f00' }, cursor: { anchor: 3 } });
  const payload = awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]);
  corpus.awareness.push(payload);
  const ae = encoding.createEncoder();
  encoding.writeVarUint(ae, 1);
  encoding.writeVarUint8Array(ae, payload);
  corpus.frames.push(encoding.toUint8Array(ae));
  aw.destroy();
  corpus.frames.push(new Uint8Array([3]));
  return corpus;
}

const BIG_VARUINTS = [
  [0xff, 0xff, 0xff, 0xff, 0x0f],
  [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x00],
  [0x7f],
];

function nextFuzzFrame(rand: () => number, corpus: Corpus): { bytes: Uint8Array; text: boolean } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const randomBytesOf = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const mutate = (input: Uint8Array): Uint8Array => {
    const base = Array.from(input);
    const mutations = 1 + Math.floor(rand() * 3);
    for (let m = 0; m < mutations; m++) {
      const kind = rand();
      const at = Math.floor(rand() * Math.max(1, base.length));
      if (kind < 0.3 && base.length > 0) base[at] = base[at]! ^ (1 << Math.floor(rand() * 8));
      else if (kind < 0.45 && base.length > 0) base[at] = Math.floor(rand() * 256);
      else if (kind < 0.6) base.length = Math.floor(rand() * base.length);
      else if (kind < 0.7) base.push(...randomBytesOf(1 + Math.floor(rand() * 16)));
      else if (kind < 0.85) base.splice(at, Math.floor(rand() * 3), ...pick(BIG_VARUINTS));
      else base.splice(at, 0, ...base.slice(0, Math.floor(rand() * base.length)));
    }
    return Uint8Array.from(base);
  };
  const wrap = (type: number[], payload: Uint8Array): Uint8Array => {
    const e = encoding.createEncoder();
    for (const t of type) encoding.writeVarUint(e, t);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  const r = rand();
  if (r < 0.2) return { bytes: randomBytesOf(Math.floor(rand() * 64)), text: false };
  if (r < 0.25) return { bytes: randomBytesOf(1 + Math.floor(rand() * 4096)), text: false };
  if (r < 0.27) return { bytes: randomBytesOf(Math.floor(rand() * 32)), text: true };
  if (r < 0.6) return { bytes: mutate(pick(corpus.frames)), text: false };
  // Correct framing around a damaged payload: these reach the Yjs and awareness decoders.
  if (r < 0.9) return { bytes: wrap([0, rand() < 0.5 ? 1 : 2], mutate(pick(corpus.updates))), text: false };
  return { bytes: wrap([1], mutate(pick(corpus.awareness))), text: false };
}

/**
 * Completes a WebSocket handshake over plain TCP, then sends bytes that are not
 * valid WebSocket framing. Resolves with the close code the server sent (null if
 * it just dropped the connection).
 */
function rawTcpGarbage(port: number, path: string, garbage: Uint8Array): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => resolve(null));
    socket.on('close', () => resolve(null));
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buf.subarray(0, end).toString().startsWith('HTTP/1.1 101')) {
          reject(new Error(`upgrade refused: ${buf.subarray(0, end).toString()}`));
          socket.destroy();
          return;
        }
        upgraded = true;
        buf = buf.subarray(end + 4);
        socket.write(garbage);
      }
      // Skip server frames until a close frame (opcode 8) shows up.
      while (buf.length >= 2) {
        const opcode = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let offset = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          offset = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          offset = 10;
        }
        if (buf.length < offset + len) return;
        if (opcode === 8) {
          resolve(len >= 2 ? buf.readUInt16BE(offset) : null);
          socket.destroy();
          return;
        }
        buf = buf.subarray(offset + len);
      }
    });
    socket.on('close', () => resolve(null));
  });
}
