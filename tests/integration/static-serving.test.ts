/** The real server serving the built app and model files: SPA routes, ranges, path traversal. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startServer, tempDataDir, type ServerProcess } from '../support/server-process';

let s: ServerProcess;
const staticDir = tempDataDir('interq-static-');
const modelsDir = tempDataDir('interq-models-');
const SANDBOX = 'sandbox.worker-Ab12_x.js';
const SANDBOX_CODE = 'self.sandboxed = true';
const SANDBOX_CSP = "default-src 'none'; script-src 'self' 'unsafe-eval'";
const blob = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(staticDir, 'assets', SANDBOX), SANDBOX_CODE);
  fs.writeFileSync(path.join(staticDir, 'assets', `${SANDBOX}.map`), '{}');
  fs.mkdirSync(path.join(modelsDir, 'm'));
  fs.writeFileSync(path.join(modelsDir, 'm', 'weights.onnx'), blob);
  s = await startServer({ env: { STATIC_DIR: staticDir, MODELS_DIR: modelsDir } });
});
afterAll(async () => {
  await s.stop();
});

describe('static serving', () => {
  it('serves client-side routes with the app shell, uncached', async () => {
    const r = await fetch(`${s.url}/join/some-interview`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>app</title>');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets as immutable and missing assets as 404', async () => {
    const r = await fetch(`${s.url}/assets/app-123.js`);
    expect(r.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
  });

  it('serves model files with long caching and byte ranges', async () => {
    const full = await fetch(`${s.url}/models/m/weights.onnx`);
    expect(full.headers.get('cache-control')).toContain('max-age=31536000');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(blob)).toBe(true);
    const part = await fetch(`${s.url}/models/m/weights.onnx`, { headers: { Range: 'bytes=500-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 500-999/1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(blob.subarray(500))).toBe(true);
    const bad = await fetch(`${s.url}/models/m/weights.onnx`, { headers: { Range: 'bytes=2000-' } });
    expect(bad.status).toBe(416);
  });

  it('never serves files outside its folders', async () => {
    const secretFile = path.join(s.dataDir, 'server-secret.key');
    expect(fs.existsSync(secretFile)).toBe(true);
    for (const p of ['/models/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/models/%2e%2e%2finterq.sqlite']) {
      const r = await fetch(`${s.url}${p}`);
      const body = await r.text();
      expect(body).not.toContain('root:');
      expect(r.status === 400 || r.status === 404 || body.includes('<title>app</title>')).toBe(true);
    }
  });

  it("gives the code sandbox's worker script a policy that lets it request nothing but its own scripts", async () => {
    const sandbox = await fetch(`${s.url}/assets/${SANDBOX}`);
    expect(await sandbox.text()).toBe(SANDBOX_CODE);
    expect(sandbox.headers.get('content-security-policy')).toBe(SANDBOX_CSP);
    expect(sandbox.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    // A revalidation carries it too, and the app's own scripts and the worker's source map keep working without it.
    const again = await fetch(`${s.url}/assets/${SANDBOX}`, { headers: { 'If-None-Match': sandbox.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('content-security-policy')).toBe(SANDBOX_CSP);
    expect((await fetch(`${s.url}/assets/app-123.js`)).headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${s.url}/assets/${SANDBOX}.map`)).headers.get('content-security-policy')).toBeNull();
  });

  it("never sends the sandbox worker's code under another spelling of its path (which would lose the policy)", async () => {
    const spellings = [
      `/assets//${SANDBOX}`,
      `//assets/${SANDBOX}`,
      `/assets/%73andbox.worker-Ab12_x.js`,
      `/assets/${SANDBOX.replace('.js', '%2ejs')}`,
      `/assets/${SANDBOX}/`,
      `/assets/./${SANDBOX}`,
      `/assets/x/../${SANDBOX}`,
      `/%61ssets/${SANDBOX}`,
    ];
    for (const p of spellings) {
      // fetch() would normalise `./` and `../` itself: send the bytes as written.
      const r = await rawGet(s.port, p);
      expect(r.body, p).not.toContain(SANDBOX_CODE);
      expect(r.status === 404 || (r.status >= 300 && r.status < 400), `${p}: ${r.status}`).toBe(true);
    }
    // Other files too have one spelling; the app's routes still reach the shell.
    expect((await rawGet(s.port, '/assets//app-123.js')).status).toBe(404);
    expect((await rawGet(s.port, '/join/some-interview/')).body).toContain('<title>app</title>');
  });
});

function rawGet(port: number, pathAsWritten: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathAsWritten, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
