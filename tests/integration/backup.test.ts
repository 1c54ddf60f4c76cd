/**
 * npm run backup (scripts/backup.ts, sync-server/backup/backup-data-folder.ts) against a real server on SQLite that
 * keeps running: the copy holds every update the server had acknowledged when the backup ran (including those only
 * in the WAL, which a plain copy of interq.sqlite misses), a server started on the copy serves them to a client
 * holding a link of the original server, and bad input is refused in one sentence with nothing changed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, backupDataFolder } from '../../sync-server/backup/backup-data-folder';
import { REPO_ROOT, serverStarts, startServer, tempDataDir, type ServerProcess } from '../support/server-process';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';

const SCRIPT = path.join(REPO_ROOT, 'scripts/backup.ts');
const DOC = 'backup-1.staff';
const starts = serverStarts();
const servers: ServerProcess[] = [];
const clients: YwsClient[] = [];
let source: ServerProcess;

function backup(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refusedWith(run: ReturnType<typeof backup>, pattern: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stderr.trim()).toMatch(pattern);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stdout).toBe('');
}

const syncUrl = (s: ServerProcess) => `${s.url.replace('http', 'ws')}/sync`;

/** Lines written by one client, seen by a second connection: the server relays only what it has stored. */
async function writeAcknowledged(s: ServerProcess, lines: string[]): Promise<void> {
  const writer = connectClient(syncUrl(s), DOC, s.hostToken);
  const reader = connectClient(syncUrl(s), DOC, s.hostToken);
  clients.push(writer, reader);
  await Promise.all([writer.synced(), reader.synced()]);
  writer.doc.getArray<string>('chat').push(lines);
  const want = writer.doc.getArray<string>('chat').length;
  await waitFor(() => reader.doc.getArray<string>('chat').length === want, 'the second connection sees every line');
}

beforeAll(async () => {
  source = await startServer({ signal: starts.signal });
  servers.push(source);
}, 90_000);

afterAll(async () => {
  starts.abandon();
  for (const c of clients) c.destroy();
  for (const s of servers) await s.stop();
});

describe('npm run backup', () => {
  it('copies a running server’s folder with everything it acknowledged; a server on the copy serves it to the old links', async () => {
    await writeAcknowledged(source, Array.from({ length: 50 }, (_, i) => `line ${i}`));
    // Written just before the backup: within the checkpoint worker's 5 s, so in the WAL at least until then.
    await writeAcknowledged(source, ['the last line before the backup']);
    const to = path.join(tempDataDir('interq-backup-'), 'copy');
    const run = backup(['--data', source.dataDir, '--to', to]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Backed up .* integrity ok \(yjs_updates \d+, yjs_snapshots \d+, recordings 0\)/);
    expect(fs.readdirSync(to).sort()).toEqual(['interq.sqlite', 'server-secret.key']);
    expect(fs.statSync(path.join(to, 'server-secret.key')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(to, 'server-secret.key'))).toEqual(fs.readFileSync(path.join(source.dataDir, 'server-secret.key')));

    // The source keeps serving while and after it is copied.
    await writeAcknowledged(source, ['after the backup']);

    const restored = await startServer({ dataDir: to, signal: starts.signal });
    servers.push(restored);
    // The original server's host link, on the restored server: same secret, same documents.
    const reader = connectClient(syncUrl(restored), DOC, source.hostToken);
    clients.push(reader);
    await reader.synced();
    const lines = reader.doc.getArray<string>('chat').toArray();
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toBe('the last line before the backup');
    expect(lines).not.toContain('after the backup');
  });

  it('refuses bad options on the command line in one sentence', () => {
    // One process per case costs seconds under load: the command line's own refusals here, the rest in-process below.
    refusedWith(backup(['--data', source.dataDir, '--to', tempDataDir('interq-backup-opt-'), '--fast']), /^Unknown option --fast/);
    refusedWith(backup(['--data', source.dataDir]), /^--to is required/);
  });

  it('refuses bad folders in one sentence and changes nothing', () => {
    const parent = tempDataDir('interq-backup-bad-');
    const refused = (from: string, to: string, pattern: RegExp) => {
      expect(() => backupDataFolder(from, to)).toThrow(BackupError);
      expect(() => backupDataFolder(from, to)).toThrow(pattern);
    };
    refused(path.join(parent, 'nowhere'), path.join(parent, 'b1'), /does not exist/);
    expect(fs.existsSync(path.join(parent, 'b1'))).toBe(false);
    refused(source.dataDir, path.join(source.dataDir, 'backups'), /outside the data folder/);
    expect(fs.existsSync(path.join(source.dataDir, 'backups'))).toBe(false);

    // A folder already holding a file (an earlier backup) is never written into, and its file is left as it was.
    const used = path.join(parent, 'used');
    fs.mkdirSync(used);
    fs.writeFileSync(path.join(used, 'interq.sqlite'), 'an earlier backup');
    refused(source.dataDir, used, /is not empty/);
    expect(fs.readdirSync(used)).toEqual(['interq.sqlite']);
    expect(fs.readFileSync(path.join(used, 'interq.sqlite'), 'utf8')).toBe('an earlier backup');

    // A folder without a database, and one whose secret is damaged.
    const empty = path.join(parent, 'empty');
    fs.mkdirSync(empty);
    refused(empty, path.join(parent, 'b2'), /holds no InterQ database/);
    const damaged = path.join(parent, 'damaged');
    fs.mkdirSync(damaged);
    fs.copyFileSync(path.join(source.dataDir, 'interq.sqlite'), path.join(damaged, 'interq.sqlite'));
    fs.writeFileSync(path.join(damaged, 'server-secret.key'), 'not hex\n');
    refused(damaged, path.join(parent, 'b3'), /server-secret\.key is damaged/);
    expect(fs.existsSync(path.join(parent, 'b2'))).toBe(false);
    expect(fs.existsSync(path.join(parent, 'b3'))).toBe(false);
  });
});
