/** The host's calls about whole interviews: the server's list (with each interview's status) and deletion. */
import { apiRequest, ApiError } from './http-client';
import { isInterviewStatus, type InterviewStatus } from '../domain/wrap-up/status';
import type { InterviewDeletion } from '../domain/interview-deletion';

/**
 * Deletes the interview with its documents, recordings and links on the server. Null when the server never held
 * it (a draft that was never published): there is nothing to delete there. Any other failure throws ApiError,
 * and nothing should then be removed from this device either, or the server's copy would be orphaned unseen.
 */
export async function deleteInterviewOnServer(interviewId: string, token: string): Promise<InterviewDeletion | null> {
  try {
    return await apiRequest<InterviewDeletion>('DELETE', `/api/interviews/${encodeURIComponent(interviewId)}`, token);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

/** The interview's title as the server's list has it, for roles that cannot read the plan (the audience). Null when unknown or unreachable. */
export async function fetchInterviewTitle(interviewId: string, token: string): Promise<string | null> {
  try {
    const row = await apiRequest<{ title?: unknown }>('GET', `/api/interviews/${encodeURIComponent(interviewId)}`, token);
    return typeof row.title === 'string' && row.title.trim() ? row.title : null;
  } catch {
    return null;
  }
}

/** Each interview's wrap-up status on the server, by id (GET /api/interviews, host only). */
export async function fetchServerStatuses(token: string): Promise<Map<string, InterviewStatus | null>> {
  const body = await apiRequest<{ interviews?: Array<{ id?: unknown; status?: unknown }> }>('GET', '/api/interviews', token);
  const out = new Map<string, InterviewStatus | null>();
  for (const row of body.interviews ?? []) {
    if (typeof row.id === 'string') out.set(row.id, isInterviewStatus(row.status) ? row.status : null);
  }
  return out;
}
