/**
 * Once per integration run, before the files start two at a time:
 * - builds the bundles the files start their servers from (tests/support/server-bundle.ts), before two files would
 *   each find them missing and build them side by side;
 * - runs initdb once and starts the PostgreSQL cluster the files share (tests/support/run-postgres.ts), each file in
 *   databases of its own; files that restart PostgreSQL start their own cluster from a copy of the same template.
 * Both integration projects (the files that share worker processes and those that need one each, vitest.config.ts)
 * name this file: whichever runs first does the work and hands the cluster to every project; the other finds it done.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { initTemplate, postgresUnavailable, startPostgres } from '../support/postgres';
import { bundledEntry } from '../support/server-bundle';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (project.getProvidedContext().interqPostgres !== undefined) return async () => undefined;
  await bundledEntry('sync-server/main.ts');
  await bundledEntry('tests/support/collab-process.ts');
  // Throws in CI when PostgreSQL is missing (as each file's own check does); elsewhere the files skip their cases.
  if (postgresUnavailable() !== null) {
    project.vitest.provide('interqPostgres', null);
    return async () => undefined;
  }
  const template = initTemplate();
  // Two files at a time, each with up to a few server nodes of 10 connections and its own pools.
  const cluster = await startPostgres({ template, maxConnections: 400 });
  project.vitest.provide('interqPostgres', { port: cluster.port, template });
  return async () => {
    await cluster.stop();
    fs.rmSync(path.dirname(template), { recursive: true, force: true });
  };
}
