/**
 * Transcription out of the box: the real server, started with a models folder that lacks its default model, fetches
 * it in the background from a loopback stand-in for the model host (small files with known sizes and SHA-256),
 * reports progress in its log and on /healthz, and keeps nothing that fails its hash. An unreachable host gives one
 * line saying what it means and what to run; INTERQ_MODEL_AUTOFETCH=0 makes no request at all.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type ServerProcess } from '../support/server-process';

const FIXTURE = path.resolve(__dirname, '../../models/fixtures/whisper-test-tiny');
const FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const REPO = 'interq-test/whisper-hosted';
const SLOW_FILE = 'onnx/encoder_model_quantized.onnx';

let host: http.Server;
let endpoint: string;
let requests: string[] = [];
const faults = { corrupt: new Set<string>() };
/** The slow file stops halfway until the test lets it go, so the test can look at the progress meanwhile. */
let releaseSlow: (() => void) | null = null;
let slowReleased: Promise<void> = Promise.resolve();

const bytesOf = (f: string) => fs.readFileSync(path.join(FIXTURE, f));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  host = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(url.pathname);
    const prefix = `/${REPO}/resolve/main/`;
    const file = url.pathname.slice(prefix.length);
    if (!url.pathname.startsWith(prefix) || !FILES.includes(file)) return void res.writeHead(404).end();
    let body = bytesOf(file);
    if (faults.corrupt.has(file)) {
      body = Buffer.from(body);
      body[10] = body[10]! ^ 0xff;
    }
    res.writeHead(200, { 'content-length': body.length });
    if (file !== SLOW_FILE) return void res.end(body);
    const half = Math.floor(body.length / 2);
    res.write(body.subarray(0, half), () => void slowReleased.then(() => res.end(body.subarray(half))));
  });
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
afterAll(async () => {
  releaseSlow?.();
  await new Promise<void>((r) => host.close(() => r()));
});

