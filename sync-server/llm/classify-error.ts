/**
 * Maps whatever the model call threw to the reason the host is told. The detail
 * (provider wording) goes to the server log only, with the key scrubbed: some
 * providers echo part of a rejected key in their error message.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import type { FallbackReason } from '../../src/domain/generation/protocol';

export interface ClassifiedError {
  reason: FallbackReason;
  /** For the server log; never sent to the browser. */
  detail: string;
  status: number | null;
}

export function classifyModelError(err: unknown, apiKey: string | null): ClassifiedError {
  const detail = scrubSecret(err instanceof Error ? `${err.name}: ${err.message}` : String(err), apiKey);
  // Order matters: the timeout error is a connection error, and both are APIErrors.
  if (err instanceof APIConnectionTimeoutError) return { reason: 'timeout', detail, status: null };
  if (err instanceof APIConnectionError) return { reason: 'network', detail, status: null };
  if (err instanceof RateLimitError) return { reason: 'rate-limited', detail, status: 429 };
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) {
    return { reason: 'auth-failed', detail, status: err.status };
  }
  if (err instanceof APIError) {
    const status = typeof err.status === 'number' ? err.status : null;
    // No status: an error object inside the event stream, which the provider sends for its own failures.
    if (status === null || status >= 500) return { reason: 'server-error', detail, status };
    return { reason: 'refused', detail, status };
  }
  // A stream chunk that is not JSON, or an answer too long to be one.
  if (err instanceof SyntaxError || err instanceof RangeError) return { reason: 'invalid-output', detail, status: null };
  return { reason: 'server-error', detail, status: null };
}

export function scrubSecret(text: string, secret: string | null): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join('[redacted]');
}
