/**
 * `npm start` ends here: start the server, print where to open it, and stop
 * cleanly on SIGINT/SIGTERM so every pending document write is flushed.
 */
import { loadConfig, ConfigError } from './config';
import { StartupError } from './db/open';
import { startAppServer } from './app-server';
import { createLogger, type Logger } from './log';
import { longTaskTracerFromEnv } from './long-tasks';

async function main(): Promise<void> {
  const log = createLogger(process.env.LOG_QUIET === '1');
  const config = loadConfig();
  traceLongTasks(log);
  const running = await startAppServer(config, log);
  process.stdout.write(
    [
      '',
      `InterQ is running at ${running.url}`,
      `Data folder: ${config.dataDir}`,
      '',
      ...(running.hostLink
        ? [`Host link (plan interviews, create invite links; keep it private):`, `  ${running.hostLink}`]
        : [
            `Host links: ${running.validHostLinks} still valid; open yours. The host's start page lists them and revokes any.`,
            `For a new host link: npm start -- --new-host-link (or INTERQ_NEW_HOST_LINK=1).`,
          ]),
      '',
      'Guest, interviewer and moderator links are created from the host screen.',
      '',
    ].join('\n'),
  );
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    log('info', `received ${signal}, flushing documents and stopping`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log('error', 'shutdown failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  watchParent(shutdown);
}

/**
 * INTERQ_TRACE_LONG_TASKS=<ms> (diagnostics, off by default): once a minute, the main thread's busy spans of at
 * least that long, by their time on the CPU, with what they were made of (long-tasks.ts).
 */
function traceLongTasks(log: Logger): void {
  const tracer = longTaskTracerFromEnv();
  if (!tracer) return;
  const timer = setInterval(function logLongTasks() {
    const r = tracer.report();
    if (r.spansOverWall === 0) return;
    log('info', 'Long tasks on the main thread', {
      overMs: r.thresholdMs,
      onTheClock: r.spansOverWall,
      onTheCpu: r.spansOverCpu,
      longest: r.longest.slice(0, 5).map((s) => `${s.cpuMs.toFixed(1)} ms CPU (${s.wallMs.toFixed(1)} wall) [${s.gc}]: ${s.parts}`),
    });
  }, 60_000);
  timer.unref();
}

/**
 * Test harnesses set INTERQ_PARENT_PID so a server whose test runner died (a
 * crash, a killed CI job) stops too, instead of holding its port forever.
 */
function watchParent(shutdown: (reason: string) => void): void {
  const parent = Number(process.env.INTERQ_PARENT_PID);
  if (!Number.isInteger(parent) || parent <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      clearInterval(timer);
      shutdown('parent process gone');
    }
  }, 1000);
  timer.unref();
}

main().catch((err: unknown) => {
  if (err instanceof StartupError || err instanceof ConfigError) {
    process.stderr.write(`InterQ cannot start: ${err.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`InterQ crashed while starting: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
