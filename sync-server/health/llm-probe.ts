/**
 * Whether the OpenAI-compatible endpoint answers, checked on a schedule (never per /healthz request, so a console
 * refreshing every few seconds cannot hammer a paid API). The probe lists models with the real `openai` client and no
 * retries: any HTTP answer means the endpoint is reachable (a 401 also says the key was refused); a refused or timed-out
 * connection means unreachable. The key is never reported, and error text is scrubbed of it.
 */
import OpenAI from 'openai';
import type { LlmConfig } from '../llm';
import { llmStatus } from '../llm';
import { scrubSecret } from '../llm/classify-error';
import type { HealthCheck } from './check';

export interface LlmProbe {
  check(): HealthCheck;
  /** Runs one probe now (also what the schedule calls); resolves when it is recorded. */
  probeNow(): Promise<void>;
  stop(): void;
}

const PROBE_TIMEOUT_MS = 5_000;

interface Result {
  reachable: boolean;
  httpStatus: number | null;
  latencyMs: number;
  checkedAt: number;
  error: string | null;
}

export function startLlmProbe(config: LlmConfig, intervalMs: number): LlmProbe {
  const status = llmStatus(config);
  if (!status.configured) {
    const off: HealthCheck = { state: 'off', message: null, configured: false };
    return { check: () => off, probeNow: async () => undefined, stop: () => undefined };
  }
  let last: Result | null = null;
  let running: Promise<void> | null = null;
  const client = new OpenAI({
    apiKey: config.apiKey ?? '',
    baseURL: config.baseUrl ?? 'https://api.openai.com/v1',
    timeout: Math.min(config.timeoutMs, PROBE_TIMEOUT_MS),
    maxRetries: 0,
  });

  const probeNow = () => {
    running ??= (async () => {
      const started = performance.now();
      let result: Result;
      try {
        await client.models.list();
        result = { reachable: true, httpStatus: 200, latencyMs: 0, checkedAt: 0, error: null };
      } catch (err) {
        const httpStatus = err instanceof OpenAI.APIError && typeof err.status === 'number' ? err.status : null;
        const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        result = { reachable: httpStatus !== null, httpStatus, latencyMs: 0, checkedAt: 0, error: scrubSecret(text, config.apiKey).slice(0, 300) };
      }
      result.latencyMs = Math.round(performance.now() - started);
      result.checkedAt = Date.now();
      last = result;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  void probeNow();
  const timer = setInterval(() => void probeNow(), intervalMs);
  timer.unref();

  return {
    probeNow,
    stop: () => clearInterval(timer),
    check(): HealthCheck {
      const base = { configured: true, model: status.model, intervalMs };
      if (!last) return { ...base, state: 'pending', message: 'The first check of the AI service is running.', reachable: null, latencyMs: null, checkedAt: null };
      const r: Result = last;
      const fields = { ...base, reachable: r.reachable, httpStatus: r.httpStatus, latencyMs: r.latencyMs, checkedAt: r.checkedAt };
      if (!r.reachable) {
        return { ...fields, state: 'warn', message: `The AI service is unreachable (${r.error ?? 'no answer'}); the question bank plans interviews meanwhile.` };
      }
      if (r.httpStatus === 401 || r.httpStatus === 403) {
        return { ...fields, state: 'warn', message: `The AI service refused the server's key (HTTP ${r.httpStatus}).` };
      }
      return { ...fields, state: 'ok', message: null };
    },
  };
}
