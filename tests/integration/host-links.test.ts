/**
 * Host links are recorded like invites: a start prints a new one only when none is valid or when asked, and the
 * host lists, mints and revokes them through the API (a revoked link stops working at once, sockets included).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { mintToken } from '../../sync-server/auth/tokens';
import type { Role } from '../../src/domain/access';

const running: ServerProcess[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});
async function start(opts: Parameters<typeof startServer>[0]): Promise<ServerProcess> {
  const s = await startServer(opts);
  running.push(s);
  return s;
}
async function restart(s: ServerProcess, newHostLink: '0' | '1'): Promise<ServerProcess> {
  await s.stop();
  running.splice(running.indexOf(s), 1);
  return start({ dataDir: s.dataDir, port: s.port, env: { INTERQ_NEW_HOST_LINK: newHostLink } });
}

interface ListedLink {
  jti: string;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
  expired: boolean;
  current: boolean;
}
const call = (s: ServerProcess, method: string, p: string, token: string | null) =>
  fetch(`${s.url}${p}`, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} });
const list = async (s: ServerProcess, token: string) => ((await (await call(s, 'GET', '/api/host-links', token)).json()) as { hostLinks: ListedLink[] }).hostLinks;
const jtiOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { jti: string }).jti;

function socketOutcome(s: ServerProcess, token: string): Promise<'open' | 'refused'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/sync/hl-1.plan?token=${encodeURIComponent(token)}`);
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', () => resolve('refused'));
    ws.on('error', () => resolve('refused'));
  });
}

describe('host links', () => {
  it('prints a host link on the first start, and on later starts only when asked or when none is valid', async () => {
    const first = await start({ env: { INTERQ_NEW_HOST_LINK: '0' } });
    expect(first.hostToken).not.toBe('');
    expect(await list(first, first.hostToken)).toMatchObject([{ jti: jtiOf(first.hostToken), revoked: false, current: true }]);

    const second = await restart(first, '0');
    expect(second.hostToken).toBe('');
    expect(second.output()).toContain('Host links: 1 still valid');
    expect(second.output()).toContain('--new-host-link');
    // The first link still works, and is still the only one.
    expect((await list(second, first.hostToken)).map((l) => l.jti)).toEqual([jtiOf(first.hostToken)]);

    const third = await restart(second, '1');
    expect(third.hostToken).not.toBe('');
    expect(third.hostToken).not.toBe(first.hostToken);
    expect(await list(third, third.hostToken)).toHaveLength(2);

    // Every link revoked: the next start has none valid and prints a new one by itself.
    for (const l of await list(third, third.hostToken)) if (!l.current) expect((await call(third, 'DELETE', `/api/host-links/${l.jti}`, third.hostToken)).status).toBe(200);
    const own = await call(third, 'DELETE', `/api/host-links/${jtiOf(third.hostToken)}`, third.hostToken);
    expect(await own.json()).toEqual({ revoked: jtiOf(third.hostToken), current: true });
    const fourth = await restart(third, '0');
    expect(fourth.hostToken).not.toBe('');
    const after = await list(fourth, fourth.hostToken);
    expect(after.filter((l) => !l.revoked).map((l) => l.jti)).toEqual([jtiOf(fourth.hostToken)]);
    expect(after.filter((l) => l.revoked)).toHaveLength(2);
    // Four server starts (startServer allows each 60 s; under tsx each compiled the server, before the bundle): at load 30 the whole
    // test took 57-61 s, over the default 60 s.
  }, 180_000);

  it('lets the host mint and revoke links; a revoked link stops working at once, its sockets too; other roles may do neither', async () => {
    const s = await start({ env: { INTERQ_NEW_HOST_LINK: '0' } });
    const created = await call(s, 'POST', '/api/host-links', s.hostToken);
    expect(created.status).toBe(201);
    const fresh = (await created.json()) as { jti: string; url: string; expiresAt: number };
    expect(fresh.url).toMatch(/#host=/);
    const leaked = fresh.url.split('#host=')[1]!;
    expect(fresh.expiresAt).toBeGreaterThan(Date.now() + 29 * 86400_000);

    const listed = await list(s, leaked);
    expect(listed.map((l) => [l.jti, l.current])).toEqual([
      [jtiOf(s.hostToken), false],
      [fresh.jti, true],
    ]);
    expect((await call(s, 'GET', '/api/me', leaked)).status).toBe(200);
    expect(await socketOutcome(s, leaked)).toBe('open');
    const open = new WebSocket(`ws://127.0.0.1:${s.port}/sync/hl-1.plan?token=${encodeURIComponent(leaked)}`);
    await new Promise((r) => open.once('open', r));
    const closed = new Promise<number>((r) => open.once('close', (code) => r(code)));

    expect((await call(s, 'DELETE', `/api/host-links/${fresh.jti}`, s.hostToken)).status).toBe(200);
    expect(await closed).toBeGreaterThanOrEqual(4000);
    expect((await call(s, 'GET', '/api/me', leaked)).status).toBe(401);
    expect(await socketOutcome(s, leaked)).toBe('refused');
    expect((await list(s, s.hostToken)).find((l) => l.jti === fresh.jti)).toMatchObject({ revoked: true });
    expect((await call(s, 'DELETE', '/api/host-links/no-such-link', s.hostToken)).status).toBe(404);

    const secret = readSecret(s.dataDir);
    for (const role of ['guest', 'interviewer', 'moderator', 'tech-support', 'audience'] as Role[]) {
      const t = mintToken(secret, { iid: 'hl-1', role, sub: role, ttlSec: 600 });
      for (const [method, p] of [['GET', '/api/host-links'], ['POST', '/api/host-links'], ['DELETE', `/api/host-links/${jtiOf(s.hostToken)}`]] as const) {
        expect((await call(s, method, p, t)).status, `${role} ${method}`).toBe(403);
      }
    }
    expect((await call(s, 'GET', '/api/host-links', null)).status).toBe(401);
    expect((await list(s, s.hostToken)).find((l) => l.current)).toMatchObject({ revoked: false });
  });
});
