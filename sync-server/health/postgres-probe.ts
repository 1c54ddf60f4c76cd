/**
 * With DATABASE_URL: whether PostgreSQL accepts this node's writes, probed on a schedule (a /healthz request answers
 * from the last probe and never waits on the network). A read passes on a server that refuses writes (a standby after
 * a failover, a full disk), so the probe writes this node's row in the shared `settings` table. A probe that does not
 * answer within a few seconds counts as failed: a PostgreSQL that hangs is as down as one that refuses.
 */
import type { SettingsStore } from '../storage/settings-store';
import type { HealthCheck } from './check';

export interface PostgresProbe {
  check(): HealthCheck;
  /** One probe now (also what the schedule calls); resolves when it is recorded. */
  probeNow(): Promise<void>;
  stop(): void;
}

/** Often enough that a dead database shows within seconds, cheap enough to be nothing (one row). */
export const POSTGRES_PROBE_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;

export function startPostgresProbe(opts: { settings: SettingsStore; database: string; nodeKey: string; intervalMs?: number }): PostgresProbe {
  let last: HealthCheck = { state: 'pending', message: 'PostgreSQL has not been probed yet.', database: opts.database };
  let running: Promise<void> | null = null;
  const probeNow = (): Promise<void> =>
    (running ??= (async () => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          opts.settings.write(`healthz:last-write:${opts.nodeKey}`, String(Date.now())),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
          }),
        ]);
        last = { state: 'ok', message: null, database: opts.database, writable: true, latencyMs: Math.round(performance.now() - started), checkedAt: Date.now() };
      } catch (err) {
        last = {
          state: 'fail',
          message: `PostgreSQL (${opts.database}) does not accept writes: ${(err as Error).message}. Documents cannot be stored until it is back; nodes retry by themselves.`,
          database: opts.database,
          writable: false,
          checkedAt: Date.now(),
        };
      } finally {
        clearTimeout(timer);
      }
    })().finally(() => {
      running = null;
    }));
  void probeNow();
  const timer = setInterval(() => void probeNow(), opts.intervalMs ?? POSTGRES_PROBE_MS);
  timer.unref();
  return { check: () => last, probeNow, stop: () => clearInterval(timer) };
}
