/**
 * Sends a y-websocket provider's changes in messages the sync server takes (at most 2 MiB each,
 * src/domain/sync-limits.ts), however much work was done offline.
 *
 * The stock provider answers the server's sync step 1 with everything the server lacks in one message, and sends
 * each local change (the copy y-indexeddb loads, a large paste) as one message. Past the server's limit the server
 * closes the socket (1009), the provider reconnects and sends the same message again, forever, while it reports
 * itself synced in between (the server's own step 2 arrives before the close): the changes never reach the server
 * and the device says nothing is pending.
 *
 * Here, an answer larger than the limit is split (split-update.ts) and sent as a catch-up: a few parts at a time,
 * each followed by a sync step 1 of our own. The server answers a step 1 only once every change applied before it is
 * stored (sync-server/collab/live-doc.ts), so each answer acknowledges the parts before it: progress counts what the
 * server stored, not what left the device. The provider counts as synced (and the app clears "unsent changes") only
 * once the last part is acknowledged. Local changes made meanwhile are held back and sent after the last part, so
 * none arrives before the records it builds on (the server drops a change that skips its writer's clocks). A local
 * change larger than a message made while synced (y-indexeddb's copy loading after the connection synced) goes as a
 * catch-up of its own, and the provider stops counting as synced until it is stored. A record
 * no message can carry, or a part the server refuses, is reported and the provider does not count as synced: the
 * changes stay on the device (IndexedDB) and are offered again at the next connection.
 *
 * Only what goes to the server changes; other tabs (BroadcastChannel) get every change whole, as before.
 */
import * as Y from 'yjs';
import * as bc from 'lib0/broadcastchannel';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import { MAX_SYNC_MESSAGE_BYTES } from '../domain/sync-limits';
import { AUTH_PERMISSION_DENIED, MESSAGE_AUTH, MESSAGE_SYNC } from '../domain/sync-messages';
import { splitUpdate, type SplitLimits } from './split-update';

/** A sync message's bytes besides its payload: message type, sync type and the payload's length. */
const FRAME_HEADER_BYTES = 8;

export interface CatchUpProgress {
  /** Bytes of the catch-up the server has acknowledged as stored. */
  storedBytes: number;
  totalBytes: number;
}

export interface ChunkedSyncOptions {
  /** The server's largest message (default MAX_SYNC_MESSAGE_BYTES). */
  maxMessageBytes?: number;
  /**
   * Size of each part of a catch-up (default 256 KiB): the server handles a message in one go on its event loop, so a
   * part costs it a few milliseconds there instead of tens for a message at the limit (decode, write check, apply and
   * SQLite commit of 2 KB chat records: median 2.5 ms per 256 KiB part, 11 ms per 512 KiB, 45 ms per 2 MiB; a
   * throwaway measurement at load 10, 2026-12-06 05:13 UTC).
   */
  partBytes?: number;
  /** Parts sent ahead of the server's acknowledgement (default 4: 1 MiB on its way). */
  partsInFlight?: number;
  /** A catch-up's progress; null once it is over, or abandoned with its connection. */
  onCatchUp?(progress: CatchUpProgress | null): void;
  /** Why some changes were not sent (a record no message can carry, or the server refused a part); null when cleared. */
  onUnsent?(problem: string | null): void;
}

interface CatchUp {
  ws: WebSocket;
  parts: Uint8Array[];
  /** Index of the next part to send, and how many parts are acknowledged. */
  next: number;
  acked: number;
  /** For each part sent: the number of the step 1 sent right after it, whose answer acknowledges it. */
  ackedBy: number[];
  storedBytes: number;
  totalBytes: number;
  /** Local changes made during the catch-up, sent after its last part. */
  held: Uint8Array[];
  /** What splitting could not fit in a message; the server's refusal of a part. */
  unsendable: string | null;
  refused: string | null;
}

function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/**
 * Takes over the provider's sync messages and its sending of local changes (before the app detaches the update
 * handler of a read-only role: `provider._updateHandler` is replaced here). Returns a function that gives them back.
 */
