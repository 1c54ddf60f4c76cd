/**
 * The server's and its services' health, machine-readable, for /healthz and the tech support console: the database
 * (writable, size), PostgreSQL when DATABASE_URL is set (writable), free disk in the data folder, uploads in progress, open documents and sockets, the AI service
 * (probed on a schedule), the speech model files and their hashes. Each check is its own module; this one assembles
 * them and keeps a report for a second, so consoles polling together cost one round of checks.
 */
import type { Db } from '../db/open';
import type { LlmConfig } from '../llm';
import { alertsOf, type HealthAlert, type HealthCheck } from './check';
import { databaseCheck } from './database-check';
import { diskCheck } from './disk-space';
import type { HealthConfig } from './health-config';
import { startLlmProbe } from './llm-probe';
import type { PostgresProbe } from './postgres-probe';
import type { FollowStats } from '../projections/projector';
import { watchModelFiles } from './model-files';
import { uploadsCheck } from './uploads-check';

export interface ServiceHealthDeps {
  db: Db;
  dbFile: string;
  dataDir: string;
  modelsDir: string;
  llm: LlmConfig;
  config: HealthConfig;
  /** `followed`: with several nodes, what projecting the others' documents has cost this one (projector.ts FollowStats). */
  collabStats: () => { docs: number; connections: number; followed?: FollowStats };
  /** With DATABASE_URL: PostgreSQL's write probe (postgres-probe.ts), reported as the `postgres` check. */
  postgres?: PostgresProbe;
  /** Checks kept by other modules, by name (the speech model's background fetch: `modelFetch`). */
  extraChecks?: Record<string, () => HealthCheck>;
}

export interface HealthReport {
  checks: Record<string, HealthCheck>;
  alerts: HealthAlert[];
  /** True when a check failed: the server cannot do its job (503). */
  failing: boolean;
}

export interface ServiceHealth {
  report(): HealthReport;
  /** Runs the scheduled probes now (tests, and the console's "check again"). */
  refresh(): Promise<void>;
  stop(): void;
}

/** How long one report is served again (a test that needs a report built after an event waits this long first). */
export const REPORT_TTL_MS = 1_000;

export function createServiceHealth(deps: ServiceHealthDeps): ServiceHealth {
  const llm = startLlmProbe(deps.llm, deps.config.probeIntervalMs);
  const models = watchModelFiles(deps.modelsDir, deps.config.probeIntervalMs);
  let cached: { at: number; report: HealthReport } | null = null;

  const build = (): HealthReport => {
    const { docs, connections, followed } = deps.collabStats();
    const checks: Record<string, HealthCheck> = {
      database: databaseCheck(deps.db, deps.dbFile),
      disk: diskCheck(deps.dataDir, deps.config.diskWarnFreeBytes),
      uploads: uploadsCheck(deps.db),
      collab: {
        state: 'ok',
        message: null,
        openDocuments: docs,
        openSockets: connections,
        ...(followed ? { followedFromOtherNodes: { ...followed, busyMs: Math.round(followed.busyMs), applyMs: Math.round(followed.applyMs) } } : {}),
      },
      llm: llm.check(),
      models: models.check(),
      ...(deps.postgres ? { postgres: deps.postgres.check() } : {}),
    };
    for (const [name, check] of Object.entries(deps.extraChecks ?? {})) checks[name] = check();
    return { checks, alerts: alertsOf(checks), failing: Object.values(checks).some((c) => c.state === 'fail') };
  };

  return {
    report() {
      const now = Date.now();
      if (!cached || now - cached.at > REPORT_TTL_MS) cached = { at: now, report: build() };
      return cached.report;
    },
    async refresh() {
      await Promise.all([llm.probeNow(), models.refresh(), deps.postgres?.probeNow()]);
      cached = null;
    },
    stop() {
      llm.stop();
      models.stop();
      deps.postgres?.stop();
    },
  };
}
