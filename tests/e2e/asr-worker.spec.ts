/**
 * The ASR worker in Chromium, through the real code path: the app's client and worker entry bundled by Vite (a
 * harness page, bench/asr/), onnxruntime-web on WASM with threads in a cross-origin-isolated page, the committed
 * test model served over HTTP with byte ranges, Cache Storage for offline use, WebCodecs for recorded Opus answers.
 *
 * Self-contained: builds the harness into .tmp/asr-e2e-dist (again only when its inputs changed since the last
 * build: tests/support/stale-build.ts) and serves it with its own small server (COOP/COEP), so it does not depend on
 * the app build or the sync server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { encodeWav16 } from '../../worker/asr/audio/wav';
import { ANSWER_SENTENCES, espeakAvailable, spokenAnswer } from '../../worker/asr/node/espeak';
import { startModelFileServer, type ModelFileServer } from '../../worker/asr/node/model-file-server';
import { test as base, expect } from './fixtures';
import { buildUnlessCurrent } from '../support/stale-build';
import type { FileProgress, LoadedInfo, Transcript } from '../../worker/asr/protocol';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(REPO, '.tmp', 'asr-e2e-dist');
const FIXTURE = '/models/fixtures/whisper-test-tiny';

/**
 * Each test's page is in the suite's autoplay Chromium (fixtures.ts): the recording test plays a WAV through Web
 * Audio without a user gesture. A worker fixture of the suite's one set, not `test.use({ launchOptions })`, which
 * would put this spec in a worker of its own, started after all the others.
 */
const test = base.extend<{ page: Page }>({
  page: async ({ autoplayBrowser }, use) => {
    const context = await autoplayBrowser.newContext();
    await use(await context.newPage());
    await context.close();
  },
});
test.describe.configure({ mode: 'serial', timeout: 120_000 });

type ErrorInfo = { code: string; message: string; retryable: boolean } | null;
interface RunRecord {
  partials: { window: number; windows: number; elapsedMs: number; receivedMs: number; text: string }[];
  stages: string[];
  transcript: Transcript | null;
  error: ErrorInfo;
}
interface Harness {
  crossOriginIsolated(): boolean;
  reset(workerScript?: string): boolean;
  load(o: object): Promise<{ info: LoadedInfo | null; progress: FileProgress[]; error: ErrorInfo }>;
  transcribeUrl(url: string, mime: string, o?: object): Promise<RunRecord>;
  transcribeSilence(seconds: number, o?: object): Promise<RunRecord>;
  transcribeSignal(seconds: number, o?: object, cancelAfterFirstPartial?: boolean): Promise<RunRecord & { audioIntact: boolean }>;
  transcribeBytes(bytes: number[], mime: string, o?: object): Promise<RunRecord>;
  recordAndTranscribe(wavUrl: string, seconds: number, o?: object): Promise<RunRecord & { mimeType: string; recordedBytes: number; decodedSeconds: number; decodedPeak: number }>;
  stats(): Promise<{ jsHeapBytes: number | null }>;
  dispose(): Promise<boolean>;
  cacheInfo(): Promise<{ models: { modelId: string; bytes: number; files: number; allVerified: boolean }[]; storage: { usageBytes: number | null; quotaBytes: number | null } }>;
  removeModel(id: string): Promise<number>;
}
type H = { asrHarness: Harness };

let server: ModelFileServer;
let audioDir: string;
let manifestUrl: string;
let fixtureQ8Bytes: number;

test.beforeAll(async () => {
  // What the harness bundles: its page, the ASR worker and client, the app modules they import, the packages.
  const inputs = ['bench/asr', 'worker', 'src', 'package-lock.json', 'tsconfig.json'].map((p) => path.join(REPO, p));
  await buildUnlessCurrent(DIST, inputs, () => build({ configFile: path.join(REPO, 'bench', 'asr', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } }));
  audioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-e2e-audio-'));
  if (espeakAvailable()) {
    const answer = spokenAnswer(ANSWER_SENTENCES.slice(0, 2), 0.6, 0.3);
    fs.writeFileSync(path.join(audioDir, 'answer.wav'), Buffer.from(encodeWav16(answer.samples, 16000)));
  }
  server = await startModelFileServer({ '/models/': path.join(REPO, 'models'), '/audio/': audioDir, '/': DIST });
  manifestUrl = `${server.url}/models/manifest.json`;
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'models', 'manifest.json'), 'utf8')) as { models: { id: string; files: { dtype?: string; size: number }[] }[] };
  fixtureQ8Bytes = manifest.models.find((m) => m.id === 'whisper-test-tiny')!.files.filter((f) => f.dtype !== 'fp32').reduce((n, f) => n + f.size, 0);
});

