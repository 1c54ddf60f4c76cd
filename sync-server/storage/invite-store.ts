/**
 * Every link issued (invites, reviewer links, host links under the workspace id `*`), shared by every node when
 * they share a database, so any node lists and deletes what another issued. Asynchronous, with a SQLite and a
 * PostgreSQL implementation (postgres/postgres-invite-store.ts); revocations live with the documents
 * (document-storage.ts). The contract test runs on both (tests/integration/interview-store.test.ts).
 */
import type { Db } from '../db/open';

export interface InviteRecord {
  jti: string;
  interviewId: string;
  role: string;
  subject: string;
  expiresAt: number;
  createdAt: number;
}

/** An invite as the host's list shows it. */
export type ListedInvite = Omit<InviteRecord, 'interviewId'>;

export interface InviteStore {
  readonly backend: 'sqlite' | 'postgres';
  record(invite: InviteRecord): Promise<void>;
  /** The links issued for one interview (or `*`), oldest first. */
  listFor(interviewId: string): Promise<ListedInvite[]>;
  /** Removes the links of one interview (it is being deleted); returns how many there were. */
  removeFor(interviewId: string): Promise<number>;
}

function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * The node's own SQLite row, written also when the shared store is PostgreSQL: the node's read models join it
 * (the results list and a candidate's page name the candidate from the guest link's subject).
 */
export function recordSqliteInvite(db: Db, r: InviteRecord): void {
  db.prepare('INSERT OR IGNORE INTO invites (jti, interview_id, role, subject, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    r.jti,
    r.interviewId,
    r.role,
    r.subject,
    r.expiresAt,
    r.createdAt,
  );
}

export class SqliteInviteStore implements InviteStore {
  readonly backend = 'sqlite' as const;
  constructor(private readonly db: Db) {}

  record(invite: InviteRecord): Promise<void> {
    return settled(() => recordSqliteInvite(this.db, invite));
  }

  listFor(interviewId: string): Promise<ListedInvite[]> {
    return settled(
      () =>
        this.db
          .prepare('SELECT jti, role, subject, expires_at AS expiresAt, created_at AS createdAt FROM invites WHERE interview_id = ? ORDER BY created_at, jti')
          .all(interviewId) as ListedInvite[],
    );
  }

  removeFor(interviewId: string): Promise<number> {
    return settled(() => this.db.prepare('DELETE FROM invites WHERE interview_id = ?').run(interviewId).changes);
  }
}
