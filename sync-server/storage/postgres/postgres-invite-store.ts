/** Issued links in PostgreSQL (invite-store.ts), on the pool of the document store: every node sees every link. */
import type pg from 'pg';
import type { InviteRecord, InviteStore, ListedInvite } from '../invite-store';
import { INVITED_CHANNEL } from './postgres-document-storage';

export class PostgresInviteStore implements InviteStore {
  readonly backend = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async record(r: InviteRecord): Promise<void> {
    // Announced in the insert's statement: every node copies the interview's links into the SQLite its read models
    // join (synthesis/wrap-up-mirror.ts; the candidate's name is the guest link's subject).
    await this.pool.query(
      `WITH put AS (
         INSERT INTO invites (jti, interview_id, role, subject, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (jti) DO NOTHING
       ) SELECT pg_notify('${INVITED_CHANNEL}', $2)`,
      [r.jti, r.interviewId, r.role, r.subject, r.expiresAt, r.createdAt],
    );
  }

  async listFor(interviewId: string): Promise<ListedInvite[]> {
    const res = await this.pool.query<{ jti: string; role: string; subject: string; expires_at: string; created_at: string }>(
      'SELECT jti, role, subject, expires_at, created_at FROM invites WHERE interview_id = $1 ORDER BY created_at, jti',
      [interviewId],
    );
    return res.rows.map((r) => ({ jti: r.jti, role: r.role, subject: r.subject, expiresAt: Number(r.expires_at), createdAt: Number(r.created_at) }));
  }

  async removeFor(interviewId: string): Promise<number> {
    const res = await this.pool.query('DELETE FROM invites WHERE interview_id = $1', [interviewId]);
    return res.rowCount ?? 0;
  }
}
