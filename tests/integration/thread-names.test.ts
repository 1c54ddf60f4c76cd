/**
 * Which thread of the server spends the CPU (bench:sync's "server CPU by thread", scripts/bench-cluster/proc-cpu.ts):
 * - our worker threads name themselves in /proc (the WAL checkpointer, compaction, PostgreSQL's fold), so they are
 *   told apart from Node's own threads, which are all called "node";
 * - Node's own threads are told apart by the order Node 20 starts them in: a real Node process that only allocates
 *   spends its helper CPU in V8's pool, and one that runs async pbkdf2 in libuv's pool.
 * Linux only (/proc): skipped elsewhere.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { startWalCheckpointer, type WalCheckpointer } from '../../sync-server/collab/wal-checkpointer';
import { startCompactionWorker, type Compactor } from '../../sync-server/collab/compaction-worker';
import { startFoldWorker, type Folder } from '../../sync-server/storage/postgres/fold-worker';
import { runtimeThreadCounts, threadCpuMs } from '../../scripts/bench-cluster/proc-cpu';
import { tempDir } from '../support/yws-client';

const linux = fs.existsSync('/proc/self/task');

/** The names of this process's threads now. */
function threadNames(): string[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      return [fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

/** Waits until a thread of this process carries the name (a worker names itself once it runs its first code). */
async function threadNamed(name: string): Promise<string[]> {
  const until = Date.now() + 20_000;
  while (!threadNames().includes(name) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return threadNames();
}

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

function fileDb(): Db {
  const db = openDatabase(path.join(tempDir('interq-thread-names-'), 'interq.sqlite'));
  stops.push(() => {
    db.close();
  });
  return db;
}

describe.skipIf(!linux)('thread names', () => {
  it('the WAL checkpointer and the compaction worker name their threads', async () => {
    const db = fileDb();
    const checkpointer: WalCheckpointer | null = startWalCheckpointer(db, () => undefined);
    expect(checkpointer).not.toBeNull();
    stops.push(() => checkpointer!.stop());
    const compactor: Compactor | null = startCompactionWorker(db, () => undefined);
    expect(compactor).not.toBeNull();
    stops.push(() => compactor!.stop());
    expect(await threadNamed('wal-checkpoint')).toContain('wal-checkpoint');
    expect(await threadNamed('compaction')).toContain('compaction');
  });

  it("PostgreSQL's fold worker names its thread once it starts", async () => {
    const folder: Folder = startFoldWorker(() => undefined);
    stops.push(() => folder.stop());
    const doc = new Y.Doc();
    doc.getArray<string>('chat').push(['a']);
    await folder.fold(undefined, [{ seq: 1, update_data: Y.encodeStateAsUpdate(doc) }]);
    expect(folder.foldedInWorker).toBe(1);
    expect(await threadNamed('pg-fold')).toContain('pg-fold');
  });

  it("tells V8's pool from libuv's pool in a real Node process", async () => {
    // Allocates for a while (V8's pool marks and scavenges beside it), then runs pbkdf2 on libuv's pool, then waits.
    const script = `
      let keep = [];
      for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 5e5) keep = []; }
      let n = 0;
      for (let i = 0; i < 4; i++) require('node:crypto').pbkdf2('a', 'b', 150000, 32, 'sha256', () => { if (++n === 4) console.log('done'); });
      setInterval(() => {}, 1000);
    `;
    const flags = ['--max-semi-space-size=16'];
    const child = spawn(process.execPath, [...flags, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    stops.push(() => void child.kill('SIGKILL'));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('done') && resolve());
      child.on('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const cpu = threadCpuMs(child.pid, runtimeThreadCounts(flags, {}));
    expect([...cpu.keys()].sort()).toEqual(['libuv-pool', 'main', 'node-inspector', 'node-scheduler', 'v8-pool']);
    expect(cpu.get('v8-pool')).toBeGreaterThan(0);
    expect(cpu.get('libuv-pool')).toBeGreaterThan(0);
    // The two pools' work lands where it belongs: neither the scheduler nor the inspector's watcher did any of it.
    expect(cpu.get('node-scheduler')! + cpu.get('node-inspector')!).toBeLessThan(Math.min(cpu.get('v8-pool')!, cpu.get('libuv-pool')!));
  });

  it('reads the pool sizes a process was started with', () => {
    expect(runtimeThreadCounts(['--max-semi-space-size=16'], {})).toEqual({ v8Pool: 4, uvPool: 4 });
    expect(runtimeThreadCounts(['--v8-pool-size=2', '--v8-pool-size=3'], { UV_THREADPOOL_SIZE: '8' })).toEqual({ v8Pool: 3, uvPool: 8 });
  });
});
