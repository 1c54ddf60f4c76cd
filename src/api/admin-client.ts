/** The results dashboard's calls to /api/admin/* (sync-server/admin/admin-routes.ts), with the device's host or reviewer token. */
import { credentialFor } from '../auth/credentials';
import { ApiError, apiRequest } from './http-client';

export async function adminToken(): Promise<{ token: string; role: string; subject: string } | null> {
  const c = await credentialFor('*');
  return c && (c.role === 'host' || c.role === 'reviewer') ? { token: c.token, role: c.role, subject: c.subject } : null;
}

async function token(): Promise<string> {
  const t = await adminToken();
  if (!t) throw new ApiError(401, 'Open the dashboard through the host link or a reviewer link first.');
  return t.token;
}

export const adminGet = async <T>(path: string): Promise<T> => apiRequest<T>('GET', path, await token());
export const adminPost = async <T>(path: string, body: unknown): Promise<T> => apiRequest<T>('POST', path, await token(), body);
export const adminDelete = async <T>(path: string): Promise<T> => apiRequest<T>('DELETE', path, await token());

/** Fetches a file (report, audio) with the token and hands back a blob. */
export async function adminBlob(path: string): Promise<Blob> {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${await token()}` } });
  if (!res.ok) throw new ApiError(res.status, ((await res.json().catch(() => ({}))) as { error?: string }).error ?? `Request failed (${res.status}).`);
  return res.blob();
}

export async function downloadAdminFile(path: string, filename: string): Promise<void> {
  const url = URL.createObjectURL(await adminBlob(path));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
