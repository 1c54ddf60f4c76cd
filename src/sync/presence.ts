/**
 * Who is in the live session, in which role and on which question, through
 * y-protocols awareness (the presence channel of each document connection).
 *
 * Staff publish their full presence on the `staff` document, which only staff
 * can open. On the `stage` document, host and interviewer publish only name and
 * role (the server relays that to the guest on purpose: the guest may see that
 * someone is following). The guest's device is expected to publish
 * `{ name, role: 'guest', questionIndex, color }` on the stage document, and `finished: true` (without a
 * question) once the interview is completed. Audience
 * members publish nothing, and the server keeps silent readers invisible anyway.
 *
 * Awareness states arrive from other people's devices, so they are validated.
 */
import type { Awareness } from 'y-protocols/awareness';
import { z } from '../domain/zod-mini';
import { ROLES, type Role } from '../domain/access';

export const PresenceState = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(200)),
  role: z.enum(ROLES),
  color: z.string().check(z.regex(/^#[0-9a-f]{6}$/i)),
  /** Index (0-based) of the question this person is looking at, when any. */
  questionIndex: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** The guest's device sets it once the interview is completed: there is no question to be on any more. */
  finished: z.optional(z.boolean()),
});
export type PresenceState = z.infer<typeof PresenceState>;

export interface PresencePeer extends PresenceState {
  clientId: number;
  self: boolean;
}

// Dark enough for white text and for text on a white card (WCAG AA, 4.5:1).
const PALETTE = ['#1d4ed8', '#047857', '#b91c1c', '#7c3aed', '#a16207', '#0e7490', '#be185d', '#4d7c0f'];

/** A stable colour per person, so someone keeps their colour across reloads and devices. */
export function colorFor(seed: string): string {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

export function setPresence(awareness: Awareness, state: PresenceState): void {
  const current = awareness.getLocalState();
  const same =
    current !== null &&
    current.name === state.name &&
    current.role === state.role &&
    current.color === state.color &&
    current.questionIndex === state.questionIndex &&
    current.finished === state.finished;
  // Diagnostics for tech support (src/sync/diagnostics-presence.ts) travel in the same state and are kept.
  const diag = current && 'diag' in current ? { diag: current.diag as unknown } : {};
  if (!same) awareness.setLocalState({ ...state, ...diag });
}

/**
 * What the presence bar says about where someone is: "finished" for a guest whose interview is completed (their
 * own presence says so, or the stage document does when an older device does not), else the question they are on.
 */
export function presenceActivity(peer: PresenceState, stage: { stage: string } | null = null): string | null {
  if (peer.role === 'guest' && (peer.finished === true || stage?.stage === 'completed')) return 'finished';
  return peer.questionIndex === undefined ? null : `on question ${peer.questionIndex + 1}`;
}

/**
 * Everyone present on one document (this device included, marked `self`), one
 * entry per person and role: a person with two tabs open is listed once.
 */
export function readPresence(awareness: Awareness): PresencePeer[] {
  const byPerson = new Map<string, PresencePeer>();
  for (const [clientId, raw] of awareness.getStates()) {
    const parsed = PresenceState.safeParse(raw);
    if (!parsed.success) continue;
    const self = clientId === awareness.clientID;
    const key = `${parsed.data.role}\u0000${parsed.data.name}`;
    const existing = byPerson.get(key);
    // Prefer this device's own entry, so "you" shows where you are.
    if (existing && (existing.self || !self)) continue;
    byPerson.set(key, { ...parsed.data, clientId, self });
  }
  return [...byPerson.values()].sort(comparePeers);
}

const ROLE_ORDER: Record<Role, number> = { host: 0, interviewer: 1, moderator: 2, 'tech-support': 3, guest: 4, audience: 5, reviewer: 6 };

function comparePeers(a: PresencePeer, b: PresencePeer): number {
  return ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.clientId - b.clientId;
}

/** Staff presence from the staff document plus the guest's from the stage document. */
export function sessionPresence(staff: readonly PresencePeer[], stage: readonly PresencePeer[]): PresencePeer[] {
  const guests = stage.filter((p) => p.role === 'guest');
  return [...staff.filter((p) => p.role !== 'guest' && p.role !== 'audience'), ...guests].sort(comparePeers);
}
