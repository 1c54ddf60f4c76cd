/**
 * LLM settings, read from the sync server's environment. The key stays on the
 * server: nothing here is ever sent to a browser except through `llmStatus`,
 * which leaves it out.
 */

import { ConfigError, intFromEnv } from '../config';

export type ResponseFormatMode = 'json_schema' | 'json_object';

export interface LlmConfig {
  /** OPENAI_API_KEY; null (or empty) means "not configured": the bank answers alone. */
  apiKey: string | null;
  /** OPENAI_BASE_URL, for any OpenAI-compatible endpoint; null means api.openai.com. */
  baseUrl: string | null;
  /** OPENAI_MODEL, default gpt-4o-mini. */
  model: string;
  /** LLM_TIMEOUT_MS: the whole budget for the model, retries and waits included (default 30 000). */
  timeoutMs: number;
  /**
   * LLM_MAX_RETRIES (default 1). The openai client retries 408/409/429/5xx and
   * connection errors itself, 2 times by default with backoff. The host is
   * waiting and the bank is an instant fallback, so one retry rides out a blip
   * without spending the budget on a service that is down; the overall timeout
   * bounds the retry too (including a long Retry-After).
   */
  maxRetries?: number;
  /**
   * LLM_RESPONSE_FORMAT (default json_schema). Some OpenAI-compatible servers
   * only know `json_object`; the schema is then put in the prompt instead.
   */
  responseFormat?: ResponseFormatMode;
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 30_000;
export const DEFAULT_LLM_MAX_RETRIES = 1;

export function loadLlmConfig(env: NodeJS.ProcessEnv = process.env): LlmConfig {
  const baseUrl = env.OPENAI_BASE_URL?.trim() || null;
  if (baseUrl !== null) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConfigError(`OPENAI_BASE_URL=${baseUrl} is not a URL (expected e.g. http://localhost:11434/v1).`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ConfigError(`OPENAI_BASE_URL must be an http(s) URL (got ${url.protocol}).`);
    }
  }
  const format = env.LLM_RESPONSE_FORMAT?.trim() || 'json_schema';
  if (format !== 'json_schema' && format !== 'json_object') {
    throw new ConfigError(`LLM_RESPONSE_FORMAT=${format} is not valid: use json_schema or json_object.`);
  }
  return {
    apiKey: env.OPENAI_API_KEY?.trim() || null,
    baseUrl,
    model: env.OPENAI_MODEL?.trim() || DEFAULT_LLM_MODEL,
    timeoutMs: intFromEnv(env, 'LLM_TIMEOUT_MS', DEFAULT_LLM_TIMEOUT_MS, 100, 600_000),
    maxRetries: intFromEnv(env, 'LLM_MAX_RETRIES', DEFAULT_LLM_MAX_RETRIES, 0, 5),
    responseFormat: format,
  };
}

export interface LlmStatus {
  configured: boolean;
  model: string | null;
  baseUrl: string | null;
}

/** What the app may know about the generator: whether it is on and which model. Never the key. */
export function llmStatus(config: LlmConfig): LlmStatus {
  const configured = Boolean(config.apiKey);
  return {
    configured,
    model: configured ? config.model : null,
    baseUrl: configured ? publicBaseUrl(config.baseUrl) : null,
  };
}

/** The base URL without credentials or query (some gateways take a key as ?key= or user:pass@). */
function publicBaseUrl(baseUrl: string | null): string | null {
  if (baseUrl === null) return 'https://api.openai.com/v1';
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return null;
  }
}
