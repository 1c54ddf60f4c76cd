/**
 * bench:sync's load generator reports its own young generation over the window (scripts/bench-sync/generator.ts,
 * WindowReport.young): what its scavenges copied and promoted, which bench:sync prints per generator beside its GC
 * pauses (the pauses stretch with the machine's load, these bytes do not). Real generator process, raw clients, our
 * real server on SQLite in its own process.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, startBenchServer, startGenerator } from '../support/bench-generator';

afterEach(cleanUp);

describe("bench:sync's load generator", () => {
  it("reports its young generation's allocation, survivors and promotions in the window", async () => {
    const secret = randomBytes(32);
    const port = await startBenchServer('tests/support/collab-process.ts', secret);
    // A young generation of 1 MB, so that a 5 s window holds scavenges (connecting grows V8's default past the window's allocation).
    const { next, send } = startGenerator(['--max-semi-space-size=1']);
    const sessionIds = Array.from({ length: 20 }, (_, i) => `young-${String(i).padStart(4, '0')}`);
    const connected = next('connected');
    send({ type: 'connect', port, secretHex: secret.toString('hex'), sessionIds, batch: 20 });
    await connected;

    send({ type: 'send', on: true });
    send({ type: 'window', start: true });
    await new Promise((r) => setTimeout(r, 5000));
    const window = next('window');
    send({ type: 'window', start: false });
    const { report } = await window;
    send({ type: 'send', on: false });
    send({ type: 'close' });

    expect(report.sent).toBeGreaterThan(0);
    // 280 clients writing and reading for 5 s allocate megabytes: the young generation scavenges.
    expect(report.young.allocatedBytes).toBeGreaterThan(1_000_000);
    expect(report.young.scavenges).toBeGreaterThan(0);
    // Every client keeps what it received in its Y.Doc: some of it outlives a scavenge.
    expect(report.young.survivedBytes + report.young.promotedBytes).toBeGreaterThan(0);
  }, 60_000);
});
