/**
 * bench:sync --heap-snapshots-server's comparison (scripts/bench-sync/heap-snapshot-diff.ts) on real V8 heap
 * snapshots: a child process writes one, allocates objects it keeps in a Map made before the first snapshot and
 * objects it drops, and writes a second. The diff must find exactly the kept ones, hanging from that Map.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDiff, diffSnapshots, highestId, readHeapSnapshot } from '../../scripts/bench-sync/heap-snapshot-diff';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-heap-diff-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const child = `
const v8 = require('node:v8');
class KeptRecord { constructor(i) { this.i = i; this.note = 'kept-' + i; } }
class DroppedRecord { constructor(i) { this.i = i; } }
globalThis.keptByTest = new Map();
globalThis.oldRecord = new KeptRecord(-1);
v8.writeHeapSnapshot(process.argv[1]);
let dropped = 0;
for (let i = 0; i < 400; i++) {
  globalThis.keptByTest.set(i, new KeptRecord(i));
  dropped += new DroppedRecord(i).i;
}
globalThis.presence = { clock: 1, lastUpdated: dropped + 0.5, json: '{}', owner: null };
v8.writeHeapSnapshot(process.argv[2]);
`;

describe('heap snapshot diff', () => {
  it('finds the objects allocated between two snapshots that are still alive, by kind and by where they hang', () => {
    const first = path.join(dir, 'first.heapsnapshot');
    const second = path.join(dir, 'second.heapsnapshot');
    execFileSync(process.execPath, ['-e', child, first, second], { stdio: 'inherit' });

    const sinceId = highestId(readHeapSnapshot(first));
    const diff = diffSnapshots(sinceId, readHeapSnapshot(second));

    const kept = diff.byKind.find((g) => g.key === 'KeptRecord');
    // The 400 new ones; the one made before the first snapshot is not new.
    expect(kept?.count).toBe(400);
    expect(kept!.bytes).toBeGreaterThan(400 * 16);
    // Dropped before the second snapshot (which collects garbage first): not there.
    expect(diff.byKind.find((g) => g.key === 'DroppedRecord')).toBeUndefined();
    // A plain object is named by its properties that point at heap objects (numbers held in place are no edges), so
    // two shapes of Object tell apart.
    expect(diff.byKind.find((g) => g.key === 'Object {json, owner}')?.count).toBe(1);
    // They hang from the Map the first snapshot already had, through its table (the last one made may also be
    // reached first from a stack slot the snapshot saw).
    const where = diff.byRetainer.find((g) => g.key.endsWith('> KeptRecord'));
    expect(where?.key).toBe('Map.table > (array).[] > KeptRecord');
    expect(where!.count).toBeGreaterThanOrEqual(399);
    expect(diff.newCount).toBeGreaterThanOrEqual(400 + 400 + 1);

    const lines = describeDiff(diff, 200);
    expect(lines[0]).toMatch(/per update, 200 updates/);
    expect(lines.some((l) => l.includes('2.00/update') && l.endsWith('KeptRecord'))).toBe(true);
  });
});
