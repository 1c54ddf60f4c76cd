import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mintToken, tokenCoversInterview, verifyToken, ANY_INTERVIEW } from '../../sync-server/auth/tokens';

const secret = Buffer.alloc(32, 1);

describe('role tokens', () => {
  it('round-trips claims and covers only its interview, or all for a host workspace token', () => {
    const t = mintToken(secret, { iid: 'iv-1', role: 'guest', sub: 'Ada', ttlSec: 60 }, 1_000_000);
    const r = verifyToken(secret, t, () => false, 1_000_000);
    expect(r.ok && r.claims).toMatchObject({ iid: 'iv-1', role: 'guest', sub: 'Ada', exp: 1060 });
    if (!r.ok) throw new Error('unreachable');
    expect(tokenCoversInterview(r.claims, 'iv-1')).toBe(true);
    expect(tokenCoversInterview(r.claims, 'iv-2')).toBe(false);
    const host = verifyToken(secret, mintToken(secret, { iid: ANY_INTERVIEW, role: 'host', sub: 'h', ttlSec: 60 }));
    expect(host.ok && tokenCoversInterview(host.claims, 'anything')).toBe(true);
  });

  it('refuses tampered, forged, expired, revoked and malformed tokens with the reason', () => {
    const t = mintToken(secret, { iid: 'iv-1', role: 'guest', sub: 'Ada', ttlSec: 60 });
    const [payload, sig] = t.split('.') as [string, string];
    const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'host' })).toString('base64url');
    expect(verifyToken(secret, `${widened}.${sig}`)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyToken(Buffer.alloc(32, 2), t)).toEqual({ ok: false, error: 'bad-signature' });
    expect(verifyToken(secret, t, () => false, Date.now() + 61_000)).toEqual({ ok: false, error: 'expired' });
    expect(verifyToken(secret, t, () => true)).toEqual({ ok: false, error: 'revoked' });
    for (const bad of ['', 'abc', 'a.b.c', '.', `${payload}.`, 'x'.repeat(5000)]) {
      expect(verifyToken(secret, bad).ok).toBe(false);
    }
  });

  it('refuses a correctly signed token whose claims are not a role token', () => {
    const payload = Buffer.from(JSON.stringify({ iid: 'x', role: 'wizard', sub: 's', exp: 9e9, jti: 'j' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(payload).digest('base64url');
    expect(verifyToken(secret, `${payload}.${sig}`)).toEqual({ ok: false, error: 'malformed' });
  });
});