test.afterAll(async () => {
  await server?.close();
  if (audioDir) fs.rmSync(audioDir, { recursive: true, force: true });
});

async function openHarness(page: Page): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
}

const load = (page: Page, extra: object = {}) => page.evaluate((o) => (window as unknown as H).asrHarness.load(o), { modelId: 'whisper-test-tiny', manifestUrl, threads: 2, ...extra });

test('loads the test model on WASM with two threads, reporting progress per file', async ({ page }) => {
  await openHarness(page);
  expect(await page.evaluate(() => (window as unknown as H).asrHarness.crossOriginIsolated())).toBe(true);
  const { info, progress, error } = await load(page);
  expect(error).toBeNull();
  expect(info).toMatchObject({ modelId: 'whisper-test-tiny', dtype: 'q8', backend: 'wasm', threads: 2, crossOriginIsolated: true, unverifiedFiles: [] });
  const done = progress.filter((p) => p.phase === 'done').map((p) => p.file);
  expect(done).toEqual([
    'config.json',
    'generation_config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    'onnx/encoder_model_quantized.onnx',
    'onnx/decoder_model_merged_quantized.onnx',
    'silero_vad_v5.onnx',
  ]);
  expect(progress.some((p) => p.phase === 'download' && p.loaded > 0 && p.total !== null && p.loaded <= p.total)).toBe(true);
  expect(progress.at(-1)).toMatchObject({ phase: 'init', loaded: 1 });

  // The page's own bundle does not contain transformers.js: only the worker chunk does.
  const assets = fs.readdirSync(path.join(DIST, 'assets'));
  const pageChunk = assets.find((f) => f.startsWith('index-') && f.endsWith('.js'))!;
  const workerChunk = assets.find((f) => f.startsWith('asr.worker') && f.endsWith('.js'))!;
  expect(fs.readFileSync(path.join(DIST, 'assets', pageChunk), 'utf8')).not.toContain('transformers.js');
  expect(fs.statSync(path.join(DIST, 'assets', pageChunk)).size).toBeLessThan(50_000);
  expect(fs.readFileSync(path.join(DIST, 'assets', workerChunk), 'utf8')).toContain('WhisperForConditionalGeneration');
});

test('chunks a 70-second input, cancels, and keeps working', async ({ page }) => {
  await openHarness(page);
  expect((await load(page)).error).toBeNull();
  const run = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeSignal(70, { vad: false, maxNewTokens: 10 }));
  expect(run.error).toBeNull();
  expect(run.transcript!.windows.map((w) => [w.start, w.end])).toEqual([
    [0, 30],
    [20, 50],
    [40, 70],
  ]);
  expect(run.partials.map((p) => p.window)).toEqual([0, 1, 2]);
  expect(run.transcript!.text.length).toBeGreaterThan(0);
  expect(run.transcript!.backend).toBe('wasm');

  const cancelled = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeSignal(600, { vad: false, exactNewTokens: 100 }, true));
  expect(cancelled.error).toMatchObject({ code: 'cancelled' });
  expect(cancelled.partials.length).toBeLessThan(29);
  expect(cancelled.audioIntact).toBe(true);

  const after = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeSignal(5, { vad: false, maxNewTokens: 4 }));
  expect(after.error).toBeNull();
  expect(after.transcript!.windows).toHaveLength(1);
});

test('bad input gives a clear state: silence, empty and corrupt recordings', async ({ page }) => {
  await openHarness(page);
  expect((await load(page)).error).toBeNull();
  const silence = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeSilence(6));
  expect(silence.error).toMatchObject({ code: 'no-speech', retryable: true });
  expect(silence.stages).toEqual(['detecting-speech']);

  const empty = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeBytes([], 'audio/webm;codecs=opus'));
  expect(empty.error).toMatchObject({ code: 'empty-audio' });

  const garbage = Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256);
  const corrupt = await page.evaluate((b) => (window as unknown as H).asrHarness.transcribeBytes(b, 'audio/webm;codecs=opus'), garbage);
  expect(corrupt.error).toMatchObject({ code: 'corrupt-audio' });
  expect(corrupt.error!.message).toMatch(/damaged/);

  // A WebM header with no audio after it (a recording cut off at once).
  const headerOnly = [0x1a, 0x45, 0xdf, 0xa3, 0x84, 0x42, 0x86, 0x81, 0x01];
  const cut = await page.evaluate((b) => (window as unknown as H).asrHarness.transcribeBytes(b, 'audio/webm;codecs=opus'), headerOnly);
  expect(cut.error?.code).toBe('corrupt-audio');
});

