/**
 * /healthz reports the services a tech support person watches, from the real server process: the AI service probed
 * on a schedule (unreachable on a closed loopback port, reachable through the fake OpenAI-compatible server, a refused
 * key), a nearly full data folder (the warning threshold set above what the folder really has free), uploads in
 * progress, open documents and sockets, and the speech model files with their hashes. The key never appears.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, readSecret, startServer, tempDataDir, type ServerProcess } from '../support/server-process';
import { startFakeOpenAiServer, type FakeOpenAiServer } from '../support/fake-openai-server';
import { mintToken } from '../../sync-server/auth/tokens';
import { connectClient } from '../support/yws-client';

interface Check {
  state: string;
  message: string | null;
  [k: string]: unknown;
}
interface Health {
  status: string;
  version: string;
  uptimeSec: number;
  checks: Record<string, Check>;
  alerts: { check: string; state: string; message: string }[];
}

const running: ServerProcess[] = [];
const fakes: FakeOpenAiServer[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
  while (fakes.length) await fakes.pop()!.close();
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const s = await startServer({ env });
  running.push(s);
  return s;
}

async function health(s: ServerProcess): Promise<{ code: number; body: Health; text: string }> {
  const res = await fetch(`${s.url}/healthz`);
  const text = await res.text();
  return { code: res.status, body: JSON.parse(text) as Health, text };
}

/** Polls until the scheduled probe has run (the first one starts with the server). */
async function healthWhen(s: ServerProcess, ready: (h: Health) => boolean): Promise<{ code: number; body: Health; text: string }> {
  const until = Date.now() + 20_000;
  for (;;) {
    const h = await health(s);
    if (ready(h.body)) return h;
    if (Date.now() > until) throw new Error(`/healthz never got there: ${h.text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const KEY = 'sk-support-console-secret-123';

describe('/healthz: the AI service', () => {
  it('reports an endpoint on a closed loopback port as unreachable, as a warning, without the key', async () => {
    const closed = await freePort();
    const s = await start({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1`, INTERQ_HEALTH_PROBE_SEC: '1' });
    const { code, body, text } = await healthWhen(s, (h) => h.checks.llm?.state !== 'pending');
    expect(body.checks.llm).toMatchObject({ state: 'warn', configured: true, reachable: false, httpStatus: null });
    expect(body.checks.llm!.message).toMatch(/unreachable/);
    expect(typeof body.checks.llm!.latencyMs).toBe('number');
    expect(body.alerts).toContainEqual(expect.objectContaining({ check: 'llm', state: 'warn' }));
    // The bank still plans interviews: a warning, not a failing server.
    expect(code).toBe(200);
    expect(body.status).toBe('ok');
    expect(text).not.toContain(KEY);
  });

  it('reports a reachable endpoint with its latency, and a refused key as a warning', async () => {
    const fake = await startFakeOpenAiServer({ apiKey: KEY });
    fakes.push(fake);
    const s = await start({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.baseUrl, INTERQ_HEALTH_PROBE_SEC: '1' });
    const ok = await healthWhen(s, (h) => h.checks.llm?.state !== 'pending');
    expect(ok.body.checks.llm).toMatchObject({ state: 'ok', reachable: true });
    expect(ok.body.checks.llm!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v1/models')).toBe(true);

    const wrongKey = 'sk-wrong-key-456';
    const s2 = await start({ OPENAI_API_KEY: wrongKey, OPENAI_BASE_URL: fake.baseUrl, INTERQ_HEALTH_PROBE_SEC: '1' });
    const refused = await healthWhen(s2, (h) => h.checks.llm?.state !== 'pending');
    expect(refused.body.checks.llm).toMatchObject({ state: 'warn', reachable: true, httpStatus: 401 });
    expect(refused.body.checks.llm!.message).toMatch(/refused the server's key/);
    // The fake echoes the key it got in its error, as careless gateways do.
    expect(refused.text).not.toContain(wrongKey);
  });

  it('says the AI service is off when no key is set', async () => {
    const s = await start({ OPENAI_API_KEY: '' });
    const { body } = await health(s);
    expect(body.checks.llm).toMatchObject({ state: 'off', configured: false });
  });
});

