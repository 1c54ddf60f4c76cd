/**
 * The interview and invite store contracts (sync-server/storage/interview-store.ts, invite-store.ts) on SQLite and
 * on a real PostgreSQL on loopback: the index of published interviews (upsert replaces, newest first, limit,
 * removal), the record of deleted interviews (the first record stays), and issued links per interview.
 */
import { describe, expect, it } from 'vitest';
import { storageBackends } from '../support/storage-backends';
import type { IndexedInterview } from '../../sync-server/storage/interview-store';

const row = (id: string, updatedAt: number, title = `Interview ${id}`): IndexedInterview => ({
  id,
  title,
  archetype: 'frontend',
  depth: 'standard',
  questionCount: 6,
  version: 1,
  updatedAt,
});

describe.each(storageBackends())('interview store on $name', (backend) => {
  it.skipIf(backend.skip)('keeps one row per interview, lists the newest first up to the limit, and removes one', async () => {
    const { interviews } = await backend.open();
    expect(await interviews.list(10)).toEqual([]);
    await interviews.upsert(row('acme-a-1', 1_000));
    await interviews.upsert(row('acme-b-1', 3_000));
    await interviews.upsert(row('acme-c-1', 2_000));
    // A later version of the same plan replaces the row.
    await interviews.upsert({ ...row('acme-a-1', 4_000, 'Renamed'), questionCount: 7, version: 2 });
    expect((await interviews.list(10)).map((r) => r.id)).toEqual(['acme-a-1', 'acme-b-1', 'acme-c-1']);
    expect(await interviews.list(2)).toHaveLength(2);
    expect(await interviews.get('acme-a-1')).toEqual({ ...row('acme-a-1', 4_000, 'Renamed'), questionCount: 7, version: 2 });
    expect(await interviews.get('acme-none-1')).toBeUndefined();
    expect(await interviews.remove('acme-b-1')).toBe(true);
    expect(await interviews.remove('acme-b-1')).toBe(false);
    expect((await interviews.list(10)).map((r) => r.id)).toEqual(['acme-a-1', 'acme-c-1']);
  });

  it.skipIf(backend.skip)('records deletions, keeping the first record of an id', async () => {
    const { interviews } = await backend.open();
    expect(await interviews.deletedIds()).toEqual([]);
    expect(await interviews.deletion('acme-gone-1')).toBeUndefined();
    const first = { id: 'acme-gone-1', deletedAt: 1_700_000_000_000, deletedBy: 'host (host)', summary: '{"documents":3}' };
    expect(await interviews.recordDeletion(first)).toBe(true);
    expect(await interviews.recordDeletion({ ...first, deletedAt: 1_800_000_000_000, deletedBy: 'other (host)' })).toBe(false);
    expect(await interviews.deletion('acme-gone-1')).toEqual(first);
    expect(await interviews.deletedIds()).toEqual(['acme-gone-1']);
  });

  it.skipIf(backend.skip)('records issued links per interview, oldest first, and removes one interview\'s', async () => {
    const { invites } = await backend.open();
    const link = (jti: string, interviewId: string, createdAt: number, role = 'guest') => ({ jti, interviewId, role, subject: `${role} ${jti}`, expiresAt: createdAt + 1_000, createdAt });
    await invites.record(link('j2', 'acme-i-1', 2_000, 'interviewer'));
    await invites.record(link('j1', 'acme-i-1', 1_000));
    await invites.record(link('j3', 'acme-i-2', 1_500));
    await invites.record(link('h1', '*', 500, 'host'));
    // The same link recorded twice stays one row.
    await invites.record(link('j1', 'acme-i-1', 1_000));
    expect(await invites.listFor('acme-i-1')).toEqual([
      { jti: 'j1', role: 'guest', subject: 'guest j1', expiresAt: 2_000, createdAt: 1_000 },
      { jti: 'j2', role: 'interviewer', subject: 'interviewer j2', expiresAt: 3_000, createdAt: 2_000 },
    ]);
    expect((await invites.listFor('*')).map((l) => l.jti)).toEqual(['h1']);
    expect(await invites.removeFor('acme-i-1')).toBe(2);
    expect(await invites.listFor('acme-i-1')).toEqual([]);
    expect((await invites.listFor('acme-i-2')).map((l) => l.jti)).toEqual(['j3']);
  });
});
