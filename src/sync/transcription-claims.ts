/**
 * Which staff device is transcribing a queued answer, in the staff document (Map `transcriptionClaims`:
 * recordingId → TranscriptionClaim). Host and interviewer devices with the model would otherwise both download and
 * transcribe the same take during a live interview, on laptops that are busy with the call. A claim is advisory:
 * it expires (a device that closes mid-take leaves the answer to the others after CLAIM_TTL_MS), and two devices
 * claiming at the same instant both go ahead, which is harmless because the first transcript written is kept.
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { validRecords } from './valid-records';

/** Longer than a slow device takes on a 2-minute answer (real-time factor 0.5 plus loading), short enough not to strand it. */
export const CLAIM_TTL_MS = 3 * 60_000;

export const TranscriptionClaim = z.object({
  recordingId: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The person whose device works on it, as shown to other staff. */
  by: z.string().check(z.maxLength(200)),
  /** A random id per browser profile: one person may have two devices open. */
  device: z.string().check(z.minLength(1), z.maxLength(100)),
  at: z.number().check(z.nonnegative()),
});
export type TranscriptionClaim = z.infer<typeof TranscriptionClaim>;

const claimMap = (staffDoc: Y.Doc) => staffDoc.getMap<unknown>('transcriptionClaims');

export function readClaim(staffDoc: Y.Doc, recordingId: string): TranscriptionClaim | null {
  const parsed = TranscriptionClaim.safeParse(claimMap(staffDoc).get(recordingId));
  return parsed.success ? parsed.data : null;
}

/** Live claims by other devices, by recording id (for the staff screen). */
export function claimsByOthers(staffDoc: Y.Doc, device: string, now: number): Map<string, TranscriptionClaim> {
  const live = validRecords(TranscriptionClaim, claimMap(staffDoc).values()).filter((c) => c.device !== device && now - c.at < CLAIM_TTL_MS);
  return new Map(live.map((c) => [c.recordingId, c]));
}

/** The live claim of another device on this take, if there is one. */
export function claimedElsewhere(staffDoc: Y.Doc, recordingId: string, device: string, now: number): TranscriptionClaim | null {
  const claim = readClaim(staffDoc, recordingId);
  return claim && claim.device !== device && now - claim.at < CLAIM_TTL_MS ? claim : null;
}

export function claimTranscription(staffDoc: Y.Doc, claim: TranscriptionClaim): void {
  claimMap(staffDoc).set(claim.recordingId, TranscriptionClaim.parse(claim));
}

/** Gives the take back to the others (this device failed on it); another device's claim is left alone. */
export function releaseClaim(staffDoc: Y.Doc, recordingId: string, device: string): void {
  if (readClaim(staffDoc, recordingId)?.device === device) claimMap(staffDoc).delete(recordingId);
}

/** Calls `fn` whenever claims change; returns the function that stops it. */
export function observeClaims(staffDoc: Y.Doc, fn: () => void): () => void {
  const map = claimMap(staffDoc);
  map.observe(fn);
  return () => map.unobserve(fn);
}
