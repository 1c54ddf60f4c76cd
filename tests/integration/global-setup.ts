/**
 * Builds the bundles the integration files start their servers from (tests/support/server-bundle.ts) once, before
 * two files at a time would each find them missing and build them side by side.
 */
import { bundledEntry } from '../support/server-bundle';

export default async function setup(): Promise<void> {
  await bundledEntry('sync-server/main.ts');
  await bundledEntry('tests/support/collab-process.ts');
}
