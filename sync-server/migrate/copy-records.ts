/**
 * The rest of a data folder's shared state, copied through the stores' interfaces and checked after: the interview
 * index, the deletion record, every issued link, the revocations, the settings, and each interview's wrap-up (its
 * status and finished syntheses, which are not derived from the documents alone: a synthesis is a model's answer,
 * made once). Every write here is idempotent (upsert, first record kept, revoke once), so a resumed move repeats it.
 */
import type pg from 'pg';
import type { Db } from '../db/open';
import type { ServerStorage } from '../storage/open-document-storage';
import { putWrapUp, wrapUpReader } from '../synthesis/wrap-up-mirror';
import type { SourceInventory } from './source-inventory';

/** Every row of the interview index; the list is bounded by this much. */
const ALL = Number.MAX_SAFE_INTEGER;

export interface RecordCounts {
  interviews: number;
  deletions: number;
  links: number;
  revocations: number;
  settings: number;
  wrapUps: number;
}

export async function copyRecords(
  source: ServerStorage,
  target: ServerStorage,
  inventory: SourceInventory,
  wrapUp: { db: Db; pool: pg.Pool; publisher: string },
): Promise<RecordCounts> {
  const interviews = await source.interviews.list(ALL);
  for (const row of interviews) await target.interviews.upsert(row);
  const deleted = await source.interviews.deletedIds();
  for (const id of deleted) {
    const record = await source.interviews.deletion(id);
    if (record) await target.interviews.recordDeletion(record);
  }
  let links = 0;
  for (const interviewId of inventory.inviteInterviewIds) {
    for (const link of await source.invites.listFor(interviewId)) {
      await target.invites.record({ ...link, interviewId });
      links++;
    }
  }
  for (const r of inventory.revocations) await target.documents.revoke(r.jti, r.revokedAt);
  for (const s of inventory.settings) await target.settings.write(s.key, s.value);
  // Published as the source node would have (its node key): every other node copies the rows into its own SQLite;
  // the node that keeps this data folder has them already. Epoch 0: any later owner's publication replaces them.
  const read = wrapUpReader(wrapUp.db);
  for (const interviewId of inventory.wrapUpInterviewIds) {
    await putWrapUp(wrapUp.pool, { interviewId, publisher: wrapUp.publisher, ...read(interviewId), epoch: 0 });
  }
  return {
    interviews: interviews.length,
    deletions: deleted.length,
    links,
    revocations: inventory.revocations.length,
    settings: inventory.settings.length,
    wrapUps: inventory.wrapUpInterviewIds.length,
  };
}

/** Reads everything back from both sides and names what differs (empty when the copy is whole). */
export async function verifyRecords(source: ServerStorage, target: ServerStorage, inventory: SourceInventory, wrapUp: { db: Db; pool: pg.Pool }): Promise<string[]> {
  const problems: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const srcIndex = await source.interviews.list(ALL);
  const tgtIndex = await target.interviews.list(ALL);
  const tgtById = new Map(tgtIndex.map((r) => [r.id, r]));
  for (const row of srcIndex) if (!same(row, tgtById.get(row.id))) problems.push(`interview index row ${row.id} differs`);
  for (const id of await source.interviews.deletedIds()) {
    if (!same(await source.interviews.deletion(id), await target.interviews.deletion(id))) problems.push(`deletion record of ${id} differs`);
  }
  for (const interviewId of inventory.inviteInterviewIds) {
    if (!same(await source.invites.listFor(interviewId), await target.invites.listFor(interviewId))) problems.push(`links of ${interviewId} differ`);
  }
  for (const r of inventory.revocations) if (!(await target.documents.isRevoked(r.jti))) problems.push(`revoked link ${r.jti} is not revoked in PostgreSQL`);
  for (const s of inventory.settings) if ((await target.settings.read(s.key)) !== s.value) problems.push(`setting ${s.key} differs`);
  const read = wrapUpReader(wrapUp.db);
  for (const interviewId of inventory.wrapUpInterviewIds) {
    const stored = await wrapUp.pool.query<{ status_json: string | null; syntheses_json: string }>(
      'SELECT status_json, syntheses_json FROM interview_wrapup WHERE interview_id = $1',
      [interviewId],
    );
    const { status, runs } = read(interviewId);
    const row = stored.rows[0];
    if (!row || row.status_json !== (status ? JSON.stringify(status) : null) || row.syntheses_json !== JSON.stringify(runs)) {
      problems.push(`wrap-up of ${interviewId} differs`);
    }
  }
  return problems;
}
