/**
 * models:fetch against a local stand-in for the Hugging Face hub (tree API + resolve URLs, byte ranges): downloads,
 * verification of unpinned files against the hub's own hashes (LFS SHA-256, git blob SHA-1), pinning into the
 * manifest, resuming, and refusing damaged files.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchModels, FetchError } from '../../models/fetch';

const FIXTURE = path.resolve(__dirname, '../../models/fixtures/whisper-test-tiny');
const FILES = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const REPO_ID = 'interq-test/whisper-test-tiny';

let server: http.Server;
let endpoint: string;
let requests: string[] = [];
const faults = { corrupt: new Set<string>(), dropOnce: new Set<string>() };

function gitSha1(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push(`${url.pathname}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    if (url.pathname === `/api/models/${REPO_ID}/tree/main`) {
      const entries = FILES.map((f) => {
        const bytes = fs.readFileSync(path.join(FIXTURE, f));
        return f.endsWith('.onnx')
          ? { type: 'file', path: f, size: 134, oid: 'f'.repeat(40), lfs: { oid: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, pointerSize: 134 } }
          : { type: 'file', path: f, size: bytes.length, oid: gitSha1(bytes) };
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ type: 'directory', path: 'onnx', oid: '0', size: 0 }, ...entries]));
      return;
    }
    const prefix = `/${REPO_ID}/resolve/main/`;
    if (!url.pathname.startsWith(prefix)) return void res.writeHead(404).end();
    const file = url.pathname.slice(prefix.length);
    if (!FILES.includes(file)) return void res.writeHead(404).end();
    let body = fs.readFileSync(path.join(FIXTURE, file));
    if (faults.corrupt.has(file)) {
      body = Buffer.from(body);
      body[10] = body[10]! ^ 0xff;
    }
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) {
      const start = Number(m[1]);
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
      return void res.end(body.subarray(start));
    }
    res.writeHead(200, { 'content-length': body.length });
    if (faults.dropOnce.has(file)) {
      faults.dropOnce.delete(file);
      res.write(body.subarray(0, Math.floor(body.length / 3)), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

let dir: string;
let manifestPath: string;
beforeEach(() => {
  requests = [];
  faults.corrupt.clear();
  faults.dropOnce.clear();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'models-fetch-'));
  manifestPath = path.join(dir, 'manifest.json');
  const manifest = {
    version: 1,
    defaultModel: 'hub-tiny',
    models: [
      {
        id: 'hub-tiny',
        label: 'test',
        path: 'hub-tiny',
        hub: { repo: REPO_ID, revision: 'main' },
        languages: ['en'],
        multilingual: false,
        dtypes: ['q8'],
        defaultDtype: 'q8',
        files: FILES.map((f) => ({ path: f, ...(f.endsWith('.onnx') ? { dtype: 'q8' } : {}), size: null, sha256: null })),
      },
    ],
  };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
});

const quiet = () => undefined;

describe('models:fetch', () => {
  it('downloads unpinned files verified against the hub, pins them, and skips them next time', async () => {
    const report = await fetchModels({ manifestPath, models: 'default', dtypes: 'default', pin: true, endpoint, log: quiet });
    expect(report.downloaded).toHaveLength(FILES.length);
    for (const f of FILES) expect(fs.readFileSync(path.join(dir, 'hub-tiny', f))).toEqual(fs.readFileSync(path.join(FIXTURE, f)));
    expect(fs.readdirSync(path.join(dir, 'hub-tiny', 'onnx')).some((f) => f.endsWith('.part'))).toBe(false);
    const pinned = JSON.parse(fs.readFileSync(manifestPath, 'utf8')).models[0].files as { path: string; size: number; sha256: string }[];
    for (const f of pinned) {
      const bytes = fs.readFileSync(path.join(FIXTURE, f.path));
      expect(f.size).toBe(bytes.length);
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    requests = [];
    const again = await fetchModels({ manifestPath, models: 'default', dtypes: 'default', pin: false, endpoint, log: quiet });
    expect(again.alreadyPresent).toHaveLength(FILES.length);
    expect(requests).toEqual([]); // pinned now: no hub listing, no downloads
  });

  it('refuses a file that does not match, keeping nothing of it', async () => {
    faults.corrupt.add('onnx/encoder_model_quantized.onnx');
    await expect(fetchModels({ manifestPath, models: ['hub-tiny'], dtypes: ['q8'], pin: false, endpoint, log: quiet })).rejects.toThrow(FetchError);
    expect(fs.existsSync(path.join(dir, 'hub-tiny', 'onnx', 'encoder_model_quantized.onnx'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'hub-tiny', 'onnx', 'encoder_model_quantized.onnx.part'))).toBe(false);
  });

  it('resumes an interrupted download with a Range request', async () => {
    faults.dropOnce.add('onnx/decoder_model_merged_quantized.onnx');
    await fetchModels({ manifestPath, models: 'default', dtypes: 'default', pin: false, endpoint, log: quiet });
    const tries = requests.filter((r) => r.includes('decoder_model_merged_quantized'));
    expect(tries).toHaveLength(2);
    expect(tries[1]).toMatch(/ bytes=\d+-$/);
    expect(fs.readFileSync(path.join(dir, 'hub-tiny', 'onnx', 'decoder_model_merged_quantized.onnx'))).toEqual(fs.readFileSync(path.join(FIXTURE, 'onnx', 'decoder_model_merged_quantized.onnx')));
  });

  it('checks pinned hashes and refuses local-only models', async () => {
    const m = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    m.models[0].files[0].size = fs.statSync(path.join(FIXTURE, 'config.json')).size;
    m.models[0].files[0].sha256 = 'a'.repeat(64);
    fs.writeFileSync(manifestPath, JSON.stringify(m));
    await expect(fetchModels({ manifestPath, models: 'default', dtypes: 'default', pin: false, endpoint, log: quiet })).rejects.toThrow(/does not match/);
    const real = path.resolve(__dirname, '../../models/manifest.json');
    await expect(fetchModels({ manifestPath: real, models: ['whisper-test-tiny'], dtypes: 'default', pin: false, endpoint, log: quiet })).rejects.toThrow(/generated locally/);
  });
});
