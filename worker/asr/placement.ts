/**
 * Where an answer gets transcribed: on the guest's device, or later on a staff device from the uploaded audio. A pure
 * policy over what the app knows (is the model already stored? how fast is the connection? what did the host
 * require? can this device cope?), so the app wiring and the tests share one rule.
 */

export type HostRequirement = 'either' | 'local' | 'staff';

export interface PlacementInput {
  host: { requires: HostRequirement };
  model: {
    /** All files of the chosen model and dtype are in the model cache and verified. */
    cached: boolean;
    /** Bytes still to download (0 when cached); null when unknown (sizes not pinned). */
    bytesToDownload: number | null;
    /** Rough figure for unknown sizes (manifest approxBytes). */
    approxBytes: number;
  };
  connection: {
    online: boolean;
    /** navigator.connection.downlink, megabits per second, when the browser tells. */
    downlinkMbps?: number;
    /** navigator.connection.effectiveType. */
    effectiveType?: 'slow-2g' | '2g' | '3g' | '4g';
    /** The user asked the browser to save data. */
    saveData?: boolean;
  };
  device: {
    /** navigator.deviceMemory in GiB (coarse: 0.25 .. 8), when available. */
    memoryGb?: number;
  };
  /** Longest model download the guest should wait for before the interview goes on (default 60 s). */
  maxDownloadSeconds?: number;
  /** Below this much device memory the model is not run locally (default 2 GiB). */
  minMemoryGb?: number;
}

export type PlacementReason =
  | 'host-requires-staff'
  | 'host-requires-local'
  | 'low-memory'
  | 'model-cached'
  | 'offline-not-cached'
  | 'save-data'
  | 'fast-connection'
  | 'slow-connection'
  | 'unknown-connection';

export interface PlacementDecision {
  local: boolean;
  reason: PlacementReason;
  /** Estimated download time in seconds when a download decided it. */
  downloadSeconds?: number;
}

/** Megabits per second assumed for an effectiveType when downlink is not reported (conservative ends of each band). */
const EFFECTIVE_TYPE_MBPS: Record<NonNullable<PlacementInput['connection']['effectiveType']>, number> = {
  'slow-2g': 0.05,
  '2g': 0.07,
  '3g': 0.7,
  '4g': 4,
};

export function canTranscribeLocally(input: PlacementInput): PlacementDecision {
  if (input.host.requires === 'staff') return { local: false, reason: 'host-requires-staff' };
  const minMemory = input.minMemoryGb ?? 2;
  if (input.device.memoryGb !== undefined && input.device.memoryGb < minMemory) return { local: false, reason: 'low-memory' };
  if (input.host.requires === 'local') return { local: true, reason: 'host-requires-local' };
  if (input.model.cached) return { local: true, reason: 'model-cached' };
  if (!input.connection.online) return { local: false, reason: 'offline-not-cached' };
  if (input.connection.saveData) return { local: false, reason: 'save-data' };

  const mbps = input.connection.downlinkMbps ?? (input.connection.effectiveType ? EFFECTIVE_TYPE_MBPS[input.connection.effectiveType] : undefined);
  if (mbps === undefined || !(mbps > 0)) return { local: false, reason: 'unknown-connection' };
  const bytes = input.model.bytesToDownload ?? input.model.approxBytes;
  const downloadSeconds = Math.round(((bytes * 8) / (mbps * 1e6)) * 10) / 10;
  const limit = input.maxDownloadSeconds ?? 60;
  return downloadSeconds <= limit ? { local: true, reason: 'fast-connection', downloadSeconds } : { local: false, reason: 'slow-connection', downloadSeconds };
}
