/**
 * The sync server's largest WebSocket message (sync-server/collab/limits.ts `maxMessageBytes`), known to clients so
 * that a device sending more than that at once (work done offline, sync step 2 after reconnecting) splits it into
 * messages the server takes (src/sync/chunked-sync.ts) instead of being closed with 1009 on every retry.
 */
export const MAX_SYNC_MESSAGE_BYTES = 2 * 1024 * 1024;
