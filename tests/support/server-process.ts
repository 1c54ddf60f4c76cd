/**
 * Starts the real InterQ server (sync-server/main.ts) as a child process on a
 * free port with its own data folder, the way `npm start` runs it (from a bundle
 * of the same sources, see server-bundle.ts). Tests can stop it cleanly
 * (SIGTERM), kill it (SIGKILL) and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { SECRET_FILE } from '../../sync-server/data-dir';
import { bundledEntry } from './server-bundle';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDataDir(prefix = 'interq-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A fresh data folder holding the same signing secret as `node`'s: a second node of one deployment (deploy/README.md:
 * one secret for every node), so links issued by either are valid on both.
 */
export function dataDirSharingSecret(node: { dataDir: string }): string {
  const dataDir = tempDataDir();
  fs.copyFileSync(path.join(node.dataDir, SECRET_FILE), path.join(dataDir, SECRET_FILE));
  return dataDir;
}

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  /** The host link this start printed; '' when it printed none (one was valid and INTERQ_NEW_HOST_LINK was 0). */
  hostLink: string;
  hostToken: string;
  output(): string;
  /** SIGTERM and wait for exit (a clean stop flushes everything). */
  stop(): Promise<number | null>;
  /** SIGKILL: the crash case. */
  kill(): Promise<void>;
  readonly child: ChildProcess;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Milliseconds to wait for the "running" line. */
  timeoutMs?: number;
  /** Node.js options before the entry (bench:cluster's --profile-nodes: `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  /**
   * Aborted while the server is still starting: the start is given up and the child killed. A suite aborts it in
   * its afterAll (`serverStarts`), so a server whose start outlasted a timed-out beforeAll does not run on.
   */
  signal?: AbortSignal;
}

/** A start that did not end in a running server: the child (`pid`) was killed and has exited. */
export class ServerStartError extends Error {
  constructor(
    message: string,
    readonly pid: number | undefined,
  ) {
    super(message);
    this.name = 'ServerStartError';
  }
}

/**
 * The starts of one suite, for its beforeAll and afterAll: vitest gives up on a beforeAll that runs past its timeout
 * but not on the promise inside it, so a server still starting would come up after the suite's afterAll, with
 * nobody left to stop it (it would run until the test process exits: INTERQ_PARENT_PID). Pass `signal` to every
 * startServer of the suite and call `abandon()` first in its afterAll: a start still under way is given up and its
 * child killed; servers already started are the afterAll's to stop, as before.
 */
export function serverStarts(): { signal: AbortSignal; abandon(): void } {
  const controller = new AbortController();
  return { signal: controller.signal, abandon: () => controller.abort(new Error('the suite ended before the server started')) };
}

export async function startServer(opts: StartOptions = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), await bundledEntry('sync-server/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_QUIET: '1',
      INTERQ_PARENT_PID: String(process.pid),
      // Every start prints a host link, restarts on the same data folder included (tests read the token from it).
      INTERQ_NEW_HOST_LINK: '1',
      // Tests share the repository's models folder: no server started by a test downloads into it by itself.
      INTERQ_MODEL_AUTOFETCH: '0',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  try {
    await new Promise<void>((resolve, reject) => {
      const { signal } = opts;
      const done = (err?: Error) => {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        signal?.removeEventListener('abort', abandoned);
        if (err) reject(err);
        else resolve();
      };
      // Under tsx a start alone passed 30 s with two e2e workers and other work on two cores; the bundle is cheaper, the margin stays.
      const timer = setTimeout(() => done(new Error(`server did not start in time:\n${out}`)), opts.timeoutMs ?? 60_000);
      const check = () => {
        if ((/Host link/.test(out) && /#host=\S+/.test(out)) || /Host links: \d+ still valid[^\n]*\n[^\n]*\n/.test(out)) done();
      };
      const abandoned = () => done(new Error(`server start given up (${(signal?.reason as Error | undefined)?.message ?? 'aborted'}):\n${out}`));
      child.stdout!.on('data', check);
      void exited.then((code) => done(new Error(`server exited with code ${code} before starting:\n${out}`)));
      if (signal?.aborted) abandoned();
      else signal?.addEventListener('abort', abandoned, { once: true });
    });
  } catch (err) {
    // The caller never gets this child: a start that failed, timed out or was given up is this helper's to stop.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    throw new ServerStartError((err as Error).message, child.pid);
  }
  const hostLink = /(http\S+#host=\S+)/.exec(out)?.[1] ?? '';
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    hostLink,
    hostToken: hostLink.split('#host=')[1] ?? '',
    output: () => out,
    child,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export function readSecret(dataDir: string): Buffer {
  return Buffer.from(fs.readFileSync(path.join(dataDir, SECRET_FILE), 'utf8').trim(), 'hex');
}
