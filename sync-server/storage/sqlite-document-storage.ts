/**
 * The embedded store behind the asynchronous seam: every call runs its SQLite
 * statement synchronously, inside the call, and returns a settled promise. So a
 * `commit` has committed before it returns, exactly as the synchronous append
 * did, and the SIGKILL guarantees (tests/integration/collab-crash.test.ts) are unchanged.
 */
import type { Db } from '../db/open';
import { DocStore } from '../collab/doc-store';
import type { Compactor } from '../collab/compaction-worker';
import type { ClientClaim, CompactionResult, DocumentStorage, LoadedDoc, StoredDocSeq } from './document-storage';

/** Runs `fn` now; its result or its exception becomes the promise's outcome. */
function settled<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (err) {
    return Promise.reject(err);
  }
}

export class SqliteDocumentStorage implements DocumentStorage {
  readonly backend = 'sqlite' as const;
  readonly store: DocStore;

  /** `compactor`: compaction in a worker thread with its own connection (compaction-worker.ts); null: on this thread. */
  constructor(
    db: Db,
    private readonly compactor: Compactor | null = null,
  ) {
    this.store = new DocStore(db);
  }

  load(name: string): Promise<LoadedDoc> {
    return settled(() => this.store.load(name));
  }

  loadMany(names: readonly string[]): Promise<Map<string, LoadedDoc>> {
    // Synchronous reads on one connection: nothing can commit between them in this process.
    return settled(() => new Map(names.map((name) => [name, this.store.load(name)])));
  }

  commit(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now = Date.now()): Promise<number[]> {
    return settled(() => this.store.commit(name, updates, claims, now));
  }

  commitNow(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now = Date.now()): number[] {
    return this.store.commit(name, updates, claims, now);
  }

  commitManyNow(batches: readonly { name: string; updates: readonly Uint8Array[]; claims: readonly ClientClaim[] }[], now = Date.now()): number[][] {
    return this.store.commitMany(batches, now);
  }

  compactNow(name: string, now = Date.now()): CompactionResult {
    return this.store.compact(name, now);
  }

  compact(name: string, now = Date.now()): Promise<CompactionResult> {
    if (this.compactor) return this.compactor.compact(name);
    return settled(() => this.store.compact(name, now));
  }

  storedDocs(): Promise<StoredDocSeq[]> {
    return settled(() => this.store.storedDocs());
  }

  lastSeq(name: string): Promise<number> {
    return settled(() => this.store.lastSeq(name));
  }

  interviewDocs(interviewId: string): Promise<string[]> {
    return settled(() => this.store.interviewDocs(interviewId));
  }

  deleteInterviewDocs(interviewId: string): Promise<number> {
    return settled(() => this.store.deleteInterviewDocs(interviewId));
  }

  isRevoked(jti: string): Promise<boolean> {
    return settled(() => this.store.isRevoked(jti));
  }

  revoke(jti: string, now = Date.now()): Promise<void> {
    return settled(() => this.store.revoke(jti, now));
  }

  allRevoked(): Promise<string[]> {
    return settled(() => this.store.allRevoked());
  }

  async close(): Promise<void> {
    // The database handle belongs to whoever opened it (app-server.ts closes it after the collab server); the
    // compaction worker stops here (stopping it twice is harmless).
    await this.compactor?.stop();
  }
}
