/**
 * Takes away from the sandbox's global scope everything a candidate's code could use to reach beyond its own
 * computation: the network, the origin's storage (IndexedDB holds the interview documents a staff device syncs,
 * and writing there would send forged records in the staff member's name), other workers, notifications, and the
 * channel back to the app (a forged result message). Run once, after the worker kept what it needs and before any
 * candidate code. Names are removed from the scope and from every prototype it inherits from, where Web IDL puts most of them.
 */
const BLOCKED = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'RTCPeerConnection',
  'indexedDB',
  'caches',
  'cookieStore',
  'navigator',
  'importScripts',
  'BroadcastChannel',
  'MessageChannel',
  'Worker',
  'SharedWorker',
  'postMessage',
  'close',
  'onmessage',
  'onmessageerror',
  'requestFileSystem',
  'webkitRequestFileSystem',
  // Shown on the staff member's screen when they granted the page notifications: not the candidate's to use.
  'Notification',
] as const;

/** Removes the blocked names; returns those still reachable afterwards (the caller must then refuse to run code). */
export function lockDown(scope: object): string[] {
  for (const name of BLOCKED) {
    for (let o: object | null = scope; o !== null; o = Object.getPrototypeOf(o) as object | null) {
      if (!Object.getOwnPropertyDescriptor(o, name)) continue;
      try {
        delete (o as Record<string, unknown>)[name];
      } catch {
        // Not configurable: reported below.
      }
    }
  }
  return BLOCKED.filter((name) => (scope as Record<string, unknown>)[name] !== undefined);
}
