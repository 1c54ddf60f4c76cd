/**
 * The results list's status is the server's own interview status (`interview_status`, kept by the wrap-up's status
 * projection with the pure rule in src/domain/wrap-up/status.ts): one status, the same one the synthesis acts on,
 * never a second reading of the documents. An interview whose status was not computed yet (its first documents
 * arrived less than a debounce ago) shows as invited, which is what the rule gives an interview nobody joined.
 */
import { INTERVIEW_STATUSES } from '../../src/domain/wrap-up/status';

/** Join beside `admin_results r`. */
export const STATUS_JOIN = 'LEFT JOIN interview_status st ON st.interview_id = r.interview_id';

export const STATUS_EXPR = "COALESCE(st.status, 'invited')";

/** Sorting by status follows the lifecycle (invited first), not the alphabet. */
export const STATUS_ORDER_EXPR = `CASE ${STATUS_EXPR} ${INTERVIEW_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE ${INTERVIEW_STATUSES.length} END`;
