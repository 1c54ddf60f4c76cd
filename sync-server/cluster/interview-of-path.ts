/**
 * The interview an HTTP request belongs to, by the same rules as nginx's `$interq_interview` map
 * (deploy/nginx/interq.conf.template): the proxy hashes these paths to the interview's node, and in cluster mode the
 * node serves them only under the interview's lease (request-gate.ts). Keep the two lists equal;
 * tests/unit/interview-of-path.test.ts compares them.
 */
const IID = '([a-z0-9][a-z0-9-]*)';

export const INTERVIEW_PATHS: readonly RegExp[] = [
  // The interview's index row, its deletion, invites, answer uploads, synthesis (the wrap-up).
  new RegExp(`^/api/interviews/${IID}(?:/|$)`),
  // The dashboard's candidate page, ratings, recordings, export and deletion.
  new RegExp(`^/api/admin/(?:results|candidates)/${IID}(?:/|$)`),
  // One candidate's report.
  new RegExp(`^/api/admin/reports/${IID}\\.(?:json|csv)$`),
];

/** The interview the path names, or null (the app's files, lists, the comparison report, health). */
export function interviewOfPath(pathname: string): string | null {
  for (const pattern of INTERVIEW_PATHS) {
    const id = pattern.exec(pathname)?.[1];
    // "comparison" names the report of several interviews (admin-routes.ts), not an interview.
    if (id && !(id === 'comparison' && pathname.startsWith('/api/admin/reports/'))) return id;
  }
  return null;
}
