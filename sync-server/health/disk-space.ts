/**
 * Free space in the data folder. SQLite and the uploaded recordings live there; when it fills, writes fail and
 * guests' uploads stall, so the console warns well before (INTERQ_DISK_WARN_FREE_MB) and fails near empty.
 */
import fs from 'node:fs';
import type { HealthCheck } from './check';

/** Below this the server is failing: the next recording may not fit. */
export const DISK_FAIL_FREE_BYTES = 64 * 1024 * 1024;

export function diskCheck(dataDir: string, warnFreeBytes: number): HealthCheck {
  let stats: fs.StatsFs;
  try {
    stats = fs.statfsSync(dataDir);
  } catch (err) {
    return { state: 'fail', message: `The data folder's free space cannot be read (${(err as Error).message}).`, freeBytes: null, totalBytes: null };
  }
  const freeBytes = stats.bavail * stats.bsize;
  const totalBytes = stats.blocks * stats.bsize;
  const mib = (n: number) => `${Math.round(n / 1048576)} MiB`;
  const base = { freeBytes, totalBytes, warnBelowBytes: warnFreeBytes };
  if (freeBytes < DISK_FAIL_FREE_BYTES) return { ...base, state: 'fail', message: `The data folder is full: ${mib(freeBytes)} left. Free space now; uploads and writes fail.` };
  if (freeBytes < warnFreeBytes) return { ...base, state: 'warn', message: `The data folder is nearly full: ${mib(freeBytes)} left (warning below ${mib(warnFreeBytes)}).` };
  return { ...base, state: 'ok', message: null };
}
