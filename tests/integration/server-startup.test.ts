/**
 * Starting the real server: health, and every startup failure ending in one
 * clear line instead of a stack trace or a damaged database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startServer, tempDataDir, freePort, type ServerProcess } from '../support/server-process';
import { DATABASE_FILE, PID_FILE } from '../../sync-server/data-dir';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../sync-server/db/migrations';
import { mintToken } from '../../sync-server/auth/tokens';
import { readSecret } from '../support/server-process';

const running: ServerProcess[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function expectStartFailure(opts: Parameters<typeof startServer>[0]): Promise<string> {
  const err = await startServer(opts).then(
    (s) => {
      running.push(s);
      return null;
    },
    (e: Error) => e,
  );
  expect(err).not.toBeNull();
  return err!.message;
}

describe('server startup', () => {
  it('answers /healthz with version, uptime and storage status', async () => {
    const s = await startServer();
    running.push(s);
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; version: string; uptimeSec: number; storage: { ok: boolean; schemaVersion: number } };
    expect(body.status).toBe('ok');
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(body.uptimeSec).toBeGreaterThanOrEqual(0);
    expect(body.storage.ok).toBe(true);
    expect(body.storage.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(fs.existsSync(path.join(s.dataDir, DATABASE_FILE))).toBe(true);
  });

  it('sends cross-origin isolation headers', async () => {
    const s = await startServer();
    running.push(s);
    const res = await fetch(`${s.url}/healthz`);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('refuses a port that is in use with one clear line', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const msg = await expectStartFailure({ port });
      expect(msg).toContain(`InterQ cannot start: Port ${port} is already in use`);
      expect(msg).toContain('PORT=');
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder that cannot be written', async () => {
    const parent = tempDataDir();
    const file = path.join(parent, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const msg = await expectStartFailure({ dataDir: path.join(file, 'data') });
    expect(msg).toContain('cannot be written');
    expect(msg).toContain('DATA_DIR');
  });

  it('refuses a corrupt database and leaves it untouched', async () => {
    const dataDir = tempDataDir();
    const dbFile = path.join(dataDir, DATABASE_FILE);
    const junk = Buffer.from('this is not a database '.repeat(300));
    fs.writeFileSync(dbFile, junk);
    const msg = await expectStartFailure({ dataDir });
    expect(msg).toMatch(/InterQ cannot start: .*(not a SQLite database|corrupt)/);
    expect(fs.readFileSync(dbFile).equals(junk)).toBe(true);
  });

  it('refuses a database from a newer InterQ and does not change it', async () => {
    const dataDir = tempDataDir();
    const dbFile = path.join(dataDir, DATABASE_FILE);
    const db = new Database(dbFile);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(dbFile);
    const msg = await expectStartFailure({ dataDir });
    expect(msg).toContain(`schema version ${LATEST_SCHEMA_VERSION + 5}`);
    expect(msg).toContain('Upgrade InterQ');
    expect(fs.readFileSync(dbFile).equals(before)).toBe(true);
  });

  it('upgrades a database from every earlier schema version, keeping what it holds', async () => {
    for (const from of MIGRATIONS.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION)) {
      const dataDir = tempDataDir();
      const dbFile = path.join(dataDir, DATABASE_FILE);
      const old = new Database(dbFile);
      for (const m of MIGRATIONS.filter((m) => m.version <= from)) old.exec(m.sql);
      old.pragma(`user_version = ${from}`);
      old.prepare('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES (?, ?, ?)').run('old-iv.plan', Buffer.from([0, 0]), 1);
      old.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('kept', `from v${from}`);
      old.close();

      const s = await startServer({ dataDir });
      running.push(s);
      const health = (await (await fetch(`${s.url}/healthz`)).json()) as { storage: { schemaVersion: number } };
      expect(health.storage.schemaVersion, `from v${from}`).toBe(LATEST_SCHEMA_VERSION);
      // What came after works: an answer upload is accepted into the new tables.
      const guest = mintToken(readSecret(dataDir), { iid: 'old-iv', role: 'guest', sub: 'g', ttlSec: 600 });
      const created = await fetch(`${s.url}/api/interviews/old-iv/recordings`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${guest}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ recordingId: 'r1', questionId: 'q1', mimeType: 'audio/webm', totalBytes: 3, sha256: 'c'.repeat(64), durationMs: 1 }),
      });
      expect(created.status, `from v${from}`).toBe(201);
      expect(await s.stop()).toBe(0);
      running.pop();

      const after = new Database(dbFile, { readonly: true });
      expect(after.prepare('SELECT doc FROM yjs_updates').all()).toEqual([{ doc: 'old-iv.plan' }]);
      expect(after.prepare('SELECT value FROM settings WHERE key = ?').get('kept')).toEqual({ value: `from v${from}` });
      after.close();
    }
  });

  it('refuses a second server on the same data folder with one clear line, and a pid file left by a SIGKILLed server does not block the next start', async () => {
    const dataDir = tempDataDir();
    const pidFile = path.join(dataDir, PID_FILE);
    const first = await startServer({ dataDir });
    running.push(first);
    const holderPid = () => (JSON.parse(fs.readFileSync(pidFile, 'utf8')) as { pid: number }).pid;
    expect(holderPid()).toBe(first.child.pid);

    const msg = await expectStartFailure({ dataDir });
    expect(msg).toContain(`InterQ cannot start: Data folder ${dataDir} is in use by another InterQ server (pid ${first.child.pid} on `);
    expect(msg).toContain('Stop that server first, or start this one with another DATA_DIR.');
    // The refused start changed nothing: the first server still holds the folder and serves.
    expect(holderPid()).toBe(first.child.pid);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    // A crash leaves the record behind, naming a process that is gone: the next start takes the folder.
    await first.kill();
    expect(holderPid()).toBe(first.child.pid);
    const again = await startServer({ dataDir });
    running.push(again);
    expect(holderPid()).toBe(again.child.pid);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    // A clean stop removes the record.
    expect(await again.stop()).toBe(0);
    expect(fs.existsSync(pidFile)).toBe(false);
  });

  it('keeps what it stored across a clean restart (SIGTERM exits 0)', async () => {
    const dataDir = tempDataDir();
    const s = await startServer({ dataDir });
    const auth = { Authorization: `Bearer ${s.hostToken}`, 'Content-Type': 'application/json' };
    const created = await fetch(`${s.url}/api/invites`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ interviewId: 'restart-check', role: 'guest', subject: 'Ada' }),
    });
    expect(created.status).toBe(201);
    const invite = (await created.json()) as { jti: string; url: string };
    expect(invite.url).toContain('/join/restart-check#t=');
    expect(await s.stop()).toBe(0);

    const again = await startServer({ dataDir });
    running.push(again);
    // The old host link still works: the secret persisted with the data.
    const list = await fetch(`${again.url}/api/interviews/restart-check/invites`, { headers: { Authorization: `Bearer ${s.hostToken}` } });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { invites: { jti: string; subject: string }[] };
    expect(body.invites.map((i) => [i.jti, i.subject])).toEqual([[invite.jti, 'Ada']]);
  });
});
