/**
 * The `<id>.support` document: incidents (the friction events the dashboard's Friction Score counts), what tech
 * support or the host did about them (with who and when), and what the guest's device made of each action.
 * Records name their author (`by`, `role`); the sync server accepts them only in the writer's own name.
 *
 * Layout: Array `incidents` (SupportIncident), Array `actions` (SupportAction), Map `outcomes` (action id → SupportOutcome).
 * Shapes are also described in /work/notes/support-console-interfaces.md for the dashboard.
 */
import { z } from '../zod-mini';
import { ROLES } from '../access';

export const INCIDENT_KINDS = ['mic-denied', 'mic-silent', 'mic-error', 'reconnects', 'upload-stuck'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

const id = z.string().check(z.minLength(1), z.maxLength(120));
const at = z.number().check(z.nonnegative());
const who = z.string().check(z.minLength(1), z.maxLength(200));

export const SupportIncident = z.object({
  id,
  at,
  kind: z.enum(INCIDENT_KINDS),
  by: who,
  role: z.enum(ROLES),
  questionId: z.nullable(z.string().check(z.maxLength(120))),
  /** A short machine word (a media error kind, a connection state); never audio, transcript or device ids. */
  detail: z.nullable(z.string().check(z.maxLength(60))),
});
export type SupportIncident = z.infer<typeof SupportIncident>;

export const ACTION_TYPES = ['guided-fix', 'mic-check', 'technical-block'] as const;
export type SupportActionType = (typeof ACTION_TYPES)[number];

export const SupportAction = z.object({
  id,
  at,
  type: z.enum(ACTION_TYPES),
  by: who,
  role: z.enum(['tech-support', 'host']),
  incidentId: z.nullable(id),
  /** For technical-block: the question to mark blocked. */
  questionId: z.nullable(z.string().check(z.maxLength(120))),
  reason: z.nullable(z.string().check(z.maxLength(200))),
});
export type SupportAction = z.infer<typeof SupportAction>;

export const SupportOutcome = z.object({
  ok: z.boolean(),
  at,
  by: who,
  role: z.literal('guest'),
  reason: z.nullable(z.string().check(z.maxLength(300))),
});
export type SupportOutcome = z.infer<typeof SupportOutcome>;

export const ACTION_LABELS: Record<SupportActionType, string> = {
  'guided-fix': 'Guided fix sent',
  'mic-check': 'Microphone check asked',
  'technical-block': 'Technical block applied',
};

export const INCIDENT_LABELS: Record<IncidentKind, string> = {
  'mic-denied': 'Microphone not available',
  'mic-silent': 'No sound while recording',
  'mic-error': 'Microphone error',
  reconnects: 'Connection lost and regained',
  'upload-stuck': 'Upload stuck',
};
