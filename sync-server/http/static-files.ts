/**
 * Serves the built PWA and the model files: SPA fallback for app routes, long
 * caching for content-hashed assets and models, no caching for the HTML and the
 * service worker (so updates are noticed), and byte ranges (models are large and
 * downloads over flaky links resume). Text files go gzipped to clients that take it (gzip-cache.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptsGzip, gzipped, isCompressible } from './gzip-cache';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticRoot {
  dir: string;
  /** URL prefix, e.g. '/' or '/models/'. */
  prefix: string;
  /** Serve index.html for unknown paths without an extension (client-side routes). */
  spaFallback: boolean;
  cacheControl: (relPath: string) => string;
  /** Headers for one file (the sandbox worker's content security policy), by its resolved path. */
  fileHeaders?: (relPath: string) => Record<string, string>;
}

export function appCacheControl(rel: string): string {
  if (rel.startsWith('assets/')) return 'public, max-age=31536000, immutable';
  if (rel === 'index.html' || rel === 'sw.js' || rel.startsWith('workbox-') || rel.endsWith('.webmanifest')) {
    return 'no-cache';
  }
  return 'public, max-age=3600';
}

export const modelCacheControl = (): string => 'public, max-age=31536000, immutable';

function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

/** Returns true when the request was answered. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, roots: readonly StaticRoot[]): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = pathAsSent(req.url ?? '/');
  for (const root of roots) {
    if (!pathname.startsWith(root.prefix)) continue;
    const rel = pathname.slice(root.prefix.length);
    let file = resolveInside(root.dir, rel || 'index.html');
    if (!file) {
      res.writeHead(400).end('Bad path');
      return true;
    }
    let stat = statFile(file);
    if (stat && !isCanonical(rel, relativePath(root.dir, file))) {
      // One spelling per file: headers chosen by path (the sandbox worker's policy) cannot be dodged with
      // `//`, percent-encoding, `./` or a trailing slash that the resolution above would forgive.
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return true;
    }
    if (!stat && root.spaFallback && !path.extname(rel)) {
      file = path.join(root.dir, 'index.html');
      stat = statFile(file);
    }
    if (!stat) continue;
    const relPath = relativePath(root.dir, file);
    sendFile(req, res, file, stat, root.cacheControl(relPath), root.fileHeaders?.(relPath) ?? {});
    return true;
  }
  return false;
}

/** The path exactly as the client wrote it: URL parsing would resolve `./` and `../` before the canonical check. */
function pathAsSent(url: string): string {
  if (!url.startsWith('/')) return new URL(url, 'http://x').pathname; // absolute-form request target
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The URL names the file exactly as it is stored (the root's URL names its index.html). */
function isCanonical(urlRel: string, fileRel: string): boolean {
  return urlRel === fileRel || (urlRel === '' && fileRel === 'index.html');
}

function statFile(file: string): fs.Stats | null {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  stat: fs.Stats,
  cacheControl: string,
  fileHeaders: Record<string, string>,
): void {
  const ext = path.extname(file).toLowerCase();
  const compressible = isCompressible(ext, stat.size);
  // A whole-file request for a text file goes gzipped; a range is always of the file as stored.
  const gzip = compressible && !req.headers.range && acceptsGzip(req.headers['accept-encoding']);
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${gzip ? '-gz' : ''}"`;
  const headers: Record<string, string | number> = {
    ...fileHeaders,
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Cache-Control': cacheControl,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': stat.mtime.toUTCString(),
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  if (gzip) {
    gzipped(file, stat).then(
      (body) => {
        res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.destroy(),
    );
    return;
  }
  const range = parseRange(req.headers.range, stat.size);
  if (range === 'invalid') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stat.size}` }).end();
    return;
  }
  const [start, end] = range ?? [0, stat.size - 1];
  headers['Content-Length'] = stat.size === 0 ? 0 : end - start + 1;
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${stat.size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || stat.size === 0) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Single ranges only ("bytes=a-b", "bytes=a-", "bytes=-n"); that is all resumable downloads use. */
export function parseRange(header: string | undefined, size: number): [number, number] | null | 'invalid' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return [start, end];
}
