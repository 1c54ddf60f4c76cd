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

/**
 * The HMAC secret that signs every invite token. Generated once; deleting it
 * invalidates every link ever issued, which is the intended way to revoke all.
 */
export function loadOrCreateSecret(dir: string): Buffer {
  const file = path.join(dir, SECRET_FILE);
  if (fs.existsSync(file)) {
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw new StartupError(`Secret file ${file} is damaged. Restore it from a backup, or delete it to issue new links (old links stop working).`);
    }
    return Buffer.from(hex, 'hex');
  }
  const secret = randomBytes(32);
  fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600 });
  return secret;
}

/**
 * The data folder's holder: a server writes `server.pid` when it starts and removes it when it stops, so a tool that
 * must not run beside a server (npm run migrate:to-postgres) can tell. A file left by a killed server names a process
 * that is gone (or a pid reused by another program, told apart by its start time on Linux): that is not a holder.
 */
export const PID_FILE = 'server.pid';

export interface DataDirHolder {
  pid: number;
  host: string;
  startedAt: number;
}

/** The process's start time in clock ticks since boot (Linux /proc), or null elsewhere: tells a reused pid apart. */
function processStartTicks(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name's closing parenthesis (the name may hold spaces).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Records this process as the folder's holder; the returned function removes the record (only if still ours). */
export function holdDataDir(dir: string): () => void {
  const file = path.join(dir, PID_FILE);
  const record = { pid: process.pid, host: os.hostname(), startedAt: Date.now(), procStart: processStartTicks(process.pid) };
  fs.writeFileSync(file, JSON.stringify(record) + '\n');
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
  const recorded = typeof record.procStart === 'string' ? record.procStart : null;
  const current = processStartTicks(pid);
  if (recorded && current && recorded !== current) return null;
  return holder;
}

/** Names this node among those sharing a database (host and data folder: each node has its own), stable across restarts. */
export function nodeKeyOf(dataDir: string): string {
  return `${os.hostname()}:${path.resolve(dataDir)}`;
}
