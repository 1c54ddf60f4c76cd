/**
 * A throwaway PostgreSQL cluster on loopback for tests: initdb into a temp
 * folder, `postgres` on a free port with its unix socket in that folder and
 * fsync off (a test cluster need not survive a power cut; synchronous_commit stays on, as in production: with it
 * off an immediate shutdown (`restart()`) loses transactions that had already reported their commit, which the
 * restart test caught), one fresh database
 * per call to `database()`, everything removed by `stop()`.
 *
 * PostgreSQL refuses to run as root: when the tests run as root (CI containers,
 * this machine), the folder is handed to the `postgres` system user that
 * Debian's package creates and the server processes run as that user (spawn's
 * uid/gid), so nothing depends on su or sudo.
 *
 * Missing PostgreSQL: with CI or INTERQ_REQUIRE_POSTGRES=1 in the environment
 * (.ci/run sets it) `postgresUnavailable()` throws, so CI fails loudly; elsewhere
 * it returns the reason and the PostgreSQL cases are skipped with that reason
 * printed (a developer without the package still runs the SQLite cases).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './server-process';

export interface TestPostgres {
  /** postgres://… of a new, empty database in the cluster. */
  database(): Promise<string>;
  /** Stops the server (fast shutdown) and removes the cluster's folder. */
  stop(): Promise<void>;
  /**
   * Kills and restarts the server on the same data and port (a PostgreSQL restart under load); `whileDown` runs
   * between the two (what a node shows while its database is gone).
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  port: number;
}

/** The folder holding initdb and postgres: PG_BIN, Debian's /usr/lib/postgresql/<v>/bin, or the PATH. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(debian, v, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'))) ?? null;
}

const required = (): boolean => Boolean(process.env.CI) || process.env.INTERQ_REQUIRE_POSTGRES === '1';

/**
 * Null when PostgreSQL can run here; otherwise the reason the PostgreSQL cases are skipped.
 * Throws instead in CI (CI or INTERQ_REQUIRE_POSTGRES=1): a missing server must fail the run, not skip it.
 */
export function postgresUnavailable(): string | null {
  const bin = postgresBinDir();
  let reason: string | null = null;
  if (!bin) reason = 'PostgreSQL is not installed (no initdb/postgres in PG_BIN, /usr/lib/postgresql/*/bin or PATH; Debian: apt-get install postgresql)';
  else if (process.getuid?.() === 0 && !systemUser()) reason = 'running as root and there is no "postgres" user to run the server as';
  if (reason && required()) throw new Error(`${reason}. CI requires PostgreSQL for the storage tests (CI or INTERQ_REQUIRE_POSTGRES=1 is set).`);
  if (reason) console.warn(`Skipping the PostgreSQL cases: ${reason}.`);
  return reason;
}

function systemUser(): { uid: number; gid: number } | null {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return null;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Starts a cluster; call `stop()` in afterAll. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (see postgresUnavailable)');
  const asUser = process.getuid?.() === 0 ? systemUser() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-pg-'));
  const data = path.join(dir, 'data');
  if (asUser) fs.chownSync(dir, asUser.uid, asUser.gid);
  const ids = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'interq', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], {
    ...ids,
    encoding: 'utf8',
    cwd: dir,
  });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async (): Promise<void> => {
    log = '';
    const proc = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      { ...ids, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    proc.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    child = proc;
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}): ${log}`);
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'interq', database: 'postgres' });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await c.end().catch(() => undefined);
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await exited;
  };

  // A test runner that dies must not leave the server running.
  const onExit = () => child?.kill('SIGKILL');
  process.once('exit', onExit);
  await launch();

  return {
    port,
    async database() {
      const name = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'interq', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://interq@127.0.0.1:${port}/${name}`;
    },
    async restart(whileDown) {
      // Immediate shutdown: no checkpoint, clients cut off, as in a crash (SIGKILL of the postmaster leaves its
      // children holding shared memory, and the new server would refuse to start until they exit).
      await halt('SIGQUIT');
      try {
        await whileDown?.();
      } finally {
        await launch();
      }
    },
    async stop() {
      process.removeListener('exit', onExit);
      await halt('SIGINT');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
