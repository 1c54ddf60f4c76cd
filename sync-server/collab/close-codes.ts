/**
 * WebSocket close codes the sync server uses. The y-websocket client stops
 * reconnecting on 4400-4499 (a decision reconnecting cannot fix) and retries
 * with backoff on everything else, so only lost permissions use that range.
 */
export const CLOSE = {
  /** Server shutting down; clients reconnect when it is back. */
  goingAway: 1001,
  /** A text frame: the protocol is binary only. */
  unsupportedData: 1003,
  /** A frame that does not decode as a y-websocket message, or an update Yjs cannot apply. */
  malformed: 1007,
  /** Kept flooding while throttled. */
  policy: 1008,
  /** Frame larger than maxMessageBytes (sent by the ws library itself). */
  tooBig: 1009,
  /** The server failed while handling the connection. */
  internalError: 1011,
  /** The document was reloaded after an update Yjs could not apply; reconnect to resync. */
  reload: 1012,
  /** The client stopped reading and its outgoing queue is full. */
  tryAgainLater: 1013,
  /**
   * This node no longer owns the interview (its lease moved to another node, sync-server/cluster/): reconnect, and
   * the proxy brings the client to the owner. Outside 4400-4499 on purpose: clients retry it.
   */
  movedToAnotherNode: 4307,
  /** The token expired or was revoked while the connection was open. */
  unauthorized: 4401,
  /** The interview was deleted by its host; its documents are gone for good. */
  deleted: 4410,
  /** The document reached its size cap, or a record is larger than its kind allows (src/domain/doc-schema.ts). */
  tooLarge: 4413,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];
