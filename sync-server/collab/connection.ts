/**
 * One accepted WebSocket on one document: decodes what the client sends,
 * enforces its role (writes refused for readers, presence hidden for silent
 * observers), throttles floods, and closes only itself when something is wrong.
 */
import type { RawData, WebSocket } from 'ws';
import type { Access } from '../../src/domain/access';
import type { TokenClaims } from '../auth/tokens';
import { presenceViolation } from './authorship';
import { CLOSE } from './close-codes';
import type { CollabLimits } from './limits';
import type { LiveDoc, Logger, Peer } from './live-doc';
import type { MessageSlices } from './message-slices';
import { decodeClientFrame, encodeAwareness, encodePermissionDenied, type ClientFrame } from './protocol';
import { TokenBucket } from './rate-limiter';
import { checkUpdate, ownerKey, type Writer } from './update-policy';

export interface ConnectionDeps {
  limits: CollabLimits;
  log: Logger;
  /** The socket closed, for whatever reason: forget the connection everywhere. */
  onClosed(conn: Connection): void;
  /** Yjs threw while applying this connection's update: reload the document from storage. */
  reloadDoc(doc: LiveDoc, offender: Connection): void;
  /** Where messages and the close are handled: at once, or in a later slice when this turn's budget is spent (message-slices.ts). */
  slices: Pick<MessageSlices, 'push'>;
}

/** setTimeout takes at most 2^31-1 ms; longer token lifetimes re-arm. */
const MAX_TIMER_MS = 2_147_483_647;

let nextId = 1;

const NO_CLAIMS: readonly { client: number; owner: string }[] = [];

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}

