/**
 * Server settings (key → text), shared by every node when they share a database: with PostgreSQL the table is there
 * (postgres/postgres-settings-store.ts, PostgreSQL migration 5), else in the node's SQLite file. Today the health
 * check's write probe is its only writer: a row per node, so a probe proves that this node can write where the
 * documents go.
 */
import type pg from 'pg';
import type { Db } from '../db/open';

export interface SettingsStore {
  readonly backend: 'sqlite' | 'postgres';
  write(key: string, value: string): Promise<void>;
  read(key: string): Promise<string | null>;
}

export class SqliteSettingsStore implements SettingsStore {
  readonly backend = 'sqlite' as const;
  constructor(private readonly db: Db) {}

  async write(key: string, value: string): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, value);
  }

  async read(key: string): Promise<string | null> {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }
}

export class PostgresSettingsStore implements SettingsStore {
  readonly backend = 'postgres' as const;
  constructor(private readonly pool: pg.Pool) {}

  async write(key: string, value: string): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async read(key: string): Promise<string | null> {
    const res = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return res.rows[0]?.value ?? null;
  }
}
