/**
 * One LISTEN connection of its own (a pooled client cannot stay subscribed), kept open across PostgreSQL restarts.
 * Notices sent while it was not connected are lost, which NOTIFY never replays: `onConnected` runs after every
 * (re)connection, once LISTEN is in place, so the caller re-reads whatever it may have missed then. Anything committed
 * after that re-read is announced on the open connection.
 */
import { keepSession } from './pg-session';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface ListenOptions {
  connectionString: string;
  channels: readonly string[];
  /** What is heard, in words for the log ("revocations", "stored documents"). */
  what: string;
  onNotice(channel: string, payload: string): void;
  /** After each connection (the first included), once listening: re-read what notices may have been missed. */
  onConnected(): Promise<void> | void;
  log: Logger;
  /** Wait before reconnecting (default 1 s). */
  retryMs?: number;
  /**
   * The connection's name in `pg_stat_activity`, set before LISTEN on every connection: how other nodes see that this
   * one listens (postgres-projected-docs.ts followerAppName).
   */
  applicationName?: string;
}

/** Starts listening; returns the unsubscribe. */
export function listenToPostgres(opts: ListenOptions): () => void {
  const session = keepSession({
    connectionString: opts.connectionString,
    what: `the PostgreSQL connection that hears ${opts.what}`,
    log: opts.log,
    ...(opts.retryMs !== undefined ? { retryMs: opts.retryMs } : {}),
    async onConnected(c) {
      c.on('notification', (n) => {
        if (n.payload !== undefined && opts.channels.includes(n.channel)) opts.onNotice(n.channel, n.payload);
      });
      if (opts.applicationName !== undefined) await c.query("SELECT set_config('application_name', $1, false)", [opts.applicationName]);
      for (const channel of opts.channels) await c.query(`LISTEN ${channel}`);
      await opts.onConnected();
    },
  });
  return () => void session.stop();
}
