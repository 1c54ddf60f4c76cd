/**
 * The node's rule for which HTTP paths belong to an interview (served only under its lease) equals the proxy's
 * (nginx hashes the same paths to the interview's node): read from the template production renders.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NGINX_TEMPLATE } from '../../deploy/render-nginx-conf';
import { interviewOfPath } from '../../sync-server/cluster/interview-of-path';

/** The `map $uri $interq_interview` block's regexes (PCRE's named groups read the same in JavaScript). */
function nginxRules(): RegExp[] {
  const block = /map \$uri \$interq_interview \{([\s\S]*?)\n\}/.exec(fs.readFileSync(NGINX_TEMPLATE, 'utf8'))![1]!;
  return [...block.matchAll(/^\s*~(\S+)\s+\$iid;/gm)].map((m) => new RegExp(m[1]!));
}
const nginxInterview = (pathname: string) => {
  for (const rule of nginxRules()) {
    const iid = rule.exec(pathname)?.groups?.iid;
    if (iid) return iid;
  }
  return null;
};

const PATHS = [
  '/api/interviews/acme-1',
  '/api/interviews/acme-1/invites',
  '/api/interviews/acme-1/recordings',
  '/api/interviews/acme-1/recordings/rec-1',
  '/api/interviews/acme-1/recordings/rec-1/audio',
  '/api/interviews/acme-1/synthesis',
  '/api/interviews/acme-1/synthesis/events',
  '/api/admin/results/acme-1',
  '/api/admin/results/acme-1/ratings',
  '/api/admin/results/acme-1/recordings/r1/audio',
  '/api/admin/candidates/acme-1',
  '/api/admin/candidates/acme-1/export',
  '/api/admin/reports/acme-1.json',
  '/api/admin/reports/acme-1.csv',
  '/api/interviews',
  '/api/admin/results',
  '/api/admin/metrics',
  '/api/admin/compare',
  '/api/admin/reviewer-links',
  '/api/invites',
  '/api/invites/abc',
  '/api/me',
  '/api/bank',
  '/healthz',
  '/',
  '/admin/results',
  '/api/interviewsx/acme-1',
];

describe('interviewOfPath', () => {
  it('names the interview for exactly the API paths nginx hashes by interview', () => {
    expect(nginxRules().length).toBeGreaterThanOrEqual(4);
    for (const p of PATHS) expect(interviewOfPath(p), p).toBe(p.startsWith('/api/') ? nginxInterview(p) : null);
    expect(interviewOfPath('/api/admin/candidates/acme-1/export')).toBe('acme-1');
    expect(interviewOfPath('/api/interviews')).toBeNull();
  });

  it('leaves the comparison report alone: it reads several interviews (nginx only hashes it)', () => {
    expect(nginxInterview('/api/admin/reports/comparison.json')).toBe('comparison');
    expect(interviewOfPath('/api/admin/reports/comparison.json')).toBeNull();
    expect(interviewOfPath('/api/interviews/comparison/synthesis')).toBe('comparison');
  });
});
