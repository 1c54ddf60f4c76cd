/**
 * The read models (the results dashboard's projection) are derived from the documents, never copied as truth. After
 * the copy they are rebuilt in the data folder's SQLite from the documents now in PostgreSQL, so their watermarks
 * are PostgreSQL's sequence numbers (a node keeping this folder would otherwise take SQLite's numbers for
 * PostgreSQL's and skip updates). As a check, the same projections are built in a scratch SQLite file from the
 * source's documents, and both sets of rows must be equal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open';
import type { DocumentStorage } from '../storage/document-storage';
import { createProjector } from '../projections/projector';
import { resultsProjection } from '../admin/results-projection';
import type { Projection } from '../projections/projection';

const quiet = (): void => undefined;
/** Every read model the server keeps (app-server.ts builds the same list). */
const projections = (): Projection[] => [resultsProjection()];

function rowsOf(db: Db, tables: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  return out;
}

export interface ProjectionReport {
  /** Documents applied from PostgreSQL. */
  applied: number;
  /** Rows per table, and the tables whose rows differ from those built from the source. */
  rows: Record<string, number>;
  different: string[];
}

export async function rebuildProjections(folderDb: Db, source: DocumentStorage, target: DocumentStorage): Promise<ProjectionReport> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-move-check-'));
  const scratch = openDatabase(path.join(scratchDir, 'interq.sqlite'));
  try {
    const fromSource = createProjector({ db: scratch, store: source, projections: projections(), log: quiet });
    await fromSource.rebuild();
    fromSource.close();
    const list = projections();
    const fromTarget = createProjector({ db: folderDb, store: target, projections: list, log: quiet });
    const report = await fromTarget.rebuild();
    fromTarget.close();
    const tables = list.flatMap((p) => p.tables);
    const expected = rowsOf(scratch, tables);
    const actual = rowsOf(folderDb, tables);
    return {
      applied: report.applied,
      rows: Object.fromEntries(tables.map((t) => [t, actual[t]!.length])),
      different: tables.filter((t) => JSON.stringify(expected[t]) !== JSON.stringify(actual[t])),
    };
  } finally {
    scratch.close();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}
