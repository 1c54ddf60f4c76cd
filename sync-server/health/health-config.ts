/** Settings of the health checks, from the environment (a bad value stops start-up with one clear line). */
import { intFromEnv } from '../config';

export interface HealthConfig {
  /** INTERQ_DISK_WARN_FREE_MB (default 1024): warn when the data folder has less free space than this. */
  diskWarnFreeBytes: number;
  /** INTERQ_HEALTH_PROBE_SEC (default 60): how often the AI service is probed and model files are re-checked. */
  probeIntervalMs: number;
}

export function loadHealthConfig(env: NodeJS.ProcessEnv): HealthConfig {
  return {
    diskWarnFreeBytes: intFromEnv(env, 'INTERQ_DISK_WARN_FREE_MB', 1024, 0, 1024 * 1024 * 1024) * 1024 * 1024,
    probeIntervalMs: intFromEnv(env, 'INTERQ_HEALTH_PROBE_SEC', 60, 1, 86_400) * 1000,
  };
}
