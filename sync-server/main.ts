/**
 * `npm start` ends here: start the server, print where to open it, and stop
 * cleanly on SIGINT/SIGTERM so every pending document write is flushed.
 */
import { loadConfig, ConfigError } from './config';
import { StartupError } from './db/open';
import { startAppServer } from './app-server';
import { createLogger } from './log';

async function main(): Promise<void> {
  const log = createLogger(process.env.LOG_QUIET === '1');
  const config = loadConfig();
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
