/**
 * bench:sync --paired's load generator (scripts/bench-sync/generator.ts with `twinPort`) against two real servers at
 * once: our collab server on SQLite and y-websocket's reference server, each in its own process. Every client must
 * get a twin on the other server, the twins must be sent the same updates (counted once), both servers must relay
 * all of them (the loss check covers the twins), and the twins' deliveries and latencies must be counted apart from the primary's.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTIONS_PER_SESSION, PEOPLE } from '../../scripts/bench-sync/workload';
import { canRead } from '../../src/domain/access';
import { cleanUp, startBenchServer, startGenerator } from '../support/bench-generator';

afterEach(cleanUp);

describe("bench:sync --paired's load generator", () => {
  it('gives every client a twin on the other server, sends both the same updates, and checks both for loss', async () => {
    const secret = randomBytes(32);
    const [ours, reference] = await Promise.all([startBenchServer('tests/support/collab-process.ts', secret), startBenchServer('scripts/bench-sync/reference-process.ts', secret)]);
    const { next, send } = startGenerator();
    const sessionIds = ['pair-0000', 'pair-0001', 'pair-0002', 'pair-0003'];

    const connected = next('connected');
    send({ type: 'connect', port: ours, twinPort: reference, secretHex: secret.toString('hex'), sessionIds, batch: 20 });
    expect((await connected).connections).toBe(2 * sessionIds.length * CONNECTIONS_PER_SESSION);

    send({ type: 'send', on: true });
    send({ type: 'window', start: true });
    await new Promise((r) => setTimeout(r, 4000));
    const window = next('window');
    send({ type: 'window', start: false });
    const report = (await window).report;
    send({ type: 'send', on: false });
    const verified = next('verified');
    send({ type: 'verify', timeoutMs: 20_000 });
    const v = (await verified).report;
    send({ type: 'close' });

    expect(report.sent).toBeGreaterThan(0);
    // Every message sent in the window reached the same readers on both servers: the latencies come from the
    // primary's clients only, the twins' deliveries are counted apart (a few still in flight at the window's end).
    expect(report.latencies).toHaveLength(report.delivered);
    expect(report.twinDelivered).toBeGreaterThan(0.8 * report.delivered);
    expect(report.twinDelivered).toBeLessThan(1.2 * report.delivered + 5);
    // The twins' latencies are kept apart, one per twin delivery, so bench:sync prints each server's in the same window.
    expect(report.twinLatencies).toHaveLength(report.twinDelivered);
    expect(report.twinLatencies.every((ms) => ms >= 0 && ms < 4000)).toBe(true);
    // The loss check counted both servers' readers, and found every message at each (each sent message once).
    expect(v.ok).toBe(true);
    expect(v.shortfalls).toEqual([]);
    const sentInAll = Object.values(v.expected).reduce((n, arrays) => n + Object.values(arrays).reduce((a, b) => a + b, 0), 0);
    expect(sentInAll).toBeGreaterThanOrEqual(report.sent);
    const readersPerSession = PEOPLE.reduce((n, p) => n + p.docs.filter((kind) => canRead(p.role, kind)).length, 0);
    expect(v.receiversChecked).toBe(2 * sessionIds.length * readersPerSession);
  }, 60_000);
});
