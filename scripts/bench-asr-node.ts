/**
 * Node reference run for npm run bench:asr (started as a child process so its peak memory is its own): the ASR worker
 * in a worker thread with onnxruntime-node, loading the model over HTTP and transcribing the benchmark answer.
 * Prints one JSON line (a RunResult).
 */
import fs from 'node:fs';
import { AsrClient } from '../worker/asr/client';
import { startNodeAsrWorker } from '../worker/asr/node/node-worker-handle';
import type { TimestampMode } from '../worker/asr/protocol';
import type { RunResult } from './bench-asr';

interface Input {
  serverUrl: string;
  audioFile: string;
  threads: number;
  dtype: 'q8' | 'fp32';
  tokens: number;
  timestamps: TimestampMode;
  modelId: string;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]!) as Input;
  const bytes = new Uint8Array(fs.readFileSync(input.audioFile)).buffer;
  const baselineRss = process.memoryUsage().rss;
  const client = new AsrClient(() => startNodeAsrWorker());
  try {
    const t0 = performance.now();
    const info = await client.load({ modelId: input.modelId, manifestUrl: `${input.serverUrl}/models/generated/manifest.json`, dtype: input.dtype, threads: input.threads });
    const loadMs = performance.now() - t0;
    let first: number | null = null;
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const t = await client.transcribe({ kind: 'encoded', bytes, mimeType: 'audio/wav' }, { exactNewTokens: input.tokens, timestamps: input.timestamps }, {
      onPartial: () => {
        first ??= performance.now() - t1;
      },
    });
    const wallMs = performance.now() - t1;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const stats = await client.stats();
    const tokens = t.windows.reduce((n, w) => n + w.tokens, 0);
    const result: RunResult = {
      engine: 'node-onnxruntime',
      threads: info.threads,
      dtype: input.dtype,
      audioSeconds: t.durationSeconds,
      windows: t.windows.length,
      tokensPerWindow: t.windows.map((w) => w.tokens),
      rtf: Math.round((wallMs / 1000 / t.durationSeconds) * 1000) / 1000,
      transcribeMs: Math.round(wallMs),
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      cpuRtf: Math.round((cpuSeconds / t.durationSeconds) * 1000) / 1000,
      firstResultMs: first === null ? null : Math.round(first),
      loadColdMs: Math.round(loadMs),
      loadWarmMs: null,
      peakWorkerMemoryMB: stats.peakRssBytes === null ? null : Math.round((stats.peakRssBytes - baselineRss) / 1024 / 1024),
      breakdown: t.timing,
      encodeMsPerWindow: Math.round(t.windows.reduce((n, w) => n + w.encodeMs, 0) / t.windows.length),
      decodeMsPerToken: Math.round((t.windows.reduce((n, w) => n + w.decodeMs, 0) / Math.max(1, tokens)) * 10) / 10,
      backend: info.backend,
      crossOriginIsolated: info.crossOriginIsolated,
    };
    console.log(JSON.stringify(result));
  } finally {
    await client.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
