import { describe, expect, it } from 'vitest';
import { linkReplacesStored } from '../../src/auth/credential-policy';
import type { Credential } from '../../src/storage/db';

const now = 1_800_000_000_000;
const cred = (role: Credential['role'], expiresAt = now + 60_000, scope = '*'): Credential => ({ scope, token: `${role}-token`, role, subject: role, expiresAt });

describe('which credential a link replaces', () => {
  it('keeps an unexpired host workspace credential when a reviewer link arrives', () => {
    expect(linkReplacesStored(cred('host'), cred('reviewer'), now)).toBe(false);
  });

  it('replaces an expired host credential with the reviewer link', () => {
    expect(linkReplacesStored(cred('host', now - 1), cred('reviewer'), now)).toBe(true);
  });

  it('lets a new host link replace the host credential and a reviewer credential', () => {
    expect(linkReplacesStored(cred('host'), cred('host', now + 120_000), now)).toBe(true);
    expect(linkReplacesStored(cred('reviewer'), cred('host'), now)).toBe(true);
  });

  it('stores a link when nothing is held, and lets links of other roles replace each other', () => {
    expect(linkReplacesStored(undefined, cred('reviewer'), now)).toBe(true);
    expect(linkReplacesStored(cred('guest', now + 1, 'iv-1'), cred('interviewer', now + 1, 'iv-1'), now)).toBe(true);
  });

  it('leaves one interview\'s links alone: a host may try the guest invite of that interview on the same device', () => {
    expect(linkReplacesStored(cred('host', now + 60_000, 'iv-1'), cred('guest', now + 60_000, 'iv-1'), now)).toBe(true);
  });
});
