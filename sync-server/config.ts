/**
 * Server configuration from the environment. Every variable, its default and
 * what it is for is listed in README.md; keep the two in step.
 */
import path from 'node:path';
import { DEFAULT_MAX_RECORDING_BYTES } from '../src/upload/protocol';

export interface ServerConfig {
  /** TCP port for HTTP and WebSocket (PORT, default 8080). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0 so phones on the LAN can join). */
  host: string;
  /** Folder for the SQLite file and the token secret (DATA_DIR, default ./data). */
  dataDir: string;
  /** Built PWA to serve (STATIC_DIR, default ./dist). */
  staticDir: string;
  /** Model files served under /models (MODELS_DIR, default ./models). */
  modelsDir: string;
  /** Base URL printed in invite links (PUBLIC_URL, default http://localhost:PORT). */
  publicUrl: string;
  /** Lifetime of a new host link, in days (HOST_LINK_DAYS, default 30). */
  hostLinkDays: number;
  /**
   * Mint and print a new host link at start even though one is still valid (INTERQ_NEW_HOST_LINK=1 or
   * `npm start -- --new-host-link`). Without it a start prints one only when none is valid: every start minted
   * a new 30-day link that nobody could list or revoke.
   */
  newHostLink: boolean;
  /** Lifetime of invite links, in days (INVITE_DAYS, default 14). */
  inviteDays: number;
  /** Largest answer recording a guest may upload, in bytes (INTERQ_MAX_RECORDING_BYTES, default 32 MiB). */
  maxRecordingBytes: number;
  /** What all recordings of one interview may take on the server, in bytes (INTERQ_MAX_INTERVIEW_RECORDING_BYTES, default 2 GiB). */
  maxInterviewRecordingBytes: number;
  /**
   * How long uploaded answer recordings are kept, in milliseconds (INTERQ_RECORDING_RETENTION_DAYS, in days,
   * fractions allowed); null keeps them until deleted by hand.
   */
  recordingRetentionMs: number | null;
  /**
   * PostgreSQL connection string (DATABASE_URL, postgres://user:password@host:port/database); null keeps the Yjs
   * documents and revocations in the SQLite file of the data folder. See docs/architecture/storage.md for what it holds.
   */
  databaseUrl: string | null;
  /** The environment the rest was read from; the LLM settings are read from it by sync-server/llm/config.ts. */
  env: NodeJS.ProcessEnv;
}

/** A whole number from the environment within [min, max]; unset or blank means the fallback. */
export function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name}=${raw} is not valid: use a whole number from ${min} to ${max}.`);
  }
  return n;
}

/** A positive number of days from the environment, as milliseconds; unset or blank means null. */
export function daysFromEnv(env: NodeJS.ProcessEnv, name: string, maxDays: number): number | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0 || days > maxDays) {
    throw new ConfigError(`${name}=${raw} is not valid: use a number of days above 0 and at most ${maxDays} (fractions allowed), or leave it unset.`);
  }
  return Math.max(1, Math.round(days * 86_400_000));
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function boolFromEnv(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim();
  if (raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`${name} must be 1 or 0 (got "${raw}").`);
}

/** DATABASE_URL: unset or blank means SQLite; anything else must be a postgres:// or postgresql:// URL. */
function databaseUrlFromEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DATABASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL: use postgres://user:password@host:5432/database, or leave it unset for SQLite.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//); leave it unset for SQLite.`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), argv: readonly string[] = process.argv.slice(2)): ServerConfig {
  const port = intFromEnv(env, 'PORT', 8080, 0, 65535);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    staticDir: path.resolve(cwd, env.STATIC_DIR || 'dist'),
    modelsDir: path.resolve(cwd, env.MODELS_DIR || 'models'),
    publicUrl,
    hostLinkDays: intFromEnv(env, 'HOST_LINK_DAYS', 30, 1, 3650),
    newHostLink: boolFromEnv(env, 'INTERQ_NEW_HOST_LINK') || argv.includes('--new-host-link'),
    inviteDays: intFromEnv(env, 'INVITE_DAYS', 14, 1, 3650),
    maxRecordingBytes: intFromEnv(env, 'INTERQ_MAX_RECORDING_BYTES', DEFAULT_MAX_RECORDING_BYTES, 1, 1024 * 1024 * 1024),
    maxInterviewRecordingBytes: intFromEnv(env, 'INTERQ_MAX_INTERVIEW_RECORDING_BYTES', 2 * 1024 * 1024 * 1024, 1, Number.MAX_SAFE_INTEGER),
    recordingRetentionMs: daysFromEnv(env, 'INTERQ_RECORDING_RETENTION_DAYS', 36_500),
    databaseUrl: databaseUrlFromEnv(env),
    env,
  };
}
