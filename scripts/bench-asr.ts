/**
 * npm run bench:asr — speed and memory of on-device transcription.
 *
 * Transcribes 120 s of espeak-ng speech with the whisper-tiny-sized random-weight model (models/generated, made by
 * models/generate_whisper.py when missing), decoding exactly 100 tokens per window, through the real worker:
 *   - in headless Chromium (WASM backend, onnxruntime-web) with 1 and 2 threads, page cross-origin isolated;
 *   - in Node with onnxruntime-node (same runtime, model store and decoder), for reference.
 * Prints real-time factor (transcription wall time / audio length), time to first result, model load time (cold:
 * empty cache; warm: from Cache Storage) and peak worker memory. Target: RTF <= 0.15 with 2 threads in Chromium.
 *
 * Options: --threads 1,2  --dtype q8|fp32  --seconds 120  --tokens 100  --repeat 1  --no-node  --no-browser
 *          --timestamps none|segment|word  --json <file>
 * Figures depend on machine load; run on a quiet machine and say so when it is not.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { encodeWav16 } from '../worker/asr/audio/wav';
import { ANSWER_SENTENCES, espeakAvailable, spokenAnswer } from '../worker/asr/node/espeak';
import { startModelFileServer } from '../worker/asr/node/model-file-server';
import type { LoadedInfo, TimestampMode, Transcript } from '../worker/asr/protocol';
import { arg, flag, refuseUnknownOptions } from './cli-arg';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(REPO, '.tmp', 'bench-asr');
const MODEL_ID = 'whisper-tiny-random';
const GENERATED = path.join(REPO, 'models', 'generated');
/** What bench/asr/harness.ts puts on window (the parts used here). */
interface HarnessWindow {
  asrHarness: {
    load(o: object): Promise<{ info: LoadedInfo | null; wallMs: number; error: unknown }>;
    transcribeUrl(url: string, mime: string, o: object): Promise<{ transcript: Transcript | null; wallMs: number; partials: { receivedMs: number }[]; error: unknown }>;
    reset(): boolean;
    dispose(): Promise<boolean>;
  };
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

interface Args {
  threads: number[];
  dtype: 'q8' | 'fp32';
  seconds: number;
  tokens: number;
  repeat: number;
  node: boolean;
  browser: boolean;
  timestamps: TimestampMode;
  json: string;
}

function parseArgs(): Args {
  const args: Args = {
    threads: arg('threads', '1,2').split(',').map(Number),
    dtype: arg('dtype', 'q8') as Args['dtype'],
    seconds: Number(arg('seconds', '120')),
    tokens: Number(arg('tokens', '100')),
    repeat: Number(arg('repeat', '1')),
    node: !flag('no-node'),
    browser: !flag('no-browser'),
    timestamps: arg('timestamps', 'segment') as TimestampMode,
    json: arg('json', path.join(OUT, 'results.json')),
  };
  refuseUnknownOptions('the comment at the top of scripts/bench-asr.ts');
  return args;
}

export interface RunResult {
  engine: 'chromium-wasm' | 'node-onnxruntime';
  threads: number;
  dtype: string;
  audioSeconds: number;
  windows: number;
  tokensPerWindow: number[];
  rtf: number;
  transcribeMs: number;
  /**
   * CPU time the engine spent transcribing (renderer process for Chromium, the whole child for Node). On a busy
   * machine wall time mostly measures the neighbours; CPU time / audio length is what an idle machine would show
   * with one thread (with two, spin-waiting threads add CPU time, so it is an upper bound).
   */
  cpuSeconds: number | null;
  cpuRtf: number | null;
  firstResultMs: number | null;
  loadColdMs: number;
  loadWarmMs: number | null;
  peakWorkerMemoryMB: number | null;
  breakdown: Transcript['timing'];
  encodeMsPerWindow: number;
  decodeMsPerToken: number;
  backend: string;
  crossOriginIsolated: boolean;
}

function ensureModel(): void {
  const manifest = path.join(GENERATED, 'manifest.json');
  if (fs.existsSync(manifest) && fs.existsSync(path.join(GENERATED, MODEL_ID, 'onnx', 'decoder_model_merged_quantized.onnx'))) return;
  console.log('Generating the whisper-tiny-sized model (random weights, ~190 MB) ...');
  const r = spawnSync(
    '/usr/bin/python3',
    [path.join(REPO, 'models', 'generate_whisper.py'), '--preset', 'whisper-tiny', '--out', path.join(GENERATED, MODEL_ID), '--manifest', manifest, '--manifest-id', MODEL_ID],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('model generation failed (needs /usr/bin/python3 with python3-onnx and python3-numpy)');
}

function ensureAudio(seconds: number): string {
  const file = path.join(OUT, `answer-${seconds}s.wav`);
  if (fs.existsSync(file)) return file;
  if (!espeakAvailable()) throw new Error('espeak-ng is needed to make the spoken benchmark answer');
  const sentences: string[] = [];
  // Enough sentences to pass the target length, with natural pauses of 0.4 to 0.9 s.
  while (sentences.length < 200) {
    sentences.push(...ANSWER_SENTENCES);
    const probe = spokenAnswer(sentences, sentences.map((_, i) => 0.4 + ((i * 7) % 6) / 10));
    if (probe.samples.length >= seconds * 16000) {
      const exact = new Float32Array(seconds * 16000);
      exact.set(probe.samples.subarray(0, exact.length));
      fs.mkdirSync(OUT, { recursive: true });
      fs.writeFileSync(file, Buffer.from(encodeWav16(exact, 16000)));
      return file;
    }
  }
  throw new Error('could not build the spoken answer');
}

async function buildHarness(): Promise<string> {
  await build({ configFile: path.join(REPO, 'bench', 'asr', 'vite.config.ts'), logLevel: 'warn' });
  return path.join(REPO, '.tmp', 'bench-asr-dist');
}

/** Chromium's processes below the browser, with their command lines (Linux /proc). */
function descendants(rootPid: number): { pid: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: { pid: number; cmd: string }[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    for (const c of children.get(pid) ?? []) {
      let cmd = '';
      try {
        cmd = fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue;
      }
      out.push({ pid: c, cmd });
      stack.push(c);
    }
  }
  return out;
}

function memoryKB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

function summarise(engine: RunResult['engine'], threads: number, dtype: string, info: LoadedInfo, t: Transcript, wallMs: number, firstResultMs: number | null, loadColdMs: number, loadWarmMs: number | null, peakMB: number | null, cpuSeconds: number | null): RunResult {
  const tokens = t.windows.reduce((n, w) => n + w.tokens, 0);
  return {
    cpuSeconds: cpuSeconds === null ? null : Math.round(cpuSeconds * 100) / 100,
    cpuRtf: cpuSeconds === null ? null : Math.round((cpuSeconds / t.durationSeconds) * 1000) / 1000,
    engine,
    threads,
    dtype,
    audioSeconds: t.durationSeconds,
    windows: t.windows.length,
    tokensPerWindow: t.windows.map((w) => w.tokens),
    rtf: Math.round((wallMs / 1000 / t.durationSeconds) * 1000) / 1000,
    transcribeMs: Math.round(wallMs),
    firstResultMs: firstResultMs === null ? null : Math.round(firstResultMs),
    loadColdMs: Math.round(loadColdMs),
    loadWarmMs: loadWarmMs === null ? null : Math.round(loadWarmMs),
    peakWorkerMemoryMB: peakMB,
    breakdown: t.timing,
    encodeMsPerWindow: Math.round(t.windows.reduce((n, w) => n + w.encodeMs, 0) / t.windows.length),
    decodeMsPerToken: Math.round((t.windows.reduce((n, w) => n + w.decodeMs, 0) / Math.max(1, tokens)) * 10) / 10,
    backend: info.backend,
    crossOriginIsolated: info.crossOriginIsolated,
  };
}

async function runChromium(args: Args, threads: number, serverUrl: string, audioUrl: string): Promise<RunResult> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-asr-chromium-'));
  let browser: Browser | null = null;
  try {
    const context = await chromium.launchPersistentContext(userDataDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    browser = context.browser();
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${serverUrl}/index.html`);
    await page.waitForSelector('body[data-ready="true"]');
    const root = (browser as unknown as { process?: () => { pid?: number } } | null)?.process?.()?.pid;
    // With a persistent context Playwright owns the browser process; find it as the parent of our renderers.
    const browserPid = root ?? findBrowserPid(userDataDir);
    const renderers = () => descendants(browserPid).filter((p) => p.cmd.includes('--type=renderer'));
    const baseline = new Map(renderers().map((r) => [r.pid, memoryKB(r.pid, 'VmRSS')]));

    const load = { modelId: MODEL_ID, manifestUrl: `${serverUrl}/models/generated/manifest.json`, dtype: args.dtype, threads, backend: 'wasm' as const };
    const cold = await page.evaluate((o) => (window as unknown as HarnessWindow).asrHarness.load(o), load);
    if (cold.error || !cold.info) throw new Error(`load failed: ${JSON.stringify(cold.error)}`);
    const options = { exactNewTokens: args.tokens, timestamps: args.timestamps };
    const cpuBefore = renderers().reduce((n, r) => n + cpuSecondsOf(r.pid), 0);
    const run = await page.evaluate(([url, o]) => (window as unknown as HarnessWindow).asrHarness.transcribeUrl(url, 'audio/wav', o), [audioUrl, options] as const);
    const cpu = renderers().reduce((n, r) => n + cpuSecondsOf(r.pid), 0) - cpuBefore;
    if (run.error || !run.transcript) throw new Error(`transcription failed: ${JSON.stringify(run.error)}`);
    // Peak resident memory of the renderer hosting page and worker, above what it used before the worker started.
    const peakKB = Math.max(...renderers().map((r) => memoryKB(r.pid, 'VmHWM') - (baseline.get(r.pid) ?? 0)));
    // Warm load: a fresh worker reading everything from Cache Storage.
    await page.evaluate(() => (window as unknown as HarnessWindow).asrHarness.reset());
    const warm = await page.evaluate((o) => (window as unknown as HarnessWindow).asrHarness.load(o), load);
    await page.evaluate(() => (window as unknown as HarnessWindow).asrHarness.dispose());
    await context.close();
    return summarise('chromium-wasm', cold.info.threads, args.dtype, cold.info, run.transcript, run.wallMs, run.partials[0]?.receivedMs ?? null, cold.wallMs, warm.error ? null : warm.wallMs, Math.round(peakKB / 1024), cpu);
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

function findBrowserPid(userDataDir: string): number {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.includes('--type=')) return Number(entry);
    } catch {
      // gone
    }
  }
  throw new Error('could not find the Chromium browser process');
}

/** The Node run is a child process (its own peak memory), started asynchronously: this process serves the model. */
function runNode(args: Args, threads: number, serverUrl: string, audioFile: string): Promise<RunResult> {
  const input = JSON.stringify({ serverUrl, audioFile, threads, dtype: args.dtype, tokens: args.tokens, timestamps: args.timestamps, modelId: MODEL_ID });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'bench-asr-node.ts'), input], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`node run failed (${code}): ${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as RunResult);
    });
  });
}

