/**
 * A throwaway PostgreSQL cluster on loopback for tests: initdb into a temp
 * folder, `postgres` on a free port with its unix socket in that folder and
 * fsync off (a test cluster need not survive a power cut; synchronous_commit stays on, as in production: with it
 * off an immediate shutdown (`restart()`) loses transactions that had already reported their commit, which the
 * restart test caught), one fresh database
 * per call to `database()`, everything removed by `stop()`. The integration run starts one such cluster for all its
 * files and hands out databases in it (`attachPostgres`, tests/support/run-postgres.ts); a test that restarts
 * PostgreSQL gets a cluster of its own, copied from the run's initdb template (`initTemplate`).
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

/**
 * A stopped, freshly initialised data folder (initdb) in a new temp folder, owned by the user the server runs as.
 * initdb takes some 3 s on a busy 2-core machine: a test run makes one (tests/integration/global-setup.ts) and every
 * cluster of the run starts from a copy of it (`startPostgres({ template })`).
 */
export function initTemplate(): string {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (see postgresUnavailable)');
  const asUser = process.getuid?.() === 0 ? systemUser() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-pg-template-'));
  if (asUser) fs.chownSync(dir, asUser.uid, asUser.gid);
  const data = path.join(dir, 'data');
  initdb(bin, data, dir, asUser);
  return data;
}

function initdb(bin: string, data: string, cwd: string, asUser: { uid: number; gid: number } | null): void {
  const ids = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'interq', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], {
    ...ids,
    encoding: 'utf8',
    cwd,
  });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
}

export interface StartPostgresOptions {
  /** A stopped data folder from `initTemplate()`: copied (ownership and modes kept) instead of running initdb. */
  template?: string | null;
  /** Connections the server accepts (default 200; a cluster shared by two test files at a time takes more). */
  maxConnections?: number;
}

/** Starts a cluster; call `stop()` in afterAll. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (see postgresUnavailable)');
  const asUser = process.getuid?.() === 0 ? systemUser() : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-pg-'));
  const data = path.join(dir, 'data');
  if (asUser) fs.chownSync(dir, asUser.uid, asUser.gid);
  const ids = asUser ? { uid: asUser.uid, gid: asUser.gid } : {};
  try {
    if (opts.template) {
      // cp -a keeps the owner and the 0700 mode PostgreSQL insists on (fs.cpSync keeps neither).
      const copy = spawnSync('cp', ['-a', opts.template, data], { encoding: 'utf8' });
      if (copy.status !== 0) throw new Error(`copying the PostgreSQL template ${opts.template} failed (${copy.status}): ${copy.stderr}`);
    } else initdb(bin, data, dir, asUser);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const port = await freePort();
  let child: ChildProcess | null = null;
  let log = '';

  const launch = async (): Promise<void> => {
    log = '';
    const proc = spawn(
      path.join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', `max_connections=${opts.maxConnections ?? 200}`],
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
    database: () => createDatabase(port),
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

/** A new, empty database in the cluster on `port`; returns its postgres:// URL. */
async function createDatabase(port: number): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await asAdmin(port, (admin) => admin.query(`CREATE DATABASE ${name}`));
  return `postgres://interq@127.0.0.1:${port}/${name}`;
}

async function asAdmin<T>(port: number, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'interq', database: 'postgres' });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A handle on a cluster that someone else runs (the test run's shared cluster, tests/support/run-postgres.ts): each
 * `database()` is a fresh database of its own, as with a cluster of one's own, and `stop()` drops the databases this
 * handle made (their connections cut), leaving the cluster to the other files. It cannot be restarted: that would cut
 * every other file's connections too; a test that restarts PostgreSQL starts a cluster of its own.
 */
export function attachPostgres(port: number): TestPostgres {
  const made: string[] = [];
  return {
    port,
    async database() {
      const url = await createDatabase(port);
      made.push(url.slice(url.lastIndexOf('/') + 1));
      return url;
    },
    async restart() {
      throw new Error('The shared PostgreSQL cluster cannot be restarted (every other test file uses it): start a cluster of your own (run-postgres.ts ownPostgres, or storageBackends({ restartable: true })).');
    },
    async stop() {
      const names = made.splice(0);
      if (names.length === 0) return;
      await asAdmin(port, async (admin) => {
        for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}
