import type { Role } from '../domain/access';
import { apiRequest } from './http-client';

export interface IssuedInvite {
  jti: string;
  token: string;
  url: string;
  role: Role;
  subject: string;
  expiresAt: number;
}

export interface InviteSummary {
  jti: string;
  role: Role;
  subject: string;
  expiresAt: number;
  createdAt: number;
}

export function createInvite(hostToken: string, interviewId: string, role: Exclude<Role, 'host'>, subject: string) {
  return apiRequest<IssuedInvite>('POST', '/api/invites', hostToken, { interviewId, role, subject });
}

export async function listInvites(hostToken: string, interviewId: string): Promise<InviteSummary[]> {
  const r = await apiRequest<{ invites: InviteSummary[] }>('GET', `/api/interviews/${interviewId}/invites`, hostToken);
  return r.invites;
}

export function revokeInvite(hostToken: string, jti: string) {
  return apiRequest<{ revoked: string }>('DELETE', `/api/invites/${jti}`, hostToken);
}
