/**
 * A projection: SQLite tables derived from Yjs documents (the read models the
 * admin dashboard and the interview lifecycle query). A projection is never the
 * source of truth: its tables can be dropped at any time and are rebuilt from
 * the stored updates (snapshot + later updates) by the projector.
 *
 * Contract: `apply` replaces everything the projection holds for one document
 * with what that document's state says. It must depend on the document's state
 * only (never on the time or on the order updates arrived in), so a rebuild
 * from storage gives the same rows as the live path.
 */
import type * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { DocRef } from '../collab/hooks';
import type { Db } from '../db/open';

export interface Projection {
  /** Stable name, the key of its version and watermarks. */
  readonly name: string;
  /** Bump when `apply` or the tables change: the projector then drops and rebuilds them from storage. */
  readonly version: number;
  /** The document kinds it reads; updates of other kinds never reach it. */
  readonly kinds: readonly DocKind[];
  /** Its tables, in creation order (dropped in reverse on a version change). */
  readonly tables: readonly string[];
  /** Creates its tables and indexes (`CREATE TABLE IF NOT EXISTS`), and prepares its statements. */
  setup(db: Db): void;
  /** Replaces the rows derived from this document. Runs inside the projector's transaction with the watermark write. */
  apply(ref: DocRef, doc: Y.Doc): void;
  /**
   * Optional, for several nodes on one PostgreSQL: what `apply` derives from this document, as a JSON value, so the
   * interview's owner publishes it and every other node applies it with `applyProjected` instead of reading and
   * projecting the document itself (projector.ts, "Other nodes"). `apply(ref, doc)` must have the same effect as
   * `applyProjected(ref, project(ref, doc))`. A projection without the pair still works on several nodes: the others
   * then read the document from storage when its owner announces it.
   */
  project?(ref: DocRef, doc: Y.Doc): unknown;
  /** Replaces the rows derived from this document with what `project` returned (on this or another node, same version). */
  applyProjected?(ref: DocRef, projected: unknown): void;
  /** Removes the rows derived from this document (it was deleted). */
  forget(ref: DocRef): void;
  /**
   * Optional: called at the end of every transaction in which `apply` or `forget` ran, still inside it. A projection
   * whose rows combine several documents (one interview's) can defer that work here and do it once per group instead
   * of once per document: a rebuild applies all of an interview's documents in one transaction.
   */
  endBatch?(): void;
}
