/**
 * A PostgreSQL session of its own (one pg.Client outside the pool), kept open across PostgreSQL restarts. Some state
 * lives in a session, not in a table: a LISTEN (pg-listener.ts) and a session-level advisory lock (the node id,
 * cluster/node-id-lock.ts). A pooled client cannot keep either, and both are gone with their connection, so after a
 * lost connection a new one is opened every `retryMs` until `onConnected` has set it up again. What was missed while
 * it was down (notices, another process taking the lock) is for `onConnected` to find out.
 */
import pg from 'pg';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface KeepSessionOptions {
  connectionString: string;
  /** The connection in words for the log: "the PostgreSQL connection that hears revocations". */
  what: string;
  log: Logger;
  /** Logged with every line about this session. */
  fields?: Record<string, unknown>;
  /**
   * Sets a new connection up (LISTEN, take a lock, re-read what was missed). Throwing closes it and tries again after
   * `retryMs`. Not called for `first`, which the caller set up itself.
   */
  onConnected(client: pg.Client): Promise<void>;
  /**
   * A connection the caller opened (`openSession`) and set up itself, kept from the start: node-id-lock.ts's first
   * connection, whose set-up is a start-up check that refuses instead of retrying.
   */
  first?: pg.Client;
  /** Wait before reconnecting (default 1 s). */
  retryMs?: number;
}

export interface KeptSession {
  /** Ends the session (its LISTENs and session locks go with it) and stops reconnecting. */
  stop(): Promise<void>;
}

const ignore = (): void => undefined;

/** A client whose 'error' is logged and ends it (unheard, it would end the process); its 'end' is the caller's to hear. */
export function openSession(connectionString: string, what: string, log: Logger, fields: Record<string, unknown> = {}): pg.Client {
  const c = new pg.Client({ connectionString });
  c.on('error', (err) => {
    log('warn', `Lost ${what}; reconnecting`, { ...fields, error: err.message });
    void c.end().catch(ignore);
  });
  return c;
}

export function keepSession(opts: KeepSessionOptions): KeptSession {
  const fields = opts.fields ?? {};
  let stopped = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const later = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, opts.retryMs ?? 1_000);
    timer.unref();
  };
  /** The session from now on: when it ends, a new one is opened. */
  const adopt = (c: pg.Client): void => {
    current = c;
    c.once('end', () => {
      if (current !== c) return;
      current = null;
      later();
    });
  };
  const connect = async (): Promise<void> => {
    const c = openSession(opts.connectionString, opts.what, opts.log, fields);
    try {
      await c.connect();
      // Stopped meanwhile (shutdown): what onConnected reads may already be closed.
      if (stopped) return void c.end().catch(ignore);
      await opts.onConnected(c);
      if (stopped) return void c.end().catch(ignore);
      adopt(c);
    } catch (err) {
      opts.log('warn', `Could not open ${opts.what}; retrying`, { ...fields, error: (err as Error).message });
      void c.end().catch(ignore);
      later();
    }
  };

  if (opts.first) adopt(opts.first);
  else void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = current;
      current = null;
      await c?.end().catch(ignore);
    },
  };
}