const running: ServerProcess[] = [];
afterEach(async () => {
  releaseSlow?.();
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

/** A models folder whose only model comes from the loopback host, every file pinned (size and SHA-256). */
function modelsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-models-'));
  const manifest = {
    version: 1,
    defaultModel: 'whisper-hosted',
    models: [
      {
        id: 'whisper-hosted',
        label: 'Whisper (loopback host)',
        path: 'whisper-hosted',
        hub: { repo: REPO, revision: 'main' },
        languages: ['en'],
        multilingual: false,
        dtypes: ['q8'],
        defaultDtype: 'q8',
        approxBytes: { q8: 200000 },
        files: FILES.map((f) => ({ path: f, ...(f.endsWith('.onnx') ? { dtype: 'q8' } : {}), size: bytesOf(f).length, sha256: sha256(bytesOf(f)) })),
      },
    ],
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

type Check = { state: string; message: string | null; receivedBytes?: number; totalBytes?: number; unreachable?: boolean };
async function modelFetchCheck(s: ServerProcess): Promise<Check> {
  const body = (await (await fetch(`${s.url}/healthz`)).json()) as { checks: Record<string, Check> };
  return body.checks.modelFetch!;
}
async function checkWhen(s: ServerProcess, ready: (c: Check) => boolean): Promise<Check> {
  const until = Date.now() + 20_000;
  for (;;) {
    const c = await modelFetchCheck(s);
    if (ready(c)) return c;
    if (Date.now() > until) throw new Error(`/healthz modelFetch never got there: ${JSON.stringify(c)}\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function start(dir: string, env: Record<string, string>): Promise<ServerProcess> {
  const s = await startServer({ env: { MODELS_DIR: dir, LOG_QUIET: '0', INTERQ_MODEL_AUTOFETCH: '1', ...env } });
  running.push(s);
  return s;
}

describe('the speech model on first start', () => {
  it('is fetched in the background, with progress in the log and on /healthz, then served and verified', async () => {
    requests = [];
    slowReleased = new Promise<void>((r) => (releaseSlow = r));
    const dir = modelsDir();
    const s = await start(dir, { HF_ENDPOINT: endpoint, INTERQ_MODEL_AUTOFETCH: '1' });
    const total = FILES.reduce((sum, f) => sum + bytesOf(f).length, 0);

    // Halfway through the slow file: /healthz shows bytes received of the whole model, the app already answers.
    const during = await checkWhen(s, (c) => c.state === 'pending' && (c.receivedBytes ?? 0) > 0);
    expect(during.totalBytes).toBe(total);
    expect(during.receivedBytes!).toBeLessThan(total);
    expect(during.message).toMatch(/^Fetching the speech model whisper-hosted: \d+%\.$/);
    expect((await fetch(`${s.url}/api/ping`)).status).toBe(204);
    expect(fs.existsSync(path.join(dir, 'whisper-hosted', SLOW_FILE))).toBe(false);

    releaseSlow!();
    const after = await checkWhen(s, (c) => c.state !== 'pending');
    expect(after).toMatchObject({ state: 'ok', message: null, downloadedFiles: FILES.length });
    for (const f of FILES) expect(sha256(fs.readFileSync(path.join(dir, 'whisper-hosted', f)))).toBe(sha256(bytesOf(f)));
    expect(fs.readdirSync(path.join(dir, 'whisper-hosted', 'onnx')).filter((n) => n.endsWith('.part'))).toEqual([]);
    // The app's own origin now serves it.
    const served = await fetch(`${s.url}/models/whisper-hosted/${SLOW_FILE}`);
    expect(sha256(Buffer.from(await served.arrayBuffer()))).toBe(sha256(bytesOf(SLOW_FILE)));

    const out = s.output();
    expect(out).toContain('Speech model whisper-hosted is not on this server yet: fetching it in the background (7 files; progress on /healthz)');
    expect(out).toMatch(/Speech model whisper-hosted: 50% \(\d+\.\d of \d+\.\d MB\)/);
    expect(out).toContain('Speech model whisper-hosted is installed and verified (7 files fetched)');

    // The next start finds it complete and asks the host for nothing.
    await s.stop();
    running.splice(running.indexOf(s), 1);
    requests = [];
    const again = await start(dir, { HF_ENDPOINT: endpoint, INTERQ_MODEL_AUTOFETCH: '1' });
    expect(await modelFetchCheck(again)).toMatchObject({ state: 'ok' });
    expect(requests).toEqual([]);
  });

  it('keeps no file that fails its hash, and says so on /healthz and in the log', async () => {
    faults.corrupt.add('tokenizer.json');
    try {
      const dir = modelsDir();
      const s = await start(dir, { HF_ENDPOINT: endpoint });
      const c = await checkWhen(s, (x) => x.state !== 'pending' && x.state !== 'off');
      expect(c.state).toBe('warn');
      expect(c.message).toContain('does not match the expected size and hash; it was deleted');
      expect(fs.existsSync(path.join(dir, 'whisper-hosted', 'tokenizer.json'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'whisper-hosted', 'tokenizer.json.part'))).toBe(false);
      expect(s.output()).toMatch(/Speech model whisper-hosted could not be fetched \(.*tokenizer\.json.*\); it is tried again at the next start, or run npm run models:fetch/);
    } finally {
      faults.corrupt.clear();
    }
  });

  it('says in one line what an unreachable model host means and what to run', async () => {
    const closed = await freePort();
    const dir = modelsDir();
    const s = await start(dir, { HF_ENDPOINT: `http://127.0.0.1:${closed}` });
    const c = await checkWhen(s, (x) => x.state !== 'pending');
    expect(c).toMatchObject({ state: 'warn', unreachable: true });
    expect(c.message).toContain('The speech model host cannot be reached');
    const lines = s.output().split('\n').filter((l) => l.includes('cannot be reached from this server'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`http://127.0.0.1:${closed} cannot be reached from this server, so spoken answers are not transcribed until whisper-hosted is in ${dir}: run npm run models:fetch`);
    const kept = fs.existsSync(path.join(dir, 'whisper-hosted')) ? fs.readdirSync(path.join(dir, 'whisper-hosted'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
    expect(kept).toEqual([]);
  });

  it('asks the model host for nothing with INTERQ_MODEL_AUTOFETCH=0, and refuses a value it does not know', async () => {
    requests = [];
    const dir = modelsDir();
    const s = await start(dir, { HF_ENDPOINT: endpoint, INTERQ_MODEL_AUTOFETCH: '0' });
    expect(await modelFetchCheck(s)).toMatchObject({ state: 'off' });
    await new Promise((r) => setTimeout(r, 300));
    expect(requests).toEqual([]);
    await expect(startServer({ env: { MODELS_DIR: dir, INTERQ_MODEL_AUTOFETCH: 'sometimes' } })).rejects.toThrow(
      'INTERQ_MODEL_AUTOFETCH=sometimes is not valid: use 1 (fetch the speech model on start when it is missing) or 0 (never).',
    );
  });
});

describe('generated test models', () => {
  const REPO_MODELS = path.resolve(__dirname, '../../models');
  const manifestOf = async (s: ServerProcess) => {
    const res = await fetch(`${s.url}/models/manifest.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    return (await res.json()) as { testModels: boolean; models: { id: string; generated?: unknown }[] };
  };

  it('are offered only with INTERQ_TEST_MODELS=1, and the list then says so (the app shows its banner)', async () => {
    const plain = await start(REPO_MODELS, { INTERQ_MODEL_AUTOFETCH: '0' });
    const off = await manifestOf(plain);
    expect(off.testModels).toBe(false);
    expect(off.models.map((m) => m.id)).toEqual(['whisper-tiny.en', 'whisper-base.en']);
    const dev = await start(REPO_MODELS, { INTERQ_MODEL_AUTOFETCH: '0', INTERQ_TEST_MODELS: '1' });
    const on = await manifestOf(dev);
    expect(on.testModels).toBe(true);
    expect(on.models.map((m) => m.id)).toContain('whisper-test-tiny');
    // The files themselves are served either way (the list is what offers them).
    expect((await fetch(`${plain.url}/models/fixtures/whisper-test-tiny/config.json`)).status).toBe(200);
    await expect(startServer({ env: { INTERQ_TEST_MODELS: 'yes please' } })).rejects.toThrow('INTERQ_TEST_MODELS=yes please is not valid');
  });
});
