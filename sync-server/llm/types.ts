/** Same shape as the server's logger (sync-server/log.ts), declared here so this module stands alone. */
export type LlmLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
