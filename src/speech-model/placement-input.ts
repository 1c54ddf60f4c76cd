/**
 * Builds the placement policy's input (worker/asr/placement.ts) from what this browser reports: the host's
 * requirement from the stage document, whether the model is already cached, navigator.onLine,
 * navigator.connection (downlink, effectiveType, saveData; Chromium only) and navigator.deviceMemory.
 */
import type { PlacementDecision, PlacementInput, PlacementReason } from '../../worker/asr/placement';
import type { TranscriptionPolicy } from '../sync/answer-results';
import type { ModelCacheState } from './model-library';

export interface NavigatorFacts {
  onLine?: boolean;
  connection?: { downlink?: number; effectiveType?: string; saveData?: boolean };
  deviceMemory?: number;
}

const EFFECTIVE_TYPES = new Set(['slow-2g', '2g', '3g', '4g']);

export function placementInputFor(policy: TranscriptionPolicy, model: Pick<ModelCacheState, 'complete' | 'bytesToDownload' | 'approxBytes'>, nav: NavigatorFacts): PlacementInput {
  const conn = nav.connection;
  const connection: PlacementInput['connection'] = { online: nav.onLine !== false };
  // Chromium reports downlink 0 when it has no estimate yet: treat that as unknown, not as a dead link.
  if (typeof conn?.downlink === 'number' && conn.downlink > 0) connection.downlinkMbps = conn.downlink;
  if (conn?.effectiveType && EFFECTIVE_TYPES.has(conn.effectiveType)) connection.effectiveType = conn.effectiveType as NonNullable<PlacementInput['connection']['effectiveType']>;
  if (conn?.saveData === true) connection.saveData = true;
  return {
    host: { requires: policy.requires },
    model: { cached: model.complete, bytesToDownload: model.bytesToDownload, approxBytes: model.approxBytes },
    connection,
    device: typeof nav.deviceMemory === 'number' ? { memoryGb: nav.deviceMemory } : {},
  };
}

export function browserNavigatorFacts(): NavigatorFacts {
  const nav = globalThis.navigator as (Navigator & { connection?: NavigatorFacts['connection']; deviceMemory?: number }) | undefined;
  if (!nav) return {};
  return { onLine: nav.onLine, connection: nav.connection, deviceMemory: nav.deviceMemory };
}

const REASONS: Record<PlacementReason, string> = {
  'host-requires-staff': 'the host asked for answers to be transcribed by staff',
  'host-requires-local': 'the host asked for answers to be transcribed on this device',
  'low-memory': 'this device has too little memory for the speech model',
  'model-cached': 'the speech model is already on this device',
  'offline-not-cached': 'this device is offline and the speech model is not stored on it',
  'save-data': 'the browser is set to save data',
  'fast-connection': 'the connection is fast enough to fetch the speech model',
  'slow-connection': 'the connection is too slow to fetch the speech model',
  'unknown-connection': 'the connection speed is unknown, so the speech model is not fetched',
};

export function describePlacement(decision: PlacementDecision): string {
  const base = REASONS[decision.reason];
  return decision.downloadSeconds !== undefined ? `${base} (about ${Math.ceil(decision.downloadSeconds)} s to download)` : base;
}
