/**
 * The page of the code sandbox frame (worker/sandbox/frame-port.ts): a `srcdoc` document in an iframe with
 * `sandbox="allow-scripts"`, so it has an opaque origin of its own. Code there cannot read the page's DOM,
 * localStorage, cookies or IndexedDB (each throws a SecurityError), its requests carry no credentials and its
 * content security policy allows none at all. Chromium also gives such a frame its own process, so a candidate's
 * code that exhausts the memory takes down that process only, never the guest's or the staff member's page (a
 * worker's heap running out ends its whole renderer process in Chromium, not only the worker).
 *
 * The frame starts the sandbox worker from the script text the app hands it: a module worker cannot start from an
 * opaque origin, so it is a classic worker from a blob, and its script is wrapped in a function so that the
 * bundle's top-level names (the reply channel among them) stay out of the global scope the candidate's code sees.
 * The frame relays messages both ways over the MessagePort it was given, says it is alive every
 * SANDBOX_FRAME_HEARTBEAT_MS (a frame that goes silent died: its process ran out of memory) and answers pings.
 */
import type { SandboxRunRequest } from './protocol';

export const SANDBOX_FRAME_PROTOCOL_VERSION = 1;
type V = typeof SANDBOX_FRAME_PROTOCOL_VERSION;

/** The first message the app sends the frame (with the port), through `postMessage(…, '*')`: an opaque origin has no name. */
export interface SandboxFrameStart {
  frame: V;
  type: 'start';
  /** The built sandbox worker (assets/sandbox.worker-<hash>.js), as text. */
  workerSource: string;
}

/** App → frame on the port: the sandbox's run request (relayed to the worker), or a ping. */
export type AppToSandboxFrame = SandboxRunRequest | { frame: V; type: 'ping'; id: number };

/** Frame → app on the port, besides the sandbox worker's own messages (protocol.ts), which it relays as they are. */
export type SandboxFrameMessage = { frame: V; type: 'alive' } | { frame: V; type: 'pong'; id: number } | { frame: V; type: 'failed'; message: string };

export const SANDBOX_FRAME_HEARTBEAT_MS = 200;

/** The frame's policy (a meta tag: a srcdoc document has no response headers); its blob worker inherits it. */
export const SANDBOX_FRAME_CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:";

export function isSandboxFrameMessage(data: unknown): data is SandboxFrameMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as { frame?: unknown; type?: unknown };
  return m.frame === SANDBOX_FRAME_PROTOCOL_VERSION && (m.type === 'alive' || m.type === 'pong' || m.type === 'failed');
}

// Plain JavaScript (it runs as written, inside the frame): nothing from this module's scope reaches it.
const BOOTSTRAP = `'use strict';
addEventListener('message', function start(event) {
  const d = event.data;
  if (event.source !== parent || !d || d.frame !== ${SANDBOX_FRAME_PROTOCOL_VERSION} || d.type !== 'start' || typeof d.workerSource !== 'string' || !event.ports[0]) return;
  removeEventListener('message', start);
  const port = event.ports[0];
  const say = (m) => port.postMessage(Object.assign({ frame: ${SANDBOX_FRAME_PROTOCOL_VERSION} }, m));
  setInterval(() => say({ type: 'alive' }), ${SANDBOX_FRAME_HEARTBEAT_MS});
  say({ type: 'alive' });
  let worker;
  try {
    const url = URL.createObjectURL(new Blob(['(function () {"use strict";\\n', d.workerSource, '\\n})();\\n'], { type: 'text/javascript' }));
    worker = new Worker(url, { name: 'code-sandbox' });
  } catch (err) {
    say({ type: 'failed', message: 'the code sandbox could not start: ' + String(err) });
    return;
  }
  worker.onmessage = (m) => port.postMessage(m.data);
  worker.onerror = (e) => { e.preventDefault(); say({ type: 'failed', message: e.message || 'the sandbox worker failed' }); };
  worker.onmessageerror = () => say({ type: 'failed', message: 'a message from the sandbox could not be read' });
  port.onmessage = (m) => {
    const x = m.data;
    if (x && x.frame === ${SANDBOX_FRAME_PROTOCOL_VERSION} && x.type === 'ping') say({ type: 'pong', id: x.id });
    else worker.postMessage(x);
  };
});`;

export function sandboxFrameHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${SANDBOX_FRAME_CSP}"><title>Code sandbox</title></head><body><script>${BOOTSTRAP}</script></body></html>`;
}
