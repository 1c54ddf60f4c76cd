/**
 * Once per integration run, before the files start two at a time:
 * - builds the bundles the files start their servers from (tests/support/server-bundle.ts), before two files would
 *   each find them missing and build them side by side;
 * - runs initdb once and starts the PostgreSQL cluster the files share (tests/support/run-postgres.ts), each file in
 *   databases of its own; files that restart PostgreSQL start their own cluster from a copy of the same template.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { initTemplate, postgresUnavailable, startPostgres } from '../support/postgres';
import { bundledEntry } from '../support/server-bundle';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await bundledEntry('sync-server/main.ts');
  await bundledEntry('tests/support/collab-process.ts');
  // Throws in CI when PostgreSQL is missing (as each file's own check does); elsewhere the files skip their cases.
  if (postgresUnavailable() !== null) {
    project.provide('interqPostgres', null);
    return async () => undefined;
  }
  const template = initTemplate();
  // Two files at a time, each with up to a few server nodes of 10 connections and its own pools.
  const cluster = await startPostgres({ template, maxConnections: 400 });
  project.provide('interqPostgres', { port: cluster.port, template });
  return async () => {
    await cluster.stop();
    fs.rmSync(path.dirname(template), { recursive: true, force: true });
  };
}
