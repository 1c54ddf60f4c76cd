/** The host's own links (GET/POST /api/host-links, DELETE /api/host-links/<id>): list, mint and revoke. */
import { apiRequest } from './http-client';

export interface HostLinkSummary {
  jti: string;
  createdAt: number;
  expiresAt: number;
  revoked: boolean;
  expired: boolean;
  /** The link this device's request came with. */
  current: boolean;
}

export async function listHostLinks(hostToken: string): Promise<HostLinkSummary[]> {
  return (await apiRequest<{ hostLinks: HostLinkSummary[] }>('GET', '/api/host-links', hostToken)).hostLinks;
}

export function createHostLink(hostToken: string) {
  return apiRequest<{ jti: string; url: string; expiresAt: number }>('POST', '/api/host-links', hostToken);
}

export function revokeHostLink(hostToken: string, jti: string) {
  return apiRequest<{ revoked: string; current: boolean }>('DELETE', `/api/host-links/${encodeURIComponent(jti)}`, hostToken);
}
