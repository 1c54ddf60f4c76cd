/**
 * Tech support's rules without a browser: which diagnostics changes go out at once, which incidents a change begins,
 * the console's alerts, the guest device's handling of each support action (with a real stage machine session and a
 * real Yjs support document), and the server's authorship check on support records.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { guestAlerts, serverAlerts } from '../../src/domain/support/alerts';
import { decodeGuestDiagnostics, encodeGuestDiagnostics, GuestDiagnostics, levelStep, roundRtt, urgentChange, type GuestDiagnostics as Diag } from '../../src/domain/support/diagnostics';
import { incidentsBetween } from '../../src/guest/support/publish-diagnostics';
import { carryOut, followSupportActions } from '../../src/guest/support/apply-support-actions';
import { reconnectCounter } from '../../src/guest/support/diagnostics-collector';
import { GuestSession } from '../../src/guest/session';
import { createStageState, dispatch } from '../../src/domain/stage';
import { listActions, listIncidents, outcomeOf, recordAction, recordIncident } from '../../src/sync/support-doc';
import { setTechSupportMayBlock } from '../../src/sync/support-policy';
import type { SupportAction } from '../../src/domain/support/records';
import { checkUpdate, ownerKey } from '../../sync-server/collab/update-policy';
import { DOC_SCHEMAS } from '../../src/domain/doc-schema';
import type { Role } from '../../src/domain/access';

/** The server's refusal of a support-document update written by `claims` (update-policy.ts), or null when accepted. */
function authorshipViolation(decoded: ReturnType<typeof Y.decodeUpdate>, server: Y.Doc, kind: 'support', claims: { sub: string; role: Role }): string | null {
  const writer = { ...claims, owner: ownerKey(claims), access: accessFor(claims.role, kind) };
  const verdict = checkUpdate(decoded, 0, server, kind, DOC_SCHEMAS[kind].caps.maxRecordBytes, writer, { ownerOf: () => null });
  return verdict.ok === false ? verdict.reason : null;
}
import { accessFor } from '../../src/domain/access';
import { presenceVisible } from '../../sync-server/collab/presence';

function diag(patch: { mic?: Partial<Diag['mic']>; net?: Partial<Diag['net']>; uploads?: Partial<Diag['uploads']>; error?: Diag['error'] } = {}): Diag {
  return {
    v: 1,
    mic: { permission: 'granted', input: 'Headset', level: 3, silentSec: 0, recording: false, ...patch.mic },
    error: patch.error ?? null,
    net: { state: 'synced', rttMs: 20, reconnects: 0, ...patch.net },
    uploads: { takes: 0, bytes: 0, stalledSec: 0, ...patch.uploads },
    asr: { where: 'staff', model: 'absent' },
    env: { browser: 'chrome', os: 'linux' },
    storageFreeMb: 2048,
  };
}

describe('diagnostics', () => {
  it('parse as published and stay small (no audio, transcript or device id fields)', () => {
    const d = diag();
    expect(GuestDiagnostics.safeParse(d).success).toBe(true);
    expect(GuestDiagnostics.safeParse({ ...d, mic: { ...d.mic, level: 9 } }).success).toBe(false);
    expect(Object.keys(d).sort()).toEqual(['asr', 'env', 'error', 'mic', 'net', 'storageFreeMb', 'uploads', 'v']);
  });

  it('travel as a compact array that decodes to the same diagnostics, and malformed ones are dropped', () => {
    for (const d of [diag(), diag({ error: { kind: 'no-device', at: 123 }, mic: { level: null, input: null, silentSec: null } })]) {
      const wire = JSON.parse(JSON.stringify(encodeGuestDiagnostics(d))) as unknown[];
      expect(decodeGuestDiagnostics(wire)).toEqual(d);
      expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(d).length / 2);
    }
    const wire = [...encodeGuestDiagnostics(diag())];
    expect(decodeGuestDiagnostics(wire.slice(1))).toBeNull();
    wire[3] = 11;
    expect(decodeGuestDiagnostics(wire)).toBeNull();
    expect(decodeGuestDiagnostics({ v: 1 })).toBeNull();
  });

  it('quantise level and round trip so jitter does not change what is published', () => {
    expect([-100, -60, -59, -30, -1, 0].map(levelStep)).toEqual([0, 0, 1, 3, 5, 5]);
    expect([4, 14, 15, 96].map(roundRtt)).toEqual([0, 10, 20, 100]);
  });

  it('publish at once what alerts depend on, and let drift wait', () => {
    const base = diag();
    expect(urgentChange(null, base)).toBe(true);
    expect(urgentChange(base, diag({ mic: { level: 4 } }))).toBe(false);
    expect(urgentChange(base, diag({ net: { rttMs: 90 } }))).toBe(false);
    expect(urgentChange(base, diag({ mic: { permission: 'denied' } }))).toBe(true);
    expect(urgentChange(base, diag({ net: { reconnects: 1 } }))).toBe(true);
    expect(urgentChange(base, diag({ net: { state: 'offline' } }))).toBe(true);
    // Silence matters only while recording.
    expect(urgentChange(base, diag({ mic: { silentSec: 30 } }))).toBe(false);
    expect(urgentChange(diag({ mic: { recording: true, silentSec: 4 } }), diag({ mic: { recording: true, silentSec: 5 } }))).toBe(true);
  });
});

