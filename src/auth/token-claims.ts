/**
 * Reads a role token's claims on the client. The client cannot verify the
 * signature (the secret stays on the server); it only needs to know which role
 * and interview the link is for. The server checks every use.
 */
import { ROLES, type Role } from '../domain/access';

export interface ClientClaims {
  iid: string;
  role: Role;
  sub: string;
  exp: number;
  jti: string;
}

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeClaims(token: string): ClientClaims | null {
  const payload = token.split('.')[0];
  if (!payload) return null;
  try {
    const c = JSON.parse(base64UrlDecode(payload)) as Partial<ClientClaims>;
    if (typeof c.iid !== 'string' || typeof c.sub !== 'string' || typeof c.exp !== 'number') return null;
    if (typeof c.role !== 'string' || !(ROLES as readonly string[]).includes(c.role)) return null;
    return { iid: c.iid, role: c.role, sub: c.sub, exp: c.exp, jti: String(c.jti ?? '') };
  } catch {
    return null;
  }
}
