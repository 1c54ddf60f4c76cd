/**
 * npm run migrate:to-postgres -- --data <folder> --database-url <postgres://…> [--resume]
 *
 * Moves a one-node installation's data folder (SQLite) into PostgreSQL so several nodes can share it
 * (sync-server/migrate/move-to-postgres.ts; deploy/README.md, "Moving from one node to several"). Prints progress and
 * a verification summary. Exit status: 0 moved and verified; 1 refused or stopped (one sentence; a refusal changes
 * nothing, a stop leaves what was copied for --resume); 2 copied but the verification found differences.
 */
import { moveToPostgres, type MoveSummary } from '../sync-server/migrate/move-to-postgres';
import { MoveError } from '../sync-server/migrate/move-error';
import { parseOptions } from './cli-arg';

const USAGE = 'Usage: npm run migrate:to-postgres -- --data <data folder> --database-url <postgres://user:password@host:5432/db> [--resume]';

function parseArgs(argv: string[]): { dataDir: string; databaseUrl: string | undefined; resume: boolean } {
  const options = parseOptions(argv, { values: ['data', 'database-url'], flags: ['resume'] });
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (options.error) throw new MoveError(`${options.error}. ${USAGE}`);
  const dataDir = options.values.get('data');
  if (!dataDir) throw new MoveError(`--data is required: the data folder the server ran with (its DATA_DIR). ${USAGE}`);
  return { dataDir, databaseUrl: options.values.get('database-url'), resume: options.flags.has('resume') };
}

const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;

/** A line per step at most every 5 % (and the last), so a large folder does not print a line per document. */
function progressPrinter(): (step: string, done: number, total: number, unit?: 'bytes') => void {
  const last = new Map<string, number>();
  return (step, done, total, unit) => {
    const stepSize = Math.max(1, Math.floor(total / 20));
    const prev = last.get(step);
    if (prev !== undefined && done !== total && done - prev < stepSize) return;
    if (prev === done) return;
    last.set(step, done);
    const amount = unit === 'bytes' ? `${mib(done)} of ${mib(total)} (${done} of ${total} bytes)` : `${done} of ${total}`;
    process.stdout.write(`  ${step}: ${amount}\n`);
  };
}

function printSummary(s: MoveSummary): void {
  const list = (items: string[]): string => (items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', '));
  const lines = [
    '',
    `Verification (${s.verified ? 'everything equal' : 'DIFFERENCES FOUND'}), ${(s.ms / 1000).toFixed(1)} s:`,
    `  Documents: ${s.documents.total} (${s.documents.written} written now); state vector and encoded state equal for ${s.documents.total - s.documents.different.length} of ${s.documents.total}` +
      (s.documents.different.length ? `; different: ${list(s.documents.different)}` : '') +
      (s.documents.extra.length ? `; only in PostgreSQL: ${list(s.documents.extra)}` : ''),
    `  Recordings: ${s.recordings.total}, ${mib(s.recordings.bytes)}; SHA-256 of the stored bytes equal for ${s.recordings.total - s.recordings.different.length} of ${s.recordings.total}` +
      (s.recordings.expired ? `; ${s.recordings.expired} more whose audio expired (their rows only)` : '') +
      (s.recordings.different.length ? `; different: ${list(s.recordings.different)}` : ''),
    ...s.recordings.problems.map((p) => `    ${p}`),
    `  Interviews ${s.records.interviews}, deleted interviews ${s.records.deletions}, links ${s.records.links}, revoked links ${s.records.revocations}, settings ${s.records.settings}, wrap-ups ${s.records.wrapUps}: ${s.records.problems.length ? 'differences below' : 'equal'}`,
    ...s.records.problems.map((p) => `    ${p}`),
    `  Read models rebuilt from PostgreSQL's documents (${s.projections.applied} documents applied): ${Object.entries(s.projections.rows).map(([t, n]) => `${t} ${n}`).join(', ')}; ` +
      (s.projections.different.length ? `different from the source's: ${s.projections.different.join(', ')}` : 'equal to those built from the source'),
    ...(s.documents.unreadable.length
      ? [`  Note: ${s.documents.unreadable.length} document(s) had stored rows the server cannot read (left out, as the server leaves them out): ${list(s.documents.unreadable.map((u) => u.doc))}`]
      : []),
    '',
  ];
  if (s.verified) {
    lines.push(
      `Moved. Start this node with DATABASE_URL=${s.database} (fill in the password) and the same data folder, ${s.dataDir}.`,
      `The signing secret stays in ${s.dataDir}/server-secret.key: copy that file into every other node's data folder (the same secret on every node, or links one node issued are refused by the others).`,
      `The folder's own SQLite copy of the documents and recordings is left as it was (a backup); the server now refuses to start on this folder without DATABASE_URL.`,
    );
  } else {
    lines.push('The copy differs from the data folder (above): do not start nodes on it. Run the same command with --resume to copy what is missing, then check again.');
  }
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const summary = await moveToPostgres({ ...args, progress: progressPrinter(), say: (line) => process.stdout.write(`${line}\n`) });
  printSummary(summary);
  return summary.verified ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof MoveError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`The move failed unexpectedly: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
