import type { ServerResponse } from 'node:http';

/**
 * The code sandbox's worker script (worker/sandbox/sandbox.worker.ts, built to /assets/sandbox.worker-<hash>.js)
 * runs candidates' code. Its lockdown removes fetch and the rest from the global scope, but the import() syntax
 * cannot be removed, and it sends a request anywhere (the response is refused under COEP; the request has already
 * left with whatever the URL carries). A worker obeys the policy delivered with its own script: scripts from this
 * origin only (the worker's chunks), and nothing else may be requested at all.
 */
export const SANDBOX_WORKER_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'";
const SANDBOX_WORKER_FILE = /^assets\/sandbox\.worker-[\w-]+\.js$/;

/**
 * Headers that belong to one file of the built app, chosen from the file the server resolved (its path relative
 * to the app folder), never from the URL as spelled: `/assets//x`, `%73` or a trailing slash name the same file.
 */
export function appFileHeaders(relPath: string): Record<string, string> {
  return SANDBOX_WORKER_FILE.test(relPath) ? { 'Content-Security-Policy': SANDBOX_WORKER_CSP } : {};
}

/**
 * Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which
 * ONNX Runtime Web needs for more than one WASM thread. Everything we serve is
 * same-origin, so require-corp costs nothing; CORP marks our own responses.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
}
