/** One line per event, human-readable first, fields after. */
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export function createLogger(quiet = false): Logger {
  return (level, msg, fields) => {
    if (quiet && level === 'info') return;
    const extra = fields
      ? ' ' +
        Object.entries(fields)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ')
      : '';
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${msg}${extra}\n`;
    (level === 'info' ? process.stdout : process.stderr).write(line);
  };
}