test('decodes a MediaRecorder Opus recording in the worker and transcribes it', async ({ page }) => {
  test.skip(!espeakAvailable(), 'espeak-ng is needed for a spoken answer');
  await openHarness(page);
  expect((await load(page)).error).toBeNull();
  const run = await page.evaluate(() => (window as unknown as H).asrHarness.recordAndTranscribe('/audio/answer.wav', 5, { maxNewTokens: 8 }));
  expect(run.mimeType).toBe('audio/webm;codecs=opus');
  expect(run.recordedBytes).toBeGreaterThan(1000);
  // Decoded (WebCodecs) and resampled to 16 kHz in the worker: about as long as recorded, and not silent.
  expect(run.decodedSeconds).toBeGreaterThan(4);
  expect(run.decodedSeconds).toBeLessThan(6.5);
  expect(run.decodedPeak).toBeGreaterThan(0.05);
  expect(run.error).toBeNull();
  expect(run.stages).toEqual(['decoding-audio', 'detecting-speech', 'transcribing']);
  expect(run.transcript!.speech!.speech.length).toBeGreaterThanOrEqual(1);
  expect(run.transcript!.windows.length).toBeGreaterThanOrEqual(1);
});

test('model files fail their hash: refused and not cached; then cached for offline use, listed, removable', async ({ page }) => {
  await openHarness(page);
  const weights = `${FIXTURE}/onnx/encoder_model_quantized.onnx`;
  server.faults.set(weights, { corrupt: true });
  const bad = await load(page);
  server.faults.delete(weights);
  expect(bad.error).toMatchObject({ code: 'model-integrity', retryable: true });
  let cached = await page.evaluate(() => (window as unknown as H).asrHarness.cacheInfo());
  const partial = cached.models.find((m) => m.modelId === 'whisper-test-tiny');
  expect(partial?.files ?? 0).toBeLessThan(7); // the damaged file was not stored

  const good = await load(page);
  expect(good.error).toBeNull();
  cached = await page.evaluate(() => (window as unknown as H).asrHarness.cacheInfo());
  const entry = cached.models.find((m) => m.modelId === 'whisper-test-tiny')!;
  expect(entry).toMatchObject({ files: 7, allVerified: true, bytes: fixtureQ8Bytes });
  expect(cached.models.find((m) => m.modelId === 'silero-vad-v5')).toBeDefined();
  expect(cached.storage.usageBytes).toBeGreaterThan(0);

  // Offline: a new worker loads everything from Cache Storage, manifest included.
  await page.route('**/models/**', (route) => route.abort('internetdisconnected'));
  await page.route('**/assets/*.onnx', (route) => route.abort('internetdisconnected'));
  await page.evaluate(() => (window as unknown as H).asrHarness.reset());
  const offline = await load(page);
  expect(offline.error).toBeNull();
  expect(offline.progress.filter((p) => p.phase === 'cached').map((p) => p.file)).toContain('onnx/decoder_model_merged_quantized.onnx');
  expect(offline.info!.downloadedBytes).toBe(0);
  await page.unroute('**/models/**');
  await page.unroute('**/assets/*.onnx');

  const freed = await page.evaluate(() => (window as unknown as H).asrHarness.removeModel('whisper-test-tiny'));
  expect(freed).toBe(fixtureQ8Bytes);
  cached = await page.evaluate(() => (window as unknown as H).asrHarness.cacheInfo());
  expect(cached.models.find((m) => m.modelId === 'whisper-test-tiny')).toBeUndefined();
});

test('dispose frees the worker; a crashed worker gives a retryable error', async ({ page }) => {
  await openHarness(page);
  expect((await load(page)).error).toBeNull();
  expect(await page.evaluate(() => (window as unknown as H).asrHarness.dispose())).toBe(true);
  // After disposal the client starts a new worker and reloads the model on the next call.
  const again = await page.evaluate(() => (window as unknown as H).asrHarness.transcribeSignal(5, { vad: false, maxNewTokens: 3 }));
  expect(again.error).toBeNull();

  await page.evaluate(() => (window as unknown as H).asrHarness.reset('/no-such-worker.js'));
  const crashed = await load(page);
  expect(crashed.error).toMatchObject({ code: 'worker-crashed', retryable: true });
});