export class Connection implements Peer {
  readonly id = nextId++;
  /**
   * Heard from (a message or a pong) since the ping round last visited it. Any frame proves the peer alive as well as
   * a pong does, and a stock client renews its presence every 15 s, so a busy connection is never pinged.
   */
  private heard = true;
  /** Pinged by the last round and silent since: the next round terminates it. */
  private awaitingPong = false;
  private closing = false;
  private paused = false;
  private throttledMessages = 0;
  private refusedWrites = 0;
  readonly writer: boolean;
  readonly reader: boolean;
  /** Who this connection writes as, for the write policy (the claims do not change while it is open). */
  private readonly asWriter: Writer;
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private closed = false;
  private readonly closeWaiters: Array<() => void> = [];
  private expiryTimer: NodeJS.Timeout | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ws: WebSocket,
    readonly doc: LiveDoc,
    readonly claims: TokenClaims,
    /** What the token's role may do on this document (never 'none': refused at the upgrade). */
    readonly access: Access,
    /** Whether this connection's presence is relayed to others (presence.ts). */
    readonly visible: boolean,
    private readonly deps: ConnectionDeps,
  ) {
    this.writer = access === 'write' || access === 'append';
    this.reader = access === 'read' || access === 'write';
    this.asWriter = { sub: claims.sub, role: claims.role, owner: ownerKey(claims), access };
    const { limits } = deps;
    this.messages = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
    this.bytes = new TokenBucket(limits.byteBurst, limits.bytesPerSecond);
    // In arrival order, with the close after the messages before it (message-slices.ts bounds a turn's work).
    ws.on('message', (data, isBinary) => {
      this.heard = true;
      deps.slices.push(() => this.onMessage(data, isBinary));
    });
    ws.on('pong', () => {
      this.heard = true;
    });
    ws.on('error', (err: Error & { code?: string }) => {
      // ws closes the socket itself (1009 too big, 1002 protocol error, ...); we only record why.
      this.deps.log('warn', 'Sync connection error', { ...this.logFields(), code: err.code, error: err.message });
    });
    ws.on('close', (code, reason) => deps.slices.push(() => this.onClose(code, reason.toString())));
    this.armExpiry();
  }

  private logFields(): Record<string, unknown> {
    return { conn: this.id, doc: this.doc.name, role: this.claims.role, jti: this.claims.jti };
  }

  send(message: Uint8Array): void {
    if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.deps.limits.maxBufferedBytes) {
      this.deps.log('warn', 'Closed a connection that stopped reading', { ...this.logFields(), buffered: this.ws.bufferedAmount });
      this.close(CLOSE.tryAgainLater, 'client is not reading');
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.clearTimers();
    // A throttled socket must be read again, or the client's half of the closing handshake is never seen.
    if (this.paused) this.ws.resume();
    this.ws.close(code, reason);
    // A peer that never completes the closing handshake must not keep its slot.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }

  onceClosed(fn: () => void): void {
    if (this.closed) fn();
    else this.closeWaiters.push(fn);
  }

  /**
   * Ping round: a connection heard from since the last round counts as having answered, and is not pinged (a ping and
   * its pong cost a write and a read on each side); a silent one is pinged, and terminated if still silent at the next
   * round. So a connection that dies is dropped between two and three rounds after the last frame it sent (when every
   * connection was pinged, at most two rounds after its last pong): a slot held up to 30 s longer, for no ping at all
   * on live connections (presence lists drop a silent person after 30 s either way, awareness-store.ts).
   */
  heartbeat(): void {
    if (this.heard) {
      this.heard = false;
      this.awaitingPong = false;
      return;
    }
    if (this.awaitingPong) {
      this.deps.log('info', 'Sync connection timed out', this.logFields());
      this.ws.terminate();
      return;
    }
    this.awaitingPong = true;
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  private armExpiry(): void {
    const ms = this.claims.exp * 1000 - Date.now();
    if (ms <= 0) {
      this.close(CLOSE.unauthorized, 'token expired');
      return;
    }
    this.expiryTimer = setTimeout(() => this.armExpiry(), Math.min(ms, MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  private clearTimers(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.expiryTimer = this.resumeTimer = null;
  }

  private onClose(code: number, reason: string): void {
    this.closing = true;
    this.clearTimers();
    if (this.throttledMessages > 0 || this.refusedWrites > 0) {
      this.deps.log('info', 'Sync connection closed', {
        ...this.logFields(),
        code,
        reason,
        throttledMessages: this.throttledMessages,
        refusedWrites: this.refusedWrites,
      });
    }
    this.closed = true;
    this.deps.onClosed(this);
    for (const fn of this.closeWaiters.splice(0)) fn();
  }

  /** Spends the rate budget; in debt, stop reading the socket until it is paid off. */
  private throttle(size: number): boolean {
    const msgBalance = this.messages.take(1);
    const byteBalance = this.bytes.take(size);
    if (msgBalance >= 0 && byteBalance >= 0) return true;
    this.throttledMessages++;
    const debt = Math.max(this.messages.debtSeconds(), this.bytes.debtSeconds());
    if (debt > this.deps.limits.maxThrottleDebtSeconds) {
      this.deps.log('warn', 'Closed a connection that kept flooding', { ...this.logFields(), debtSeconds: Math.round(debt) });
      this.close(CLOSE.policy, 'rate limit exceeded');
      return false;
    }
    if (!this.paused) {
      if (this.throttledMessages === 1) this.deps.log('info', 'Throttling a sync connection', this.logFields());
      this.paused = true;
      this.ws.pause();
      const wait = Math.max(this.messages.msUntilPaidOff(), this.bytes.msUntilPaidOff());
      this.resumeTimer = setTimeout(() => {
        this.resumeTimer = null;
        this.paused = false;
        if (!this.closing) this.ws.resume();
      }, wait);
    }
    return true;
  }

  private malformed(code: number, reason: string, size: number): void {
    this.deps.log('warn', 'Closed a sync connection that sent a malformed frame', { ...this.logFields(), reason, bytes: size });
    this.close(code, reason.slice(0, 120));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    const bytes = toBytes(data);
    if (!this.throttle(bytes.length)) return;
    if (!isBinary) {
      this.malformed(CLOSE.unsupportedData, 'text frames are not part of the protocol', bytes.length);
      return;
    }
    const decoded = decodeClientFrame(bytes);
    if (!decoded.ok) {
      this.malformed(CLOSE.malformed, decoded.reason, bytes.length);
      return;
    }
    try {
      this.handle(decoded.frame);
    } catch (err) {
      this.deps.log('error', 'Failed to handle a sync message', { ...this.logFields(), error: (err as Error).message });
      this.close(CLOSE.internalError, 'internal error');
    }
  }

  private handle(frame: ClientFrame): void {
    const doc = this.doc;
    switch (frame.type) {
      case 'sync-step1':
        doc.answerSyncStep1(this, frame.stateVector);
        return;
      case 'sync-step2':
      case 'sync-update': {
        if (frame.empty) return;
        const { role } = this.claims;
        if (!this.writer) {
          this.refuseWrite(`role ${role} may only read ${doc.kind} documents`);
          return;
        }
        const verdict = checkUpdate(frame.decoded, frame.update.length, doc.doc, doc.kind, doc.caps.maxRecordBytes, this.asWriter, doc);
        if (verdict.ok === 'gap') return;
        if (!verdict.ok) {
          if (verdict.tooLarge) this.closeTooLarge(verdict.reason);
          else this.refuseWrite(`role ${role} may not write this to ${doc.kind} documents: ${verdict.reason}`);
          return;
        }
        if (doc.wouldOverflow(frame.update.length)) {
          this.closeTooLarge(`the document is full: ${doc.kind} documents may hold at most ${doc.caps.maxDocBytes} bytes`);
          return;
        }
        // Client ids this writer uses first are bound to it in the same write as the update's changes.
        const owner = this.asWriter.owner;
        const claims = verdict.newClients.length === 0 ? NO_CLAIMS : verdict.newClients.map((client) => ({ client, owner }));
        // An update the server held nothing of is stored and relayed as received (live-doc.ts applyReceived).
        // Its decoded structs go with it, to be integrated without decoding the bytes again (integrate-decoded.ts).
        const received = verdict.allNew ? { structs: frame.decoded.structs.length, relayable: frame.relayable, decoded: frame.decoded } : null;
        if (!doc.applyClientUpdate(this, frame.update, claims, received)) {
          this.deps.reloadDoc(doc, this);
          return;
        }
        return;
      }
      case 'awareness': {
        const entries = frame.entries.filter((e) => {
          // Stock clients echo other people's presence back; the store ignores those echoes, so they are not this
          // connection claiming to be someone else. That includes an echo of someone who has just left (their
          // connection is gone, the store holds their departure at a newer clock): a staff reload did that.
          const owner = doc.awareness.ownerOf(e.clientId);
          if (e.isNull || (owner !== null && owner !== this) || doc.awareness.isStale(e)) return true;
          const violation = presenceViolation(e.state, this.claims);
          if (violation) this.refuseWrite(`role ${this.claims.role} may not appear as someone else: ${violation}`);
          return violation === null;
        });
        if (entries.length === 0) return;
        // Every entry kept: the client's frame is the message that relays them (protocol.ts `relayable`), when it is canonical.
        const received = entries.length === frame.entries.length ? frame.relayable : null;
        if (this.visible) {
          const max = this.deps.limits.maxAwarenessClientsPerConnection;
          doc.applyAwareness(this, entries, () => doc.awareness.ownedBy(this).length < max, received);
        } else {
          // Invisible: nobody else hears it, but the client's keep-alive watchdog needs the echo.
          this.send(received ?? encodeAwareness(entries));
        }
        return;
      }
      case 'query-awareness':
        this.send(encodeAwareness(doc.awareness.current()));
        return;
    }
  }


  /** Past a size cap: the same write would be refused again, so the connection closes (4413: no reconnecting). */
  private closeTooLarge(reason: string): void {
    this.refusedWrites++;
    this.deps.log('warn', 'Closed a sync connection over a size cap', { ...this.logFields(), reason });
    this.send(encodePermissionDenied(reason));
    this.close(CLOSE.tooLarge, reason.slice(0, 120));
  }

  private refuseWrite(reason: string): void {
    this.refusedWrites++;
    if (this.refusedWrites === 1) {
      this.deps.log('info', 'Refused a write', { ...this.logFields(), reason });
      this.send(encodePermissionDenied(reason));
    }
  }
}
