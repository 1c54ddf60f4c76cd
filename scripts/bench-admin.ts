/**
 * `npm run bench:admin [-- --candidates N]`: seeds N candidate interviews (default
 * 10,000; 10 answers each) through the server's own write path (collab openDoc:
 * stored in SQLite, projected by the hooks), then reports the time to rebuild the
 * results projection from scratch and the list/filter/metrics API p50/p99 over HTTP.
 * Time to interactive of the pages in Chromium is not measured yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../sync-server/config';
import { startAppServer } from '../sync-server/app-server';
import { createHash } from 'node:crypto';
import { createRecordingStore } from '../sync-server/uploads/recording-store';
import { seedInterview } from '../tests/support/results-seed';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('candidates', 10_000);
const REQUESTS = arg('requests', 200);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-admin-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_QUIET: '1' }, process.cwd(), []);
  const server = await startAppServer(config, () => undefined);
  if (!server.hostLink) throw new Error('A fresh data folder should print a host link.');
  const host = server.hostLink.split('#host=')[1]!;
  // Uploads go through the server's recording store (what the upload routes call): the status counts only those.
  const recordings = createRecordingStore(server.db);
  const audio = Buffer.alloc(1000, 7);
  const sha256 = createHash('sha256').update(audio).digest('hex');
  const upload = (iid: string) => async (r: { recordingId: string; questionId: string }) => {
    recordings.create(iid, { ...r, mimeType: 'audio/webm', totalBytes: audio.length, sha256, durationMs: 30_000 }, 'guest-1');
    await recordings.append(iid, r.recordingId, 0, audio);
  };
  const t0 = performance.now();
  for (let k = 0; k < N; k++) {
    await seedInterview(server.collab.openDoc, {
      interviewId: `bench-${k}`,
      seed: 1 + (k % 50),
      maxQuestions: 10,
      startAt: Date.UTC(2026, 0, 1) + k * 60_000,
      aiScore: (i) => (k * 7 + i * 3) % 6,
      ratings: k % 3 === 0 ? [{ questionIndex: 0, by: 'host', role: 'host', score: k % 6 }] : [],
      reactions: k % 4,
      chat: 1,
      micFailure: k % 10 === 0,
      upload: upload(`bench-${k}`),
    });
    if (k % 500 === 499) process.stderr.write(`seeded ${k + 1}\n`);
  }
  server.projector.flush();
  const seedMs = performance.now() - t0;
  const rebuild = server.projector.rebuild();
  const paths = [
    '/api/admin/results?limit=100',
    '/api/admin/results?sort=ai&dir=desc&limit=100&offset=5000',
    '/api/admin/results?status=synthesized&archetype=frontend&limit=100',
    '/api/admin/results?q=bench-99&limit=50',
    '/api/admin/results?review=pending&sort=human&limit=100',
  ];
  const times: Record<string, number[]> = {};
  for (const p of paths) {
    times[p] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const s = performance.now();
      const r = await fetch(`${server.url}${p}`, { headers: { Authorization: `Bearer ${host}` } });
      await r.arrayBuffer();
      times[p]!.push(performance.now() - s);
    }
  }
  const mStart = performance.now();
  await (await fetch(`${server.url}/api/admin/metrics`, { headers: { Authorization: `Bearer ${host}` } })).arrayBuffer();
  const metricsMs = performance.now() - mStart;
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const all = Object.values(times).flat();
  console.log(`candidates ${N} × 10 answers; seeded through openDoc in ${(seedMs / 1000).toFixed(1)} s`);
  console.log(`projection rebuilt from scratch: ${rebuild.applied} documents in ${rebuild.ms} ms`);
  for (const p of paths) console.log(`${p}: p50 ${pct(times[p]!, 50).toFixed(1)} ms, p99 ${pct(times[p]!, 99).toFixed(1)} ms`);
  console.log(`all list queries: p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms; metrics ${metricsMs.toFixed(0)} ms`);
  console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
