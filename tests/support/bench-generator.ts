/**
 * bench:sync's processes for integration tests: a server (ours or the reference) on loopback in a process of its own,
 * and a load generator (scripts/bench-sync/generator.ts) driven over IPC as scripts/bench-sync.ts drives it. Every
 * process and data folder started here is removed by `cleanUp()` (call it in afterEach).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FromGenerator, ToGenerator } from '../../scripts/bench-sync/protocol';

const children: ChildProcess[] = [];
const dirs: string[] = [];

export function cleanUp(): void {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

function start(script: string, env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  const child = fork(path.resolve(script), [], { execArgv: ['--import', 'tsx', ...nodeFlags], env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.push(child);
  return child;
}

/** Starts a bench server script (tests/support/collab-process.ts or the reference's) and resolves with its port. */
export async function startBenchServer(script: string, secret: Buffer): Promise<number> {
  return (await startBenchServerIn(script, secret)).port;
}

/**
 * The same, with its data folder: `prepare` runs on the empty folder before the server starts (bench:sync seeds the
 * sessions' plans there, bench-sync/seed-plans.ts).
 */
export async function startBenchServerIn(script: string, secret: Buffer, prepare?: (dataDir: string) => Promise<void>): Promise<{ port: number; dataDir: string }> {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-gen-'));
  dirs.push(data);
  await prepare?.(data);
  const child = start(script, { PORT: '0', DATA: data, SECRET: secret.toString('hex') });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      const m = /ready (\d+)/.exec((out += c.toString()));
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code} before ready`)));
  });
  return { port, dataDir: data };
}

export interface GeneratorProcess {
  send(msg: ToGenerator): void;
  /** The generator's next message of this type (rejects on its error message). */
  next<T extends FromGenerator['type']>(type: T): Promise<Extract<FromGenerator, { type: T }>>;
}

/**
 * A load generator with the raw protocol clients; `nodeFlags` as bench:sync --generator-flags gives them, `env` as
 * bench:sync's options set it (BENCH_GENERATOR_HEAP_PROFILE_DIR for --heap-profile-generators).
 */
export function startGenerator(nodeFlags: readonly string[] = [], env: Record<string, string> = {}): GeneratorProcess {
  const gen = start('scripts/bench-sync/generator.ts', { BENCH_CLIENT: 'raw', BENCH_DIAGNOSTICS: '0', ...env }, nodeFlags);
  return {
    send: (m) => gen.send(m),
    next: <T extends FromGenerator['type']>(type: T) =>
      new Promise<Extract<FromGenerator, { type: T }>>((resolve, reject) => {
        const on = (m: FromGenerator) => {
          if (m.type === 'error') reject(new Error(m.message));
          if (m.type !== type) return;
          gen.off('message', on);
          resolve(m as Extract<FromGenerator, { type: T }>);
        };
        gen.on('message', on);
      }),
  };
}
