/**
 * npm run backup -- --to <new folder> [--data <data folder>]
 *
 * Copies a one-node installation's data folder (SQLite database and signing secret) into a new folder, while the
 * server runs if it does (sync-server/backup/backup-data-folder.ts). Restore: stop the server, then start it with
 * DATA_DIR set to the copy (or move the copy into place). Exit status: 0 copied and checked; 1 refused or failed (one
 * sentence; nothing is left at the target).
 */
import { BackupError, backupDataFolder } from '../sync-server/backup/backup-data-folder';
import { parseOptions } from './cli-arg';

const USAGE = 'Usage: npm run backup -- --to <new or empty folder> [--data <data folder, default DATA_DIR or ./data>]';

function parseArgs(argv: string[]): { from: string; to: string } {
  const options = parseOptions(argv, { values: ['data', 'to'] });
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (options.error) throw new BackupError(`${options.error}. ${USAGE}`);
  const to = options.values.get('to');
  if (!to) throw new BackupError(`--to is required: a new or empty folder for the backup. ${USAGE}`);
  return { from: options.values.get('data') ?? (process.env.DATA_DIR || 'data'), to };
}

try {
  const { from, to } = parseArgs(process.argv.slice(2));
  const s = backupDataFolder(from, to);
  const rows = Object.entries(s.counts).map(([table, n]) => `${table} ${n}`).join(', ');
  process.stdout.write(
    `Backed up ${s.from} to ${s.to} in ${(s.ms / 1000).toFixed(1)} s: ${(s.bytes / 1048576).toFixed(1)} MiB, schema ${s.schemaVersion}, integrity ok (${rows}).\n` +
      `Restore: stop the server, then start it with DATA_DIR=${s.to} (or put the copy's two files in place of the data folder's).\n`,
  );
} catch (err) {
  process.stderr.write(`${err instanceof BackupError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
}
