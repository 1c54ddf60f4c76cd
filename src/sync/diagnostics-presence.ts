/**
 * Diagnostics for tech support travel as a `diag` field of a device's presence state (src/sync/presence.ts): the
 * guest's on the stage document, staff devices' on the staff document. The server relays presence only to those who
 * may read the document (sync-server/collab/presence.ts) and holds its `name` and `role` to the writer's token, so a
 * diagnostics entry is attributed to the person it says. Presence is never stored.
 */
import type { Awareness } from 'y-protocols/awareness';
import { decodeGuestDiagnostics, encodeGuestDiagnostics, StaffDiagnostics, type GuestDiagnostics } from '../domain/support/diagnostics';
import { PresenceState } from './presence';

/** The guest's diagnostics in their compact wire form (src/domain/support/diagnostics.ts). */
export function setGuestDiagnostics(awareness: Awareness, diag: GuestDiagnostics | null): void {
  setDiagnostics(awareness, diag === null ? null : encodeGuestDiagnostics(diag));
}

/** Adds, replaces (or with null removes) this device's diagnostics, keeping the rest of its presence. */
export function setDiagnostics(awareness: Awareness, diag: StaffDiagnostics | readonly unknown[] | null): void {
  const current = awareness.getLocalState() ?? {};
  if (diag === null) {
    if (!('diag' in current)) return;
    const { diag: _gone, ...rest } = current;
    awareness.setLocalState(rest);
    return;
  }
  awareness.setLocalState({ ...current, diag });
}

export interface GuestDiagnosticsPeer {
  clientId: number;
  name: string;
  diag: GuestDiagnostics;
}

export interface StaffDiagnosticsPeer {
  clientId: number;
  name: string;
  role: PresenceState['role'];
  diag: StaffDiagnostics;
}

/** Guests' diagnostics on the stage document (one per person: the most recently seen client wins). */
export function readGuestDiagnostics(awareness: Awareness): GuestDiagnosticsPeer[] {
  const byName = new Map<string, GuestDiagnosticsPeer>();
  for (const [clientId, raw] of awareness.getStates()) {
    const who = PresenceState.safeParse(raw);
    if (!who.success || who.data.role !== 'guest') continue;
    const diag = decodeGuestDiagnostics((raw as { diag?: unknown }).diag);
    if (!diag) continue;
    byName.set(who.data.name, { clientId, name: who.data.name, diag });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Staff devices' connection and model status on the staff document. */
export function readStaffDiagnostics(awareness: Awareness): StaffDiagnosticsPeer[] {
  const out: StaffDiagnosticsPeer[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    const who = PresenceState.safeParse(raw);
    if (!who.success || who.data.role === 'guest' || who.data.role === 'audience') continue;
    const diag = StaffDiagnostics.safeParse((raw as { diag?: unknown }).diag);
    if (!diag.success) continue;
    out.push({ clientId, name: who.data.name, role: who.data.role, diag: diag.data });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}