export function installChunkedSync(provider: WebsocketProvider, opts: ChunkedSyncOptions = {}): () => void {
  const doc = provider.doc;
  const maxMessageBytes = opts.maxMessageBytes ?? MAX_SYNC_MESSAGE_BYTES;
  const limits: SplitLimits = {
    maxBytes: maxMessageBytes - FRAME_HEADER_BYTES,
    targetBytes: Math.min(opts.partBytes ?? 256 * 1024, maxMessageBytes - FRAME_HEADER_BYTES),
  };
  const partsInFlight = Math.max(1, opts.partsInFlight ?? 4);
  /** Per socket: step 1 messages sent (the provider sends the first on open) and step 2 answers received. */
  let asked = 0;
  let answers = 0;
  let catchUp: CatchUp | null = null;
  /** This connection's catch-up left something unsent: it must not count as synced (reset by the next connection). */
  let blocked = false;

  const isOpen = (ws: WebSocket | null): ws is WebSocket => ws !== null && ws === provider.ws && ws.readyState === ws.OPEN;

  const abandon = () => {
    if (catchUp === null) return;
    catchUp = null;
    opts.onCatchUp?.(null);
  };

  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') {
      abandon();
      asked = 1;
      answers = 0;
      blocked = false;
    } else if (status === 'disconnected') abandon();
  };
  provider.on('status', onStatus);

  /**
   * A local change to the server: as it is when it fits a message, else as a catch-up (the copy y-indexeddb loads
   * after the connection has synced, a large paste), and the document does not count as synced until all of it is
   * stored.
   */
  const sendToServer = (update: Uint8Array) => {
    const ws = provider.ws;
    if (!provider.wsconnected || !isOpen(ws)) return;
    if (update.length <= limits.maxBytes) {
      ws.send(syncFrame(syncProtocol.messageYjsUpdate, update));
      return;
    }
    provider.synced = false;
    startCatchUp(ws, update);
  };

  const pump = (c: CatchUp) => {
    while (c.next < c.parts.length && c.next - c.acked < partsInFlight) {
      if (!isOpen(c.ws)) return;
      c.ws.send(syncFrame(syncProtocol.messageYjsSyncStep2, c.parts[c.next]!));
      c.ws.send(syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(doc)));
      asked++;
      c.ackedBy.push(asked);
      c.next++;
    }
  };

  const finish = (c: CatchUp) => {
    catchUp = null;
    opts.onCatchUp?.(null);
    if (c.held.length > 0) sendToServer(Y.mergeUpdates(c.held));
    // What was held back was itself larger than a message: its own catch-up decides when the document is synced.
    if (catchUp !== null) return;
    const problem = c.unsendable ?? (c.refused ? `the server refused part of them: ${c.refused}` : null);
    if (problem) {
      blocked = true;
      opts.onUnsent?.(problem);
      return;
    }
    provider.synced = true;
  };

  const startCatchUp = (ws: WebSocket, diff: Uint8Array) => {
    const { parts, unsendable } = splitUpdate(diff, limits);
    const c: CatchUp = {
      ws,
      parts,
      next: 0,
      acked: 0,
      ackedBy: [],
      storedBytes: 0,
      totalBytes: parts.reduce((n, p) => n + p.length, 0),
      held: [],
      unsendable,
      refused: null,
    };
    catchUp = c;
    if (parts.length === 0) {
      finish(c);
      return;
    }
    opts.onCatchUp?.({ storedBytes: 0, totalBytes: c.totalBytes });
    pump(c);
  };

  /** A step 2 from the server: the answer to the oldest unanswered step 1 of ours. */
  const answered = () => {
    answers++;
    const c = catchUp;
    if (c === null) {
      if (!provider.synced && !blocked) provider.synced = true;
      return;
    }
    const before = c.acked;
    while (c.acked < c.next && c.ackedBy[c.acked]! <= answers) c.storedBytes += c.parts[c.acked++]!.length;
    if (c.acked > before) opts.onCatchUp?.({ storedBytes: c.storedBytes, totalBytes: c.totalBytes });
    if (c.acked === c.parts.length) finish(c);
    else pump(c);
  };

  const handlers = provider.messageHandlers;
  const stockSync = handlers[MESSAGE_SYNC]!;
  const stockAuth = handlers[MESSAGE_AUTH]!;
  // `fromServer` is false for messages from other tabs of this browser (BroadcastChannel): answered as the stock
  // provider does, in one message, since nothing limits their size.
  handlers[MESSAGE_SYNC] = (encoder, decoder, p, fromServer) => {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case syncProtocol.messageYjsSyncStep1: {
        const diff = Y.encodeStateAsUpdate(doc, decoding.readVarUint8Array(decoder));
        if (fromServer && diff.length > limits.maxBytes && isOpen(p.ws)) {
          startCatchUp(p.ws, diff);
          return;
        }
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(encoder, diff);
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
        syncProtocol.readSyncStep2(decoder, doc, p);
        if (fromServer) answered();
        return;
      case syncProtocol.messageYjsUpdate:
        syncProtocol.readUpdate(decoder, doc, p);
        return;
      default:
        throw new Error('Unknown message type');
    }
  };
  // A refusal during a catch-up means a part was not stored: noted, then handled as before (the stock handler logs it).
  handlers[MESSAGE_AUTH] = (encoder, decoder, p, fromServer, type) => {
    const peek = decoding.clone(decoder);
    if (catchUp && decoding.readVarUint(peek) === AUTH_PERMISSION_DENIED) catchUp.refused ??= decoding.readVarString(peek);
    stockAuth(encoder, decoder, p, fromServer, type);
  };

  const stockUpdate = provider._updateHandler;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    if (provider.bcconnected) bc.publish(provider.bcChannel, syncFrame(syncProtocol.messageYjsUpdate, update), provider);
    if (catchUp) catchUp.held.push(update);
    else sendToServer(update);
  };
  doc.off('update', stockUpdate);
  provider._updateHandler = onUpdate;
  doc.on('update', onUpdate);

  return () => {
    abandon();
    provider.off('status', onStatus);
    handlers[MESSAGE_SYNC] = stockSync;
    handlers[MESSAGE_AUTH] = stockAuth;
    doc.off('update', onUpdate);
    provider._updateHandler = stockUpdate;
    doc.on('update', stockUpdate);
  };
}
