/**
 * A lighter sync client for the load generators (bench:sync `--client raw`, the default): the y-websocket wire
 * protocol spoken directly over a `ws` socket, for one connection to one document, with the connection's own Y.Doc.
 *
 * Why: a load generator holds 1,500 clients (3,500 sockets). With stock `WebsocketProvider`s each socket carries two
 * intervals of its own (the provider's 3 s liveness check and its Awareness' 3 s presence check), an Awareness that
 * parses and keeps every other client's presence, and event emitters around it all; together they kept the
 * generator's loop busy enough that its own late turns, not the server, set the benchmark's maximum latency.
 *
 * What stays exactly as a stock client does it, so the server sees the same traffic and the loss check the same
 * documents: the handshake (sync step 1 with the document's state vector, then its presence), answering the server's
 * sync step 1 with a sync step 2, applying every sync step 2 and update to the connection's own Y.Doc (each
 * receiver's document must hold every message at the end), sending each local transaction's update (a change made
 * through `write`) as one sync update frame, presence as y-protocols encodes it (the same JSON, a clock that grows) renewed every 15-15.5 s, answering
 * a presence query, and reconnecting after an unexpected close (the next sync step 1 fetches what was missed).
 *
 * What it leaves out, because no figure depends on it: it does not decode or keep other clients' presence (it only
 * counts the bytes where the benchmark reports them), and its presence renewals run from one timer for the whole
 * process (PresenceRenewals) instead of one per socket.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../sync-server/collab/protocol';

/** y-protocols renews a client's presence when it is this old (half of its 30 s timeout). */
export const PRESENCE_RENEW_MS = 15_000;
/**
 * PresenceRenewals' tick. It was 500 ms: connections that connected within the same half second (the bench opens
 * sessions 20 at a time) were renewed in one turn, about a hundred sends per load generator, a turn of 10-20 ms of
 * its CPU every half second, and every delivery waiting behind it came late. A 50 ms tick renews a tenth as many at once.
 */
export const PRESENCE_TICK_MS = 50;
/**
 * The 500 ms tick renewed a presence 15 s after it was sent plus, on average, half a tick: 15.25 s. A renewal is due
 * that long after the last with a shorter tick too (less half of it, which it waits on average), so the server
 * receives presence at the rate it did before the tick changed.
 */
const RENEW_INTERVAL_MS = PRESENCE_RENEW_MS + 250;
/** Wait before reconnecting after an unexpected close. */
const RECONNECT_MS = 500;

export interface RawConnectionOptions {
  /** ws://host:port/sync (the document name is appended, as y-websocket does). */
  url: string;
  docName: string;
  token: string;
  doc: Y.Doc;
  /** This client's presence state (y-websocket's awareness local state). */
  presence: Record<string, unknown>;
  /** Called with the byte length of each presence frame this connection sends / receives (the bench counts some). */
  onPresenceSent?: (bytes: number) => void;
  onPresenceReceived?: (bytes: number) => void;
  /** Called on each WebSocket ping from the server (ws answers it with a pong by itself), so the bench can count them. */
  onPing?: () => void;
  /** A frame the client cannot go on from (the server refused its token, say): the benchmark stops. */
  onFatal: (message: string) => void;
}

export class RawSyncConnection {
  /** Unexpected closes this connection recovered from by reconnecting. */
  reconnects = 0;
  /** Resolves at the first sync step 2 from the server (what y-websocket calls synced). */
  readonly synced: Promise<void>;
  private resolveSynced!: () => void;
  private ws: WebSocket | null = null;
  private destroyed = false;
  private presenceClock = 0;
  /** When this client's presence was last sent (performance.now()), null before the first: PresenceRenewals renews it when it gets old. */
  presenceSentAt: number | null = null;
  /** The renewals this connection was added to: told of each presence it sends. */
  renewals: PresenceRenewals | null = null;
  /** Its place in the renewals' queue for its latest send (PresenceRenewals skips its older places). */
  renewalEntry: RenewalEntry | null = null;
  private readonly presenceJson: string;
  /**
   * Makes a change to the document and sends what it changed, one sync update frame per transaction, as a provider
   * sends every local transaction. The document's 'update' listener is there only during the change: while a Y.Doc
   * has one, Yjs encodes every transaction's update for it, the server's relays included (which a client never sends
   * back): 207 of the 1,782 ms a load generator spent applying relays in a 20 s window at 500 sessions (CPU profile).
   */
  write(change: () => void): void {
    this.opts.doc.on('update', this.onUpdate);
    try {
      change();
    } finally {
      this.opts.doc.off('update', this.onUpdate);
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return; // what the server sent us: never echoed back
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_SYNC);
    syncProtocol.writeUpdate(enc, update);
    this.send(encoding.toUint8Array(enc));
  };

  constructor(private readonly opts: RawConnectionOptions) {
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
    this.presenceJson = JSON.stringify(opts.presence);
    this.connect();
  }

