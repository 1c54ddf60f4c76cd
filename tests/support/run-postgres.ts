/**
 * PostgreSQL for the integration files. The run starts one cluster (tests/integration/global-setup.ts) and every file
 * gets fresh databases in it (`sharedPostgres`): an initdb and a server start per file cost some 4–5 s of wall time on
 * the 2-core machine, for 20-odd files. Databases keep the files apart (each its own tables, LISTEN channels and
 * locks; no test reads cluster-wide state without filtering by its own database). A file that restarts PostgreSQL
 * would cut the other file's connections, so it gets a cluster of its own (`ownPostgres`), started from a copy of the
 * run's initdb template.
 *
 * Outside the integration project's global setup (nothing provided), both start a cluster of the file's own, as
 * before.
 */
import { inject } from 'vitest';
import { attachPostgres, startPostgres, type TestPostgres } from './postgres';

/** What the global setup hands the test files; null when PostgreSQL cannot run here (the files then skip). */
export interface RunPostgres {
  /** The shared cluster's port on 127.0.0.1. */
  port: number;
  /** A stopped initdb data folder that clusters of a file's own copy. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    interqPostgres: RunPostgres | null;
  }
}

function provided(): RunPostgres | null {
  try {
    return inject('interqPostgres') ?? null;
  } catch {
    return null;
  }
}

/** Fresh databases in the run's shared cluster; `stop()` drops them. It cannot be restarted (use `ownPostgres`). */
export async function sharedPostgres(): Promise<TestPostgres> {
  const run = provided();
  return run ? attachPostgres(run.port) : startPostgres();
}

/** A cluster of this file's own (it may be restarted); `stop()` removes it. */
export async function ownPostgres(): Promise<TestPostgres> {
  return startPostgres({ template: provided()?.template ?? null });
}
