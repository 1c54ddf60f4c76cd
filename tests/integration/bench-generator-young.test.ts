/**
 * bench:sync's load generator reports its own young generation over the window (scripts/bench-sync/generator.ts,
 * WindowReport.young): what its scavenges copied and promoted, which bench:sync prints per generator beside its GC
 * pauses (the pauses stretch with the machine's load, these bytes do not). Real generator process, raw clients, our
 * real server on SQLite in its own process.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allocationPerUpdate, type SamplingHeapProfile } from '../../scripts/bench-sync/heap-profile';
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

  it('writes a sampling heap profile of each window with --heap-profile-generators: every allocation of the window, per update it sent', async () => {
    const secret = randomBytes(32);
    const port = await startBenchServer('tests/support/collab-process.ts', secret);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-gen-heap-'));
    try {
      const { next, send } = startGenerator([], { BENCH_GENERATOR_HEAP_PROFILE_DIR: dir });
      const sessionIds = Array.from({ length: 10 }, (_, i) => `heap-${String(i).padStart(4, '0')}`);
      const connected = next('connected');
      send({ type: 'connect', port, secretHex: secret.toString('hex'), sessionIds, batch: 20 });
      await connected;
      send({ type: 'send', on: true });
      const windows: string[] = [];
      for (let w = 0; w < 2; w++) {
        send({ type: 'window', start: true });
        await new Promise((r) => setTimeout(r, 2500));
        const window = next('window');
        send({ type: 'window', start: false });
        const { report } = await window;
        expect(report.sent).toBeGreaterThan(0);
        expect(report.heapProfile).toMatch(new RegExp(`^${dir}/generator-\\d+-window-${w + 1}\\.heapprofile$`));
        const profile = JSON.parse(fs.readFileSync(report.heapProfile!, 'utf8')) as SamplingHeapProfile;
        // Sixty clients applying and sending records allocate kilobytes per update, most of it in Yjs (its
        // transactions, the decoded records): the samples of collected objects are kept.
        const { total, sites } = allocationPerUpdate(profile, report.sent, 40);
        expect(total).toBeGreaterThan(5_000);
        expect(sites.some(([site]) => /applyUpdate|transact|cleanupTransactions|readAny|readClientsStructRefs/.test(site))).toBe(true);
        windows.push(report.heapProfile!);
      }
      expect(new Set(windows).size).toBe(2);
      send({ type: 'send', on: false });
      send({ type: 'close' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
