/**
 * The rows a move to PostgreSQL leaves behind (settings keys): in PostgreSQL, where the data came from and whether the
 * copy finished (--resume reads it); in the data folder's SQLite, where the data went, which a server started on the
 * folder without DATABASE_URL refuses to ignore (its SQLite holds the data as it was at the move, not what the nodes
 * wrote since).
 */
import type { Db } from '../db/open';

/** Every key the move writes starts so; none is copied from the folder to PostgreSQL. */
export const MOVE_MARKER_PREFIX = 'interq:moved-';
export const TARGET_MARKER = `${MOVE_MARKER_PREFIX}from-sqlite`;
export const FOLDER_MARKER = `${MOVE_MARKER_PREFIX}to-postgres`;

export interface FolderMoved {
  /** The database's URL without its password. */
  database: string;
  at: number;
}

/** Where this folder's data was moved, or null when it never was. */
export function folderMovedTo(db: Db): FolderMoved | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(FOLDER_MARKER) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as FolderMoved) : null;
}
