import type { ServerResponse } from 'node:http';

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
