/**
 * Friction Score: technical incidents against successful completions.
 *
 *   Friction Score = technical incidents / completed interviews
 *
 * Incidents: microphone errors, interrupted recordings, reconnects, recoveries after
 * an error, host or tech-support overrides for technical blocks, failed uploads.
 * Lower is better; 0 means every completion went without a technical incident.
 * With no completion the score is undefined (null) and the incidents still count.
 */
export const FRICTION_FORMULA =
  'Friction Score = technical incidents (microphone errors, interrupted recordings, reconnects, recoveries, host overrides for technical blocks, failed uploads) ÷ successfully completed interviews. Lower is better; undefined without a completion.';

export const FRICTION_KINDS = ['microphone', 'interrupted-recording', 'reconnect', 'recovery', 'technical-block', 'failed-upload'] as const;
export type FrictionKind = (typeof FRICTION_KINDS)[number];

export const FRICTION_LABELS: Record<FrictionKind, string> = {
  microphone: 'Microphone error',
  'interrupted-recording': 'Interrupted recording',
  reconnect: 'Reconnect',
  recovery: 'Recovery after an error',
  'technical-block': 'Override for a technical block',
  'failed-upload': 'Failed upload',
};

export interface FrictionIncident {
  /** Unique per occurrence: the same incident synced twice counts once. */
  id: string;
  kind: FrictionKind;
  at: number;
  questionId: string | null;
  detail: string | null;
}

export interface FrictionSession {
  interviewId: string;
  completed: boolean;
  incidents: readonly FrictionIncident[];
}

export interface FrictionResult {
  incidents: number;
  completions: number;
  /** incidents / completions; null without a completion. */
  score: number | null;
  byKind: Record<FrictionKind, number>;
}

function distinct(incidents: readonly FrictionIncident[]): FrictionIncident[] {
  const seen = new Set<string>();
  return incidents.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)));
}

export function frictionScore(sessions: readonly FrictionSession[]): FrictionResult {
  const byKind = Object.fromEntries(FRICTION_KINDS.map((k) => [k, 0])) as Record<FrictionKind, number>;
  let incidents = 0;
  let completions = 0;
  for (const s of sessions) {
    for (const i of distinct(s.incidents)) {
      byKind[i.kind] += 1;
      incidents += 1;
    }
    if (s.completed) completions += 1;
  }
  return { incidents, completions, score: completions > 0 ? incidents / completions : null, byKind };
}

/**
 * The support console's incident kinds (the `<id>.support` document, src/domain/support/records.ts) as friction kinds:
 * the guest's device records a lost-and-regained connection and a stalled upload only there.
 */
export const SUPPORT_FRICTION_KIND = {
  'mic-denied': 'microphone',
  'mic-silent': 'microphone',
  'mic-error': 'microphone',
  reconnects: 'reconnect',
  'upload-stuck': 'failed-upload',
} as const satisfies Record<string, FrictionKind>;

/** A microphone failure in the stage log and one in the support document this close together are one occurrence. */
export const SAME_MICROPHONE_FAILURE_MS = 60_000;

/**
 * One interview's incidents from its two sources, each occurrence once. The stage log holds microphone failures
 * (FAIL), recoveries, interrupted recordings and technical blocks (HOST_MARK_BLOCKED, also when tech support applied
 * it, so the support document's technical-block actions are not counted again); the support document holds
 * microphone problems, reconnects and stuck uploads. The guest's device writes a microphone error to both, so a
 * stage-log microphone failure is dropped when the support document has a microphone incident on the same question
 * within SAME_MICROPHONE_FAILURE_MS (both times come from the guest's clock). Sorted by time, then id, so the result
 * depends only on the documents.
 */
export function mergeFrictionIncidents(stage: readonly FrictionIncident[], support: readonly FrictionIncident[]): FrictionIncident[] {
  const supportMic = support.filter((i) => i.kind === 'microphone');
  const duplicate = (i: FrictionIncident) =>
    i.kind === 'microphone' && supportMic.some((m) => m.questionId === i.questionId && Math.abs(m.at - i.at) <= SAME_MICROPHONE_FAILURE_MS);
  return distinct([...stage.filter((i) => !duplicate(i)), ...support]).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
