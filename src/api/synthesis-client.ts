/**
 * The app's side of the synthesis API (sync-server/synthesis/synthesis-routes.ts). Only host and interviewer tokens
 * are answered; the synthesis never travels through a Yjs document.
 */
import type { InterviewStatus } from '../domain/wrap-up/status';
import { Synthesis } from '../domain/wrap-up/synthesis-schema';
import { apiRequest } from './http-client';

export interface StatusView {
  status: InterviewStatus;
  humanReviewOnly: boolean;
  answers: number;
  recordings: number;
  uploaded: number;
  transcribed: number;
  toScore: number;
  scored: number;
}

export interface SynthesisRunView {
  id: number;
  state: 'running' | 'done' | 'failed';
  mode: 'cloud' | 'offline';
  trigger: 'scored' | 'host' | 'restart';
  kind: 'llm' | 'offline' | null;
  reliable: boolean | null;
  stale: boolean;
  fallbackReason: string | null;
  model: string | null;
  promptVersion: string;
  tokensPrompt: number;
  tokensCompletion: number;
  claimsKept: number;
  claimsDropped: number;
  attempts: number;
  progress: string;
  error: string | null;
  result: Synthesis | null;
  finishedAt: number | null;
}

export interface SynthesisView {
  status: StatusView | null;
  latest: SynthesisRunView | null;
  running: SynthesisRunView | null;
}

const path = (interviewId: string) => `/api/interviews/${encodeURIComponent(interviewId)}/synthesis`;

export async function fetchSynthesis(interviewId: string, token: string): Promise<SynthesisView> {
  const view = await apiRequest<SynthesisView>('GET', path(interviewId), token);
  // What the server stored is checked like anything read back: a malformed result is shown as missing, not crashed on.
  if (view.latest?.result && !Synthesis.safeParse(view.latest.result).success) view.latest = { ...view.latest, result: null };
  return view;
}

export function requestSynthesis(interviewId: string, token: string, offline: boolean): Promise<{ run: SynthesisRunView; joined: boolean }> {
  return apiRequest('POST', path(interviewId), token, offline ? { offline: true } : {});
}

/** Follows the run's progress lines (NDJSON) until it ends or `signal` aborts. */
export async function followProgress(interviewId: string, token: string, onLine: (progress: string) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${path(interviewId)}/progress`, { headers: { Authorization: `Bearer ${token}` }, signal });
  if (!res.ok || !res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += value;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const event = JSON.parse(line) as { type: string; progress?: string };
        if (event.type === 'progress' && event.progress) onLine(event.progress);
      } catch {
        // A line that is not JSON (a proxy's error page) is skipped; the panel polls anyway.
      }
    }
  }
}
