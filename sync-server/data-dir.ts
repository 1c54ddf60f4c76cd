/**
 * The data folder: created on first start, checked for write access before
 * anything else happens, and home of the token secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { StartupError } from './db/open';

export const SECRET_FILE = 'server-secret.key';
export const DATABASE_FILE = 'interq.sqlite';

export function prepareDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new StartupError(
      `Data folder ${dir} cannot be written (${code}). Fix its permissions or set DATA_DIR to a writable folder.`,
    );
  }
}

/** The secret file's form: 32 random bytes in lowercase hex (its trimmed text). */
export function isWellFormedSecret(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

/**
 * The HMAC secret that signs every invite token. Generated once; deleting it
 * invalidates every link ever issued, which is the intended way to revoke all.
 */
export function loadOrCreateSecret(dir: string): Buffer {
  const file = path.join(dir, SECRET_FILE);
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!isWellFormedSecret(hex)) {
      throw new StartupError(`Secret file ${file} is damaged. Restore it from a backup, or delete it to issue new links (old links stop working).`);
    }
    return Buffer.from(hex, 'hex');
  }
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}

/**
 * The data folder's holder: a server writes `server.pid` when it starts and removes it when it stops, so a second
 * server on the same folder is refused (two processes would each compact, prune and project the same SQLite file,
 * and each would think it alone serves its interviews), and so is a tool that must not run beside a server (npm run
 * migrate:to-postgres). A file left by a killed server names a process that is gone (or a zombie not yet reaped, or a
 * pid reused by another program, told apart by its start time on Linux): that is not a holder, and does not block.
 */
export const PID_FILE = 'server.pid';

export interface DataDirHolder {
  pid: number;
  host: string;
  startedAt: number;
}

/** The fields of /proc/<pid>/stat after the command name (field 3 onwards), or null where there is none. */
function procStatFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Counted after the command name's closing parenthesis (the name may hold spaces).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The process's start time in clock ticks since boot (Linux /proc, field 22), or null elsewhere: tells a reused pid apart. */
function processStartTicks(pid: number): string | null {
  return procStatFields(pid)?.[19] ?? null;
}

/** A process that has exited and waits for its parent to reap it (state Z or X): it holds nothing any more. */
function exited(pid: number): boolean {
  const state = procStatFields(pid)?.[0];
  return state === 'Z' || state === 'X';
}

/** Refused start: another live server holds the folder. */
export class DataDirInUseError extends StartupError {
  constructor(
    readonly dir: string,
    readonly holder: DataDirHolder,
  ) {
    super(
      `Data folder ${dir} is in use by another InterQ server (pid ${holder.pid} on ${holder.host}, started ${new Date(holder.startedAt).toISOString()}, see ${path.join(dir, PID_FILE)}); two servers on one folder would overwrite each other's data. Stop that server first, or start this one with another DATA_DIR.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Records this process as the folder's holder; the returned function removes the record (only if still ours).
 * Throws DataDirInUseError while another live server holds it. The record is created exclusively (`wx`), and a stale
 * one (its process gone) is removed first; two servers starting at the same instant could both find the same stale
 * record, so each reads the record back after writing and only the one it names goes on.
 */
export function holdDataDir(dir: string): () => void {
  const file = path.join(dir, PID_FILE);
  const record = { pid: process.pid, host: os.hostname(), startedAt: Date.now(), procStart: processStartTicks(process.pid) };
  const refuseIfHeld = (): void => {
    const holder = dataDirHolder(dir);
    if (holder && !(holder.pid === process.pid && holder.host === record.host)) throw new DataDirInUseError(dir, holder);
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(record) + '\n', { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      refuseIfHeld();
      // Left by a server that is gone (killed, crashed): not a holder.
      fs.rmSync(file, { force: true });
    }
  }
  refuseIfHeld();
  return () => {
    try {
      const now = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number };
      if (now.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or replaced by a server started after us: not ours to remove.
    }
  };
}

/** The live server holding `dir`, or null when none does (no record, or its process is gone). */
export function dataDirHolder(dir: string): DataDirHolder | null {
  let record: { pid?: unknown; host?: unknown; startedAt?: unknown; procStart?: unknown };
  try {
    record = JSON.parse(fs.readFileSync(path.join(dir, PID_FILE), 'utf8')) as typeof record;
  } catch {
    return null;
  }
  const pid = Number(record.pid);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const holder = { pid, host: String(record.host ?? ''), startedAt: Number(record.startedAt ?? 0) };
  // Another machine's process cannot be looked at from here: it counts as holding the folder (a shared mount).
  if (holder.host !== os.hostname()) return holder;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  if (exited(pid)) return null;
  const recorded = typeof record.procStart === 'string' ? record.procStart : null;
  const current = processStartTicks(pid);
  if (recorded && current && recorded !== current) return null;
  return holder;
}

/** Names this node among those sharing a database (host and data folder: each node has its own), stable across restarts. */
export function nodeKeyOf(dataDir: string): string {
  return `${os.hostname()}:${path.resolve(dataDir)}`;
}
