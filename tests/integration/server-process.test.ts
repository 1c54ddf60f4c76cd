/**
 * The tests' server start helper (tests/support/server-process.ts) owns the child until the server is up: a start
 * that times out, or that its suite gives up (`serverStarts().abandon()` in an afterAll, after vitest gave up on a
 * beforeAll that ran past its timeout), kills the child before it rejects, so no server comes up later with nobody
 * to stop it. The server here hangs in its start for as long as the test wants: its DATABASE_URL names a loopback
 * port that accepts connections and never answers, so PostgreSQL's start-up exchange never ends.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, serverStarts, ServerStartError, startServer } from '../support/server-process';

const silent: net.Server[] = [];
const held: net.Socket[] = [];
afterEach(async () => {
  for (const socket of held.splice(0)) socket.destroy();
  for (const server of silent.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A "database" that takes connections and never says a word: a server pointed at it stays starting. */
async function silentDatabaseUrl(): Promise<string> {
  const port = await freePort();
  const server = net.createServer((socket) => void held.push(socket));
  silent.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return `postgres://interq@127.0.0.1:${port}/interq`;
}

/** Whether a process with this pid still exists (signal 0 checks without sending anything). */
function exists(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function failureOf(start: Promise<unknown>): Promise<ServerStartError> {
  const err = await start.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ServerStartError);
  return err as ServerStartError;
}

describe('the test server start helper', () => {
  it('kills a server that did not start in time before it reports the timeout', async () => {
    const err = await failureOf(startServer({ env: { DATABASE_URL: await silentDatabaseUrl() }, timeoutMs: 3_000 }));
    expect(err.message).toContain('server did not start in time');
    expect(err.pid).toBeGreaterThan(0);
    // Killed and reaped before the rejection: nothing is left to come up later.
    expect(exists(err.pid)).toBe(false);
  });

  it('kills a server whose start the suite gave up (a beforeAll that timed out), and only that one', async () => {
    const starts = serverStarts();
    const url = await silentDatabaseUrl();
    const starting = startServer({ env: { DATABASE_URL: url }, signal: starts.signal, timeoutMs: 120_000 });
    // The server is under way (it has connected to the database and waits for it); vitest has given up on the hook.
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    starts.abandon();
    const err = await failureOf(starting);
    expect(err.message).toContain('server start given up (the suite ended before the server started)');
    expect(exists(err.pid)).toBe(false);

    // A start with the signal already aborted never leaves a child either.
    const late = await failureOf(startServer({ env: { DATABASE_URL: url }, signal: starts.signal }));
    expect(exists(late.pid)).toBe(false);
  });

  it('leaves a server that started to its caller: giving up the starts afterwards does not stop it', async () => {
    const starts = serverStarts();
    const s = await startServer({ signal: starts.signal });
    try {
      starts.abandon();
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect(exists(s.child.pid)).toBe(true);
    } finally {
      await s.stop();
    }
  });
});
