/**
 * A small static HTTP server for the ASR tests and benchmarks: serves folders under URL prefixes with the same
 * headers as the sync server (COOP/COEP so pages get threads, immutable caching for models, byte ranges), and can
 * inject faults (a corrupted byte, a connection dropped halfway) to exercise the model store for real.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
};

export interface Fault {
  /** Flip one byte of the body (the file on disk is untouched). */
  corrupt?: boolean;
  /** Close the connection after this many bytes of the body, once. */
  dropAfterBytes?: number;
  /** Answer with this status instead. */
  status?: number;
}

export interface ModelFileServer {
  url: string;
  /** Requests seen, as "METHOD path [range]". */
  log: string[];
  faults: Map<string, Fault>;
  close(): Promise<void>;
}

export async function startModelFileServer(roots: Record<string, string>, opts: { rangeSupport?: boolean } = {}): Promise<ModelFileServer> {
  const log: string[] = [];
  const faults = new Map<string, Fault>();
  const entries = Object.entries(roots).sort((a, b) => b[0].length - a[0].length);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const range = req.headers.range;
    log.push(`${req.method} ${pathname}${range ? ` ${range}` : ''}`);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const match = entries.find(([prefix]) => pathname.startsWith(prefix));
    if (!match) return void res.writeHead(404).end();
    const [prefix, dir] = match;
    const root = path.resolve(dir);
    let file = path.resolve(root, '.' + path.posix.normalize('/' + pathname.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + path.sep)) return void res.writeHead(400).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const fault = faults.get(pathname);
    if (fault?.status) return void res.writeHead(fault.status).end();
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    let body = fs.readFileSync(file);
    if (fault?.corrupt) {
      body = Buffer.from(body);
      const at = Math.floor(body.length / 2);
      body[at] = body[at]! ^ 0xff;
    }
    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': prefix.includes('models') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let start = 0;
    let end = body.length;
    let status = 200;
    if (opts.rangeSupport !== false) {
      headers['Accept-Ranges'] = 'bytes';
      const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
      if (m) {
        start = Number(m[1]);
        end = m[2] ? Number(m[2]) + 1 : body.length;
        if (start >= body.length || end > body.length || start >= end) {
          res.writeHead(416, { 'Content-Range': `bytes */${body.length}` });
          return void res.end();
        }
        status = 206;
        headers['Content-Range'] = `bytes ${start}-${end - 1}/${body.length}`;
      }
    }
    const slice = body.subarray(start, end);
    headers['Content-Length'] = String(slice.length);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();
    if (fault?.dropAfterBytes !== undefined && status === 200) {
      faults.delete(pathname);
      res.write(slice.subarray(0, fault.dropAfterBytes), () => res.destroy());
      return;
    }
    res.end(slice);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