describe('incidents begin on transitions', () => {
  it('records a denied microphone once per failure, silence while recording, each reconnect and a stuck upload', () => {
    const denied = diag({ mic: { level: null, input: null }, error: { kind: 'permission-denied', at: 100 } });
    expect(incidentsBetween(null, denied)).toEqual([{ kind: 'mic-denied', detail: 'permission-denied' }]);
    expect(incidentsBetween(denied, denied)).toEqual([]);
    expect(incidentsBetween(denied, { ...denied, error: { kind: 'unknown', at: 200 } })).toEqual([{ kind: 'mic-error', detail: 'unknown' }]);
    const rec = diag({ mic: { recording: true, silentSec: 4 } });
    expect(incidentsBetween(rec, diag({ mic: { recording: true, silentSec: 6 } }))).toEqual([{ kind: 'mic-silent', detail: null }]);
    expect(incidentsBetween(diag({ mic: { silentSec: 4 } }), diag({ mic: { silentSec: 60 } }))).toEqual([]);
    expect(incidentsBetween(diag(), diag({ net: { reconnects: 1 } }))).toEqual([{ kind: 'reconnects', detail: 'reconnect 1' }]);
    expect(incidentsBetween(diag({ uploads: { takes: 1, bytes: 9, stalledSec: 59 } }), diag({ uploads: { takes: 1, bytes: 9, stalledSec: 60 } }))).toEqual([
      { kind: 'upload-stuck', detail: '1 takes' },
    ]);
  });

  it('counts a reconnect only when a connection that had synced syncs again after dropping', () => {
    const seen: number[] = [];
    const c = reconnectCounter((n) => seen.push(n));
    for (const s of ['connecting', 'syncing', 'synced', 'synced', 'offline', 'connecting', 'syncing', 'synced', 'connecting', 'synced'] as const) c.see(s);
    expect(c.count).toBe(2);
    expect(seen).toEqual([1, 2]);
  });
});

describe('console alerts', () => {
  it('flag a denied microphone, silence while recording, repeated reconnects, a stuck upload and server warnings', () => {
    expect(guestAlerts('Gus', diag())).toEqual([]);
    expect(guestAlerts('Gus', diag({ mic: { permission: 'denied', level: null } })).map((a) => a.kind)).toEqual(['mic-denied']);
    expect(guestAlerts('Gus', diag({ mic: { recording: true, silentSec: 7 } }))[0]).toMatchObject({ kind: 'mic-silent', message: 'Gus: no sound for 7 s while recording.' });
    expect(guestAlerts('Gus', diag({ mic: { silentSec: 70 } }))).toEqual([]);
    expect(guestAlerts('Gus', diag({ net: { reconnects: 3 } })).map((a) => a.kind)).toEqual(['reconnects']);
    expect(guestAlerts('Gus', diag({ uploads: { takes: 2, bytes: 4096, stalledSec: 61 } }))[0]!.message).toBe('Gus: 2 answers (4 KiB) not uploaded for 61 s.');
    expect(serverAlerts([{ check: 'disk', state: 'warn', message: 'The data folder is nearly full.' }])).toEqual([
      { kind: 'server', subject: 'server: disk', severity: 'warn', message: 'The data folder is nearly full.', fixable: false },
    ]);
  });
});