describe('/healthz: the data folder, database, uploads and documents', () => {
  it('warns that the data folder is nearly full when its free space is below the threshold', async () => {
    const dataDir = tempDataDir();
    const free = fs.statfsSync(dataDir);
    const freeMb = Math.floor((free.bavail * free.bsize) / 1048576);
    // A "nearly full" folder: the warning threshold is set above what the folder really has free.
    const s = await startServer({ dataDir, env: { INTERQ_DISK_WARN_FREE_MB: String(freeMb + 1024) } });
    running.push(s);
    const { code, body } = await health(s);
    expect(body.checks.disk).toMatchObject({ state: 'warn' });
    expect(body.checks.disk!.message).toMatch(/nearly full/);
    expect(body.checks.disk!.freeBytes as number).toBeLessThan(body.checks.disk!.warnBelowBytes as number);
    expect(body.alerts).toContainEqual(expect.objectContaining({ check: 'disk', state: 'warn' }));
    expect(code).toBe(200);

    const roomy = await start({ INTERQ_DISK_WARN_FREE_MB: '1' });
    expect((await health(roomy)).body.checks.disk).toMatchObject({ state: 'ok', message: null });
  });

  it('refuses a bad threshold at start with one clear line', async () => {
    const err = await startServer({ env: { INTERQ_DISK_WARN_FREE_MB: 'lots' } }).then(
      (s) => {
        running.push(s);
        return null;
      },
      (e: Error) => e.message,
    );
    expect(err).toMatch(/INTERQ_DISK_WARN_FREE_MB=lots is not valid/);
  });

  it('reports the database as writable with its size, uploads in progress, open documents and sockets', async () => {
    const s = await start({});
    const secret = readSecret(s.dataDir);
    const guest = mintToken(secret, { iid: 'health-1', role: 'guest', sub: 'guest-1', ttlSec: 600 });
    const audio = Buffer.alloc(5000, 7);
    const created = await fetch(`${s.url}/api/interviews/health-1/recordings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${guest}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recordingId: 'r1', questionId: 'q1', mimeType: 'audio/webm', totalBytes: audio.length, sha256: createHash('sha256').update(audio).digest('hex'), durationMs: 1000 }),
    });
    expect(created.status).toBeLessThan(300);
    const client = connectClient(`${s.url.replace('http', 'ws')}/sync`, 'health-1.stage', guest);
    await client.synced();
    try {
      const { body } = await healthWhen(s, (h) => (h.checks.collab?.openSockets as number) >= 1);
      expect(body.checks.database).toMatchObject({ state: 'ok', writable: true });
      expect(body.checks.database!.sizeBytes as number).toBeGreaterThan(0);
      expect(body.checks.uploads).toMatchObject({ state: 'ok', inProgress: 1, bytesWaiting: 5000 });
      expect(body.checks.collab).toMatchObject({ state: 'ok', openSockets: 1, openDocuments: 1 });
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      client.destroy();
    }
  });
});

describe('/healthz: speech model files', () => {
  it('lists each file as present or missing with its SHA-256 against the manifest', async () => {
    const modelsDir = tempDataDir('interq-models-');
    const good = Buffer.from('{"model_type":"whisper"}');
    const bad = Buffer.from('not what was pinned');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    fs.mkdirSync(path.join(modelsDir, 'm1'));
    fs.writeFileSync(path.join(modelsDir, 'm1', 'config.json'), good);
    fs.writeFileSync(path.join(modelsDir, 'm1', 'tokenizer.json'), bad);
    const manifest = {
      version: 1,
      defaultModel: 'm1',
      models: [
        {
          id: 'm1',
          label: 'Test model',
          path: 'm1',
          languages: ['en'],
          multilingual: false,
          dtypes: ['q8'],
          defaultDtype: 'q8',
          files: [
            { path: 'config.json', size: good.length, sha256: sha(good) },
            { path: 'tokenizer.json', size: bad.length, sha256: sha(Buffer.from('the pinned content')) },
            { path: 'onnx/encoder_model_quantized.onnx', dtype: 'q8', size: 10, sha256: null },
            { path: 'onnx/decoder_model_merged_quantized.onnx', dtype: 'q8', size: 10, sha256: null },
          ],
        },
      ],
    };
    fs.writeFileSync(path.join(modelsDir, 'manifest.json'), JSON.stringify(manifest));
    const s = await start({ MODELS_DIR: modelsDir });
    const { body } = await healthWhen(s, (h) => h.checks.models?.state !== 'pending');
    const files = (body.checks.models!.models as { id: string; files: Record<string, unknown>[] }[])[0]!.files;
    expect(files).toEqual([
      { path: 'config.json', present: true, bytes: good.length, sha256: sha(good), expectedSha256: sha(good), matches: true },
      { path: 'tokenizer.json', present: true, bytes: bad.length, sha256: sha(bad), expectedSha256: manifest.models[0]!.files[1]!.sha256, matches: false },
      { path: 'onnx/encoder_model_quantized.onnx', present: false, bytes: null, sha256: null, expectedSha256: null, matches: null },
      { path: 'onnx/decoder_model_merged_quantized.onnx', present: false, bytes: null, sha256: null, expectedSha256: null, matches: null },
    ]);
    expect(body.checks.models).toMatchObject({ state: 'warn', defaultModel: 'm1' });
    expect(body.checks.models!.message).toMatch(/differ from the manifest's hash: m1\/tokenizer.json/);
  });
});
