/**
 * The message numbers the sync server and the app's sender share (src/domain/sync-messages.ts) are y-websocket's own:
 * the stock provider the app runs on reads and writes the same bytes, so a number that drifts from its would make the
 * server misread every client.
 */
import { describe, expect, it } from 'vitest';
import { messagePermissionDenied } from 'y-protocols/auth';
import { messageAuth, messageAwareness, messageQueryAwareness, messageSync } from 'y-websocket';
import * as shared from '../../src/domain/sync-messages';
import * as serverProtocol from '../../sync-server/collab/protocol';

describe('the y-websocket message numbers', () => {
  it('are the stock provider’s', () => {
    expect([shared.MESSAGE_SYNC, shared.MESSAGE_AWARENESS, shared.MESSAGE_AUTH, shared.MESSAGE_QUERY_AWARENESS]).toEqual([
      messageSync,
      messageAwareness,
      messageAuth,
      messageQueryAwareness,
    ]);
    expect(shared.AUTH_PERMISSION_DENIED).toBe(messagePermissionDenied);
  });

  it('are the ones the sync server exports (one home, re-exported)', () => {
    expect(serverProtocol.MESSAGE_SYNC).toBe(shared.MESSAGE_SYNC);
    expect(serverProtocol.MESSAGE_AWARENESS).toBe(shared.MESSAGE_AWARENESS);
    expect(serverProtocol.MESSAGE_AUTH).toBe(shared.MESSAGE_AUTH);
    expect(serverProtocol.MESSAGE_QUERY_AWARENESS).toBe(shared.MESSAGE_QUERY_AWARENESS);
  });
});
