/**
 * Messages between the app and the code sandbox worker. One worker runs one request and is then thrown away:
 * the app terminates it when a case runs too long (a candidate's endless loop cannot be interrupted any other way),
 * so nothing a candidate's code leaves behind can reach the next run.
 */
export const SANDBOX_PROTOCOL_VERSION = 1;

export type SandboxLanguage = 'typescript' | 'javascript';

export interface SandboxRunRequest {
  v: typeof SANDBOX_PROTOCOL_VERSION;
  type: 'run';
  source: string;
  language: SandboxLanguage;
  /** The function the tests call; a checked identifier (src/domain/questions.ts). */
  functionName: string;
  /** Arguments of each case. Expected values never enter the sandbox: results are compared outside it. */
  cases: unknown[][];
}

/** What the candidate's code printed during one case, cut to MAX_LOG_LINES lines of MAX_LOG_CHARS. */
export type CaseLogs = string[];

export type CaseOutcome =
  | { ok: true; value: unknown; ms: number; logs: CaseLogs }
  /** `line`: where in the candidate's code it was thrown (1-based), when the stack says so. */
  | { ok: false; error: string; line?: number; ms: number; logs: CaseLogs };

export type SandboxMessage =
  /**
   * The sandbox started and compiled the code, and now runs its top level: the load limit starts here, so a device
   * slow to start the sandbox is not taken for code that loops while loading.
   */
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'loading' }
  /** The code compiled and defines the function; cases follow. */
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'ready' }
  /** Sent before each case starts, so the app can time it. */
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'case-start'; index: number }
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'case'; index: number; outcome: CaseOutcome }
  /** The code could not be compiled or does not define the function (nothing ran). */
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'load-error'; message: string; line?: number }
  | { v: typeof SANDBOX_PROTOCOL_VERSION; type: 'done' };

export const MAX_LOG_LINES = 50;
export const MAX_LOG_CHARS = 500;

export function isSandboxMessage(data: unknown): data is SandboxMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as { v?: unknown; type?: unknown };
  return m.v === SANDBOX_PROTOCOL_VERSION && typeof m.type === 'string' && ['loading', 'ready', 'case-start', 'case', 'load-error', 'done'].includes(m.type);
}

export function isSandboxRunRequest(data: unknown): data is SandboxRunRequest {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Partial<SandboxRunRequest>;
  return (
    m.v === SANDBOX_PROTOCOL_VERSION &&
    m.type === 'run' &&
    typeof m.source === 'string' &&
    (m.language === 'typescript' || m.language === 'javascript') &&
    typeof m.functionName === 'string' &&
    /^[A-Za-z_$][\w$]*$/.test(m.functionName) &&
    Array.isArray(m.cases) &&
    m.cases.every((c) => Array.isArray(c))
  );
}
