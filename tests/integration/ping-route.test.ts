/**
 * /api/ping, which the guest's technical check times (#18 item 4), against the real server: a bare ping, a
 * download of the asked size, an upload counted and dropped, never cached, and bad sizes refused in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';

let s: ServerProcess;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.stop();
});

describe('/api/ping', () => {
  it('answers a bare ping, sends the bytes asked for, and counts what was posted, never cached, without a token', async () => {
    const ping = await fetch(`${s.url}/api/ping`);
    expect(ping.status).toBe(204);
    expect(ping.headers.get('cache-control')).toBe('no-store');
    expect(await ping.text()).toBe('');

    const down = await fetch(`${s.url}/api/ping?bytes=32768`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-encoding')).toBeNull();
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect((await down.arrayBuffer()).byteLength).toBe(32768);

    const up = await fetch(`${s.url}/api/ping`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(16384) });
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ receivedBytes: 16384 });
  });

  it('refuses sizes it does not serve, in words', async () => {
    for (const bad of ['-1', '1.5', 'lots', String(64 * 1024 + 1)]) {
      const res = await fetch(`${s.url}/api/ping?bytes=${bad}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'bytes must be a whole number from 0 to 65536.' });
    }
    const big = await fetch(`${s.url}/api/ping`, { method: 'POST', body: new Uint8Array(64 * 1024 + 1) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'A ping carries at most 65536 bytes.' });
  });
});
