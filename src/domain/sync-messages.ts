/**
 * The y-websocket wire protocol's top-level message types, and the one auth reply the server sends. The sync server
 * (sync-server/collab/protocol.ts) and the app's sender (src/sync/chunked-sync.ts) both read and write these bytes, so
 * they take the numbers from here: two copies could drift apart without any type error.
 *
 * The numbers are y-websocket's own (its provider's `messageSync` … `messageQueryAwareness`; y-protocols/auth's
 * `messagePermissionDenied`), fixed by the protocol.
 */

/** Sync (y-protocols/sync): step 1, step 2 or an update follows. */
export const MESSAGE_SYNC = 0;
/** Presence (y-protocols/awareness). */
export const MESSAGE_AWARENESS = 1;
/** Auth (y-protocols/auth): the server refused something. */
export const MESSAGE_AUTH = 2;
/** A request for everyone's presence. */
export const MESSAGE_QUERY_AWARENESS = 3;

/** Auth sub-type: permission denied, followed by the reason as a string. */
export const AUTH_PERMISSION_DENIED = 0;
