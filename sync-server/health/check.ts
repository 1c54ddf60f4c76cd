/**
 * One check of the server's health as /healthz and the support console show it. `fail` means the server cannot do
 * its job (the database refuses writes, the disk is full); `warn` means a person should look (disk nearly full, the
 * AI service unreachable: the question bank still answers); `off` means not configured.
 */
export type CheckState = 'ok' | 'warn' | 'fail' | 'off' | 'pending';

export interface HealthCheck {
  state: CheckState;
  /** A sentence for the person on call when the state is not ok. */
  message: string | null;
  [field: string]: unknown;
}

export interface HealthAlert {
  check: string;
  state: 'warn' | 'fail';
  message: string;
}

/** The warnings and failures among the checks, for the console's alert list. */
export function alertsOf(checks: Record<string, HealthCheck>): HealthAlert[] {
  const out: HealthAlert[] = [];
  for (const [check, c] of Object.entries(checks)) {
    if (c.state === 'warn' || c.state === 'fail') out.push({ check, state: c.state, message: c.message ?? `${check}: ${c.state}` });
  }
  return out;
}
