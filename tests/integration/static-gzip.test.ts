/**
 * The built app's text files go gzipped to browsers that take it (a candidate on a thin link pays for every
 * byte), through a real HTTP server and Node's own client; ranges, binaries and clients without gzip get the
 * file as stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { appCacheControl, serveStatic } from '../../sync-server/http/static-files';
import { acceptsGzip } from '../../sync-server/http/gzip-cache';

let dir: string;
let server: http.Server;
let base: string;
const js = 'export const answer = 42;\n'.repeat(400);
const wasm = Buffer.alloc(8192, 7);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-gzip-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), js);
  fs.writeFileSync(path.join(dir, 'assets', 'runtime.wasm'), wasm);
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  server = http.createServer((req, res) => {
    if (!serveStatic(req, res, [{ dir, prefix: '/', spaFallback: true, cacheControl: appCacheControl }])) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${pathname}`, { headers }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      })
      .on('error', reject);
  });
}

describe('gzip for the app', () => {
  it('sends JavaScript gzipped to a client that takes it, the same bytes once inflated', async () => {
    const res = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(js.length / 10);
    expect(gunzipSync(res.body).toString()).toBe(js);
    // The second answer comes from memory and is the same.
    const again = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(again.body.equals(res.body)).toBe(true);
  });

  it('sends the file as stored without gzip, for a range, and for binaries', async () => {
    const plain = await get('/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
    const refused = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const range = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip', Range: 'bytes=0-9' });
    expect(range.status).toBe(206);
    expect(range.headers['content-encoding']).toBeUndefined();
    expect(range.body.toString()).toBe(js.slice(0, 10));
    const binary = await get('/assets/runtime.wasm', { 'Accept-Encoding': 'gzip' });
    expect(binary.headers['content-encoding']).toBeUndefined();
    expect(binary.body.equals(wasm)).toBe(true);
  });

  it('gives each encoding its own ETag, so a cached plain copy is never confirmed for a gzipped one', async () => {
    const gz = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip' });
    const plain = await get('/assets/app-abc123.js');
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const revalidated = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': String(gz.headers.etag) });
    expect(revalidated.status).toBe(304);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(acceptsGzip('gzip, deflate, br, zstd')).toBe(true);
    expect(acceptsGzip('GZIP')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
