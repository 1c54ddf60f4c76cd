/**
 * The app's side of the synthesis API (sync-server/synthesis/synthesis-routes.ts). Only host and interviewer tokens
 * are answered; the synthesis never travels through a Yjs document. The records are the server's own
 * (src/domain/wrap-up/synthesis-records.ts).
 */
import { Synthesis } from '../domain/wrap-up/synthesis-schema';
import type { SynthesisEvent, SynthesisRow, SynthesisView } from '../domain/wrap-up/synthesis-records';
import { ApiError, apiRequest } from './http-client';
import { ndjsonLines } from './ndjson-lines';

export type { SynthesisRow, SynthesisView } from '../domain/wrap-up/synthesis-records';

const path = (interviewId: string) => `/api/interviews/${encodeURIComponent(interviewId)}/synthesis`;

/** What the server stored is checked like anything read back: a malformed result is shown as missing, not crashed on. */
function checked(view: SynthesisView): SynthesisView {
  if (view.latest?.result && !Synthesis.safeParse(view.latest.result).success) return { ...view, latest: { ...view.latest, result: null } };
  return view;
}

export async function fetchSynthesis(interviewId: string, token: string): Promise<SynthesisView> {
  return checked(await apiRequest<SynthesisView>('GET', path(interviewId), token));
}

export function requestSynthesis(interviewId: string, token: string, offline: boolean): Promise<{ run: SynthesisRow; joined: boolean }> {
  return apiRequest('POST', path(interviewId), token, offline ? { offline: true } : {});
}

/**
 * Follows the interview's synthesis events (NDJSON) until the stream ends or `signal` aborts: the view at once and
 * whenever the status or a run changes, and a running run's progress. Resolves when the stream ends (the server
 * restarted, a proxy cut it, the device went offline); the caller reconnects.
 */
export async function followSynthesis(
  interviewId: string,
  token: string,
  on: { view: (view: SynthesisView) => void; progress: (progress: string) => void },
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${path(interviewId)}/events`, { headers: { Authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) {
    const data = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, data.error ?? `Request failed (${res.status}).`);
  }
  for await (const line of ndjsonLines(res.body)) {
    let event: SynthesisEvent;
    try {
      event = JSON.parse(line) as SynthesisEvent;
    } catch {
      // A line that is not JSON (a proxy's error page) is skipped.
      continue;
    }
    if (event.type === 'view') on.view(checked(event.view));
    else if (event.type === 'progress') on.progress(event.progress);
  }
}
