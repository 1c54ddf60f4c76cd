/**
 * The PostgreSQL database a data folder moves into, looked at before anything is written there: reachable, a schema
 * this build knows, no node serving from it, and empty, or, with --resume, holding only what an earlier move of the
 * same folder copied. Each refusal is one sentence and leaves the database as it was.
 */
import pg from 'pg';
import { PG_LATEST_VERSION } from '../storage/postgres/migrations';
import { redactedUrl } from '../storage/open-document-storage';
import { MoveError } from './move-error';

import { TARGET_MARKER } from './move-markers';

export interface MoveMarker {
  /** The source's secret fingerprint (source-folder.ts): the same deployment. */
  secretFingerprint: string;
  from: string;
  startedAt: number;
  finishedAt: number | null;
}

/** Every table of the shared schema that holds data (schema_migrations aside). */
const DATA_TABLES = [
  'yjs_updates', 'yjs_snapshots', 'yjs_client_owners', 'revoked_tokens', 'interviews', 'deleted_interviews', 'invites',
  'interview_leases', 'settings', 'interview_wrapup', 'recordings', 'recording_parts', 'expired_recordings',
] as const;

export interface TargetState {
  schemaVersion: number;
  /** Tables holding rows; empty for an empty database. */
  tablesWithRows: string[];
  marker: MoveMarker | null;
}

/** A PostgreSQL URL, or a sentence saying what one looks like. */
export function checkDatabaseUrl(url: string | undefined): string {
  const example = 'postgres://interq:password@db.example:5432/interq';
  if (!url) throw new MoveError(`--database-url is required: the PostgreSQL database to move the data folder into, for example ${example}.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MoveError(`--database-url is not a URL; give a PostgreSQL URL such as ${example}.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new MoveError(`--database-url must be a PostgreSQL URL (postgres://…), not ${parsed.protocol}//…; for example ${example}.`);
  }
  return url;
}

function unreachable(url: string, err: Error & { code?: string }): MoveError {
  const where = redactedUrl(url);
  const reason =
    err.code === 'ECONNREFUSED' ? 'the connection was refused (is PostgreSQL running there, on that port?)'
    : err.code === 'ENOTFOUND' ? 'the host name does not resolve'
    : err.code === '3D000' ? 'that database does not exist (create it first: createdb)'
    : err.code === '28P01' || err.code === '28000' ? `PostgreSQL refused the login (${err.message})`
    : err.message;
  return new MoveError(`Cannot use the PostgreSQL database ${where}: ${reason}. Nothing was changed.`);
}

export async function inspectTarget(url: string): Promise<TargetState> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A connection the server drops while we look must not crash the tool; the query in flight fails instead.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw unreachable(url, err as Error);
  }
  try {
    const exists = async (table: string): Promise<boolean> => (await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table])).rows[0]!.t !== null;
    let schemaVersion = 0;
    if (await exists('schema_migrations')) {
      schemaVersion = Number((await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]!.v ?? 0);
    }
    if (schemaVersion > PG_LATEST_VERSION) {
      throw new MoveError(
        `The PostgreSQL database ${redactedUrl(url)} has schema version ${schemaVersion}, newer than this InterQ build knows (${PG_LATEST_VERSION}); run the move with the InterQ version the nodes run. Nothing was changed.`,
      );
    }
    const tablesWithRows: string[] = [];
    for (const t of DATA_TABLES) {
      if (!(await exists(t))) continue;
      if ((await client.query<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t}) AS e`)).rows[0]!.e) tablesWithRows.push(t);
    }
    if (tablesWithRows.includes('interview_leases')) {
      const live = Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM interview_leases WHERE expires_at > clock_timestamp()')).rows[0]!.n);
      if (live > 0) {
        throw new MoveError(
          `InterQ nodes are serving from ${redactedUrl(url)} right now (${live} interview lease${live === 1 ? '' : 's'} held); stop them before moving a data folder into that database. Nothing was changed.`,
        );
      }
    }
    let marker: MoveMarker | null = null;
    if (tablesWithRows.includes('settings')) {
      const row = (await client.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [TARGET_MARKER])).rows[0];
      if (row) marker = JSON.parse(row.value) as MoveMarker;
    }
    return { schemaVersion, tablesWithRows, marker };
  } catch (err) {
    if (err instanceof MoveError) throw err;
    throw unreachable(url, err as Error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Decides whether the move may write into this database; throws the sentence saying why not. */
export function admitTarget(url: string, state: TargetState, source: { secretFingerprint: string; dir: string }, resume: boolean): void {
  if (state.tablesWithRows.length === 0) return;
  const where = redactedUrl(url);
  if (!resume) {
    throw new MoveError(
      `The PostgreSQL database ${where} already holds InterQ data (${state.tablesWithRows.join(', ')}); the move fills only an empty database, or finishes an interrupted move of this folder with --resume. Nothing was changed.`,
    );
  }
  if (!state.marker || state.marker.secretFingerprint !== source.secretFingerprint) {
    throw new MoveError(
      `--resume finishes an interrupted move of this data folder, but ${where} holds data that did not come from it (${state.marker ? `a move from ${state.marker.from}` : 'no move was started there'}); use an empty database. Nothing was changed.`,
    );
  }
}
