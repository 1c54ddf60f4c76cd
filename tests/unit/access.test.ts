import { describe, expect, it } from 'vitest';
import { accessFor, canOpen, canRead, canWrite, docName, parseDocName, ROLES, DOC_KINDS } from '../../src/domain/access';

describe('document access table', () => {
  it('keeps staff and key documents away from guest and audience', () => {
    for (const role of ['guest', 'audience'] as const) {
      expect(canRead(role, 'staff')).toBe(false);
      expect(canRead(role, 'key')).toBe(false);
    }
  });
  it('lets only the moderator and host write moderation decisions', () => {
    const writers = ROLES.filter((r) => canWrite(r, 'moderation'));
    expect(writers.sort()).toEqual(['host', 'moderator']);
  });
  it('lets only the roles holding the answer key write scores and staff transcripts', () => {
    expect(ROLES.filter((r) => canWrite(r, 'assessment')).sort()).toEqual(['host', 'interviewer']);
    expect(ROLES.filter((r) => canRead(r, 'key')).sort()).toEqual(['host', 'interviewer']);
    for (const role of ['guest', 'audience'] as const) expect(canOpen(role, 'assessment')).toBe(false);
  });
  it('defines an access for every role and kind', () => {
    for (const r of ROLES) for (const k of DOC_KINDS) expect(['none', 'read', 'write', 'append']).toContain(accessFor(r, k));
  });
  it('lets the audience add questions without reading anyone else\'s', () => {
    expect(accessFor('audience', 'audience')).toBe('append');
    expect(canOpen('audience', 'audience')).toBe(true);
    expect(canWrite('audience', 'audience')).toBe(true);
    expect(canRead('audience', 'audience')).toBe(false);
    // Only the audience appends: everyone else reads or writes whole documents.
    for (const r of ROLES) for (const k of DOC_KINDS) if (accessFor(r, k) === 'append') expect([r, k]).toEqual(['audience', 'audience']);
  });
  it('round-trips document names and rejects unknown kinds', () => {
    expect(parseDocName(docName('acme-frontend-1', 'stage'))).toEqual({ interviewId: 'acme-frontend-1', kind: 'stage' });
    expect(parseDocName('acme.secret')).toBeNull();
    expect(parseDocName('.plan')).toBeNull();
  });
});