  private connect(): void {
    const ws = new WebSocket(`${this.opts.url}/${this.opts.docName}?token=${encodeURIComponent(this.opts.token)}`);
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    ws.on('open', () => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(enc, this.opts.doc);
      ws.send(encoding.toUint8Array(enc));
      this.sendPresence();
    });
    ws.on('message', (data: Buffer) => this.receive(data));
    if (this.opts.onPing) ws.on('ping', this.opts.onPing);
    ws.on('error', () => undefined); // a close follows; it decides
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.destroyed) return;
      this.reconnects++;
      setTimeout(() => {
        if (!this.destroyed) this.connect();
      }, RECONNECT_MS);
    });
  }

  private receive(data: Buffer): void {
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        // What y-protocols' readSyncMessage does, with an encoder for the answer only where there is one (sync step 1):
        // every relayed update built one for nothing before.
        const kind = decoding.readVarUint(decoder);
        if (kind === syncProtocol.messageYjsSyncStep1) {
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MESSAGE_SYNC);
          syncProtocol.readSyncStep1(decoder, enc, this.opts.doc);
          this.send(encoding.toUint8Array(enc));
        } else if (kind === syncProtocol.messageYjsSyncStep2 || kind === syncProtocol.messageYjsUpdate) {
          syncProtocol.readSyncStep2(decoder, this.opts.doc, this);
          if (kind === syncProtocol.messageYjsSyncStep2) this.resolveSynced();
        } else {
          this.opts.onFatal(`${this.opts.docName}: unknown sync message type ${kind} from the server`);
        }
        return;
      }
      case MESSAGE_AWARENESS:
        this.opts.onPresenceReceived?.(data.byteLength);
        return;
      case MESSAGE_QUERY_AWARENESS:
        this.sendPresence();
        return;
      case MESSAGE_AUTH:
        this.opts.onFatal(`${this.opts.docName}: the server refused the connection (auth message)`);
        return;
      default:
        this.opts.onFatal(`${this.opts.docName}: unknown message type ${type} from the server`);
    }
  }

  /** This client's presence, as y-protocols' encodeAwarenessUpdate writes it for one client, with the next clock. */
  sendPresence(state: string = this.presenceJson): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.opts.doc.clientID);
    encoding.writeVarUint(update, ++this.presenceClock);
    encoding.writeVarString(update, state);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(update));
    const frame = encoding.toUint8Array(enc);
    this.presenceSentAt = performance.now();
    this.renewals?.sent(this);
    this.opts.onPresenceSent?.(frame.byteLength);
    this.ws.send(frame);
  }

  private send(frame: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Leaves as a provider does: presence set to null, then the socket closed. */
  destroy(): void {
    if (this.destroyed) return;
    this.sendPresence('null');
    this.destroyed = true;
    this.ws?.close();
  }
}

/**
 * One timer for every connection's presence renewals: each tick renews the connections whose presence is old (at
 * least PRESENCE_RENEW_MS, as each Awareness' own 3 s interval would; RENEW_INTERVAL_MS on average), without 3,500
 * intervals in one process.
 *
 * The connections wait in the order they last sent their presence, so a tick looks only at those due and stops at the
 * first that is not: it used to test every connection of the process, 7,000 at 500 sessions, twenty times a second.
 * A connection that sent again before it was due (a presence query, a reconnect's handshake) is queued again with
 * that send, and its older place is skipped.
 */
interface RenewalEntry {
  conn: RawSyncConnection;
  /** When the send was, on the renewals' clock. */
  at: number;
}

export class PresenceRenewals {
  private queue: RenewalEntry[] = [];
  private head = 0;
  private readonly timer: NodeJS.Timeout;

  /** `now`: the renewals' clock (performance.now(); a test moves it forward instead of waiting 15 s). */
  constructor(
    tickMs = PRESENCE_TICK_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    const renewAfterMs = Math.max(PRESENCE_RENEW_MS, RENEW_INTERVAL_MS - tickMs / 2);
    this.timer = setInterval(() => {
      const t = now();
      // Only the places queued before this tick: a renewal queues its connection again, due a whole interval later.
      const end = this.queue.length;
      while (this.head < end) {
        const entry = this.queue[this.head]!;
        const latest = entry.conn.renewalEntry === entry;
        if (latest && t - entry.at < renewAfterMs) break;
        this.head++;
        // Renewed, it is queued again by its send; a closed one is not, and its reconnect's handshake queues it.
        if (latest) entry.conn.sendPresence();
      }
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    }, tickMs);
    this.timer.unref();
  }

  add(conn: RawSyncConnection): void {
    conn.renewals = this;
    if (conn.presenceSentAt !== null) this.sent(conn);
  }

  /** Called by the connection with each presence it sends. */
  sent(conn: RawSyncConnection): void {
    const entry = { conn, at: this.now() };
    conn.renewalEntry = entry;
    this.queue.push(entry);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