describe('the guest device carries out support actions', () => {
  const questions = [
    { id: 'q1', kind: 'spoken' as const, timeLimitSec: 60 },
    { id: 'q2', kind: 'spoken' as const, timeLimitSec: 60 },
  ];
  function atQuestion(): GuestSession {
    let state = createStageState({ interviewId: 'iv', questions, now: 1 });
    for (const ev of [
      { type: 'TECH_CHECK_PASSED', inputDeviceId: null },
      { type: 'CONSENT_GIVEN', recording: true, aiScoring: true },
      { type: 'START_INTERVIEW' },
    ]) {
      const r = dispatch(state, { ...ev, actor: { role: 'guest' }, at: 2 } as Parameters<typeof dispatch>[1]);
      expect(r.ok, r.ok ? '' : r.reason).toBe(true);
      state = r.state;
    }
    return new GuestSession(state);
  }
  const action = (type: SupportAction['type'], role: SupportAction['role'] = 'tech-support'): SupportAction => ({
    id: `a-${type}-${role}`,
    at: 5,
    type,
    by: role === 'host' ? 'host' : 'Sam',
    role,
    incidentId: null,
    questionId: null,
    reason: type === 'technical-block' ? 'microphone not working' : null,
  });
  const mic = (ok: boolean) => ({
    acquire: async () => (ok ? { ok: true as const, label: 'Headset' } : { ok: false as const, error: { kind: 'no-device' } }),
  });

  it('refuses tech support’s technical block until the host allows it, then blocks the current question through the stage machine', async () => {
    const session = atQuestion();
    const plan = new Y.Doc();
    const deps = { supportDoc: new Y.Doc(), planDoc: plan, runtime: { session, microphone: mic(true) } as never, guestName: 'Gus', showGuidedFix: () => undefined };
    expect(await carryOut(action('technical-block'), deps)).toEqual({ ok: false, reason: 'the host has not allowed tech support to mark technical blocks' });
    expect(session.getState().log.some((e) => e.type === 'HOST_MARK_BLOCKED')).toBe(false);
    setTechSupportMayBlock(plan, true);
    expect(await carryOut(action('technical-block'), deps)).toEqual({ ok: true, reason: null });
    const entry = session.getState().log.at(-1)!;
    expect(entry).toMatchObject({ type: 'HOST_MARK_BLOCKED', questionId: 'q1', actor: { role: 'host', id: 'Sam (tech support)' } });
  });

  it('answers every pending action once in the support document, and re-checks the microphone', async () => {
    const support = new Y.Doc();
    const shown: string[] = [];
    const session = atQuestion();
    recordAction(support, action('guided-fix'));
    recordAction(support, action('mic-check'));
    const stop = followSupportActions({ supportDoc: support, planDoc: new Y.Doc(), runtime: { session, microphone: mic(false) } as never, guestName: 'Gus', showGuidedFix: (a) => shown.push(a.id) });
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toEqual(['a-guided-fix-tech-support']);
    expect(outcomeOf(support, 'a-guided-fix-tech-support')).toMatchObject({ ok: true, by: 'Gus', role: 'guest' });
    expect(outcomeOf(support, 'a-mic-check-tech-support')).toMatchObject({ ok: false, reason: 'microphone check failed: no-device' });
    // A later sync of the same actions does nothing twice.
    recordAction(support, action('guided-fix', 'host'));
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toEqual(['a-guided-fix-tech-support', 'a-guided-fix-host']);
    stop();
    expect(listActions(support)).toHaveLength(3);
  });
});

describe('the support document', () => {
  it('is open to the guest, tech support and staff, never to the audience, and silent readers stay invisible', () => {
    expect(accessFor('audience', 'support')).toBe('none');
    expect(accessFor('tech-support', 'support')).toBe('write');
    expect(accessFor('guest', 'support')).toBe('write');
    expect(accessFor('interviewer', 'support')).toBe('read');
    expect(presenceVisible('moderator', 'support')).toBe(false);
  });

  it('holds incidents, actions and outcomes to the writer’s own name', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const before = Y.encodeStateVector(client);
    recordAction(client, { ...action0, by: 'host', role: 'host' });
    const forged = Y.encodeStateAsUpdate(client, before);
    expect(authorshipViolation(Y.decodeUpdate(forged), server, 'support', { sub: 'Sam', role: 'tech-support' })).toMatch(/by is "host"/);
    expect(authorshipViolation(Y.decodeUpdate(forged), server, 'support', { sub: 'host', role: 'host' })).toBeNull();
    const guest = new Y.Doc();
    recordIncident(guest, { id: 'i1', at: 1, kind: 'reconnects', by: 'Gus', role: 'guest', questionId: null, detail: null });
    expect(authorshipViolation(Y.decodeUpdate(Y.encodeStateAsUpdate(guest)), server, 'support', { sub: 'Gus', role: 'guest' })).toBeNull();
    expect(authorshipViolation(Y.decodeUpdate(Y.encodeStateAsUpdate(guest)), server, 'support', { sub: 'Sam', role: 'tech-support' })).not.toBeNull();
    expect(listIncidents(guest)).toHaveLength(1);
  });
});

const action0: SupportAction = { id: 'x', at: 1, type: 'guided-fix', by: 'Sam', role: 'tech-support', incidentId: null, questionId: null, reason: null };