function table(results: RunResult[]): string {
  const head = ['engine', 'threads', 'dtype', 'windows', 'RTF', 'CPU RTF', 'transcribe s', 'first result s', 'load cold s', 'load warm s', 'peak MB', 'encode ms/win', 'decode ms/token'];
  const rows = results.map((r) => [
    r.engine,
    String(r.threads),
    r.dtype,
    String(r.windows),
    r.rtf.toFixed(3),
    r.cpuRtf === null ? '-' : r.cpuRtf.toFixed(3),
    (r.transcribeMs / 1000).toFixed(2),
    r.firstResultMs === null ? '-' : (r.firstResultMs / 1000).toFixed(2),
    (r.loadColdMs / 1000).toFixed(2),
    r.loadWarmMs === null ? '-' : (r.loadWarmMs / 1000).toFixed(2),
    r.peakWorkerMemoryMB === null ? '-' : String(r.peakWorkerMemoryMB),
    String(r.encodeMsPerWindow),
    r.decodeMsPerToken.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs();
  fs.mkdirSync(OUT, { recursive: true });
  ensureModel();
  const audioFile = ensureAudio(args.seconds);
  const dist = args.browser ? await buildHarness() : OUT;
  const server = await startModelFileServer({ '/models/': path.join(REPO, 'models'), '/bench-audio/': OUT, '/': dist });
  const results: RunResult[] = [];
  try {
    for (let rep = 0; rep < args.repeat; rep++) {
      for (const threads of args.threads) {
        if (args.browser) {
          const r = await runChromium(args, threads, server.url, `${server.url}/bench-audio/${path.basename(audioFile)}`);
          results.push(r);
          console.log(`chromium threads=${threads}: RTF ${r.rtf} (${r.windows} windows)`);
        }
        if (args.node) {
          const r = await runNode(args, threads, server.url, audioFile);
          results.push(r);
          console.log(`node threads=${threads}: RTF ${r.rtf} (${r.windows} windows)`);
        }
      }
    }
  } finally {
    await server.close();
  }
  console.log('');
  console.log(`ASR benchmark: ${args.seconds} s of espeak-ng speech, ${MODEL_ID} (${args.dtype}), exactly ${args.tokens} tokens per window, timestamps: ${args.timestamps}`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (figures are noisy when others use the CPU)`);
  console.log(table(results));
  const best2 = results.filter((r) => r.engine === 'chromium-wasm' && r.threads === 2).map((r) => r.rtf);
  if (best2.length) console.log(`target RTF <= 0.15 with 2 threads in Chromium: ${Math.min(...best2) <= 0.15 ? 'met' : 'NOT met'} (best ${Math.min(...best2)})`);
  fs.writeFileSync(args.json, JSON.stringify({ args, when: new Date().toISOString(), loadavg: os.loadavg(), results }, null, 2));
  console.log(`details: ${path.relative(REPO, args.json)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
