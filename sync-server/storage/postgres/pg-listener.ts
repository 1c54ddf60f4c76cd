/**
 * One LISTEN connection of its own (a pooled client cannot stay subscribed), kept open across PostgreSQL restarts.
 * Notices sent while it was not connected are lost, which NOTIFY never replays: `onConnected` runs after every
 * (re)connection, once LISTEN is in place, so the caller re-reads whatever it may have missed then. Anything committed
 * after that re-read is announced on the open connection.
 */
import pg from 'pg';

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
}

/** Starts listening; returns the unsubscribe. */
export function listenToPostgres(opts: ListenOptions): () => void {
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  const retry = (c: pg.Client): void => {
    if (client === c) client = null;
    void c.end().catch(() => undefined);
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, opts.retryMs ?? 1_000);
    timer.unref();
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: opts.connectionString });
    c.on('error', (err) => {
      opts.log('warn', `Lost the PostgreSQL connection that hears ${opts.what}; reconnecting`, { error: err.message });
      retry(c);
    });
    c.on('notification', (n) => {
      if (n.payload !== undefined && opts.channels.includes(n.channel)) opts.onNotice(n.channel, n.payload);
    });
    try {
      await c.connect();
      for (const channel of opts.channels) await c.query(`LISTEN ${channel}`);
      if (stopped) return void c.end().catch(() => undefined);
      client = c;
      await opts.onConnected();
    } catch (err) {
      opts.log('warn', `Could not listen for ${opts.what} in PostgreSQL; retrying`, { error: (err as Error).message });
      retry(c);
    }
  };
  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void client?.end().catch(() => undefined);
    client = null;
  };
}
