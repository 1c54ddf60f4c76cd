/**
 * One SQLite transaction per event-loop turn for every document's client updates (sync-server/collab/turn-commits.ts),
 * on a real SQLite file through the real DocStore: nothing is stored or announced before the turn ends, then one
 * transaction holds every batch; a failure stores none of them and fails each; a batch handed over while the
 * committed ones are relayed goes in the same flush; `flush` commits at once (server-side edits). The collab
 * server's use of it (stored before relayed, retries, hooks) is covered by collab-sync, collab-hooks and collab-crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { DocStore } from '../../sync-server/collab/doc-store';
import { TurnCommits, type TurnJob } from '../../sync-server/collab/turn-commits';

let dir: string;
let db: Db;
let store: DocStore;
let transactions: number;
let logged: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-turn-commits-'));
  db = openDatabase(path.join(dir, 'interq.sqlite'));
  store = new DocStore(db);
  transactions = 0;
  logged = [];
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function committer(): TurnCommits {
  return new TurnCommits(
    (batches) => {
      transactions++;
      return store.commitMany(batches);
    },
    (_level, msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`),
  );
}

const rows = (doc: string) =>
  db.prepare('SELECT seq, update_data FROM yjs_updates WHERE doc = ? ORDER BY seq').all(doc) as Array<{ seq: number; update_data: Buffer }>;
const owners = (doc: string) => db.prepare('SELECT client, owner FROM yjs_client_owners WHERE doc = ? ORDER BY client').all(doc);
const bytes = (...b: number[]) => Uint8Array.from(b);
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A job that records what it was told, and what SQLite held at that moment. */
function job(name: string, updates: Uint8Array[], claims: TurnJob['claims'] = []) {
  const outcome: { seqs?: number[]; error?: string; rowsWhenDone?: number } = {};
  const j: TurnJob = {
    name,
    updates,
    claims,
    done: (seqs) => {
      outcome.seqs = seqs;
      outcome.rowsWhenDone = rows(name).length;
    },
    failed: (err) => {
      outcome.error = err.message;
    },
  };
  return { job: j, outcome };
}

describe('TurnCommits on SQLite', () => {
  it('stores nothing and tells nobody until the turn ends, then writes every batch in one transaction', async () => {
    const turn = committer();
    const a = job('acme-1.staff', [bytes(1), bytes(2)], [{ client: 7, owner: 'host:a' }]);
    const b = job('acme-2.staff', [bytes(3)]);
    turn.add(a.job);
    turn.add(b.job);
    expect(rows('acme-1.staff')).toHaveLength(0);
    expect(a.outcome.seqs).toBeUndefined();

    await nextTurn();
    expect(transactions).toBe(1);
    expect([turn.transactions, turn.batches]).toEqual([1, 2]);
    const stored1 = rows('acme-1.staff');
    expect(stored1.map((r) => [...r.update_data])).toEqual([[1], [2]]);
    expect(a.outcome.seqs).toEqual(stored1.map((r) => r.seq));
    expect(b.outcome.seqs).toEqual(rows('acme-2.staff').map((r) => r.seq));
    // Each batch was announced with its rows already committed (stored before relayed).
    expect(a.outcome.rowsWhenDone).toBe(2);
    expect(owners('acme-1.staff')).toEqual([{ client: 7, owner: 'host:a' }]);
  });

  it('stores none of the batches when the transaction fails, and fails every one of them', async () => {
    // A real SQLite failure on one document's insert (as a full disk would give it).
    db.exec(`CREATE TRIGGER refuse_bad BEFORE INSERT ON yjs_updates WHEN NEW.doc = 'acme-bad.staff' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const turn = committer();
    const good = job('acme-good.staff', [bytes(1)]);
    const bad = job('acme-bad.staff', [bytes(2)]);
    turn.add(good.job);
    turn.add(bad.job);
    await nextTurn();
    expect(good.outcome).toEqual({ error: 'database or disk is full' });
    expect(bad.outcome).toEqual({ error: 'database or disk is full' });
    expect(rows('acme-good.staff')).toHaveLength(0);

    // The documents retry (live-doc.ts): once the failure is gone the next turn stores them.
    db.exec('DROP TRIGGER refuse_bad');
    const again = job('acme-good.staff', [bytes(1)]);
    turn.add(again.job);
    await nextTurn();
    expect(again.outcome.seqs).toEqual(rows('acme-good.staff').map((r) => r.seq));
  });

  it('commits at once on flush, and a batch handed over while relaying goes in the same flush', () => {
    const turn = committer();
    const later = job('acme-1.staff', [bytes(9)]);
    const first = job('acme-1.staff', [bytes(8)]);
    const relayThenEdit: TurnJob = {
      ...first.job,
      done: (seqs) => {
        first.job.done(seqs);
        // A hook that edits a document while the batch is relayed: flush is re-entered and returns at once.
        turn.add(later.job);
        turn.flush();
        expect(later.outcome.seqs).toBeUndefined();
      },
    };
    turn.add(relayThenEdit);
    turn.flush();
    expect(transactions).toBe(2);
    expect(rows('acme-1.staff').map((r) => [...r.update_data])).toEqual([[8], [9]]);
    expect(first.outcome.seqs![0]!).toBeLessThan(later.outcome.seqs![0]!);
  });

  it('a relay that throws does not keep the other batches of the transaction from being told', async () => {
    const turn = committer();
    const boom = job('acme-1.staff', [bytes(1)]);
    const other = job('acme-2.staff', [bytes(2)]);
    turn.add({
      ...boom.job,
      done: () => {
        throw new Error('peer went away');
      },
    });
    turn.add(other.job);
    await nextTurn();
    expect(other.outcome.seqs).toHaveLength(1);
    expect(logged.join('\n')).toContain('peer went away');
  });
});
