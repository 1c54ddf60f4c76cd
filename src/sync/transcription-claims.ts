/**
 * Which staff device is transcribing a queued answer, in the assessment document (Map `transcriptionClaims`:
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

const claimMap = (assessmentDoc: Y.Doc) => assessmentDoc.getMap<unknown>('transcriptionClaims');

export function readClaim(assessmentDoc: Y.Doc, recordingId: string): TranscriptionClaim | null {
  const parsed = TranscriptionClaim.safeParse(claimMap(assessmentDoc).get(recordingId));
  return parsed.success ? parsed.data : null;
}

/** Live claims by other devices, by recording id (for the staff screen). */
export function claimsByOthers(assessmentDoc: Y.Doc, device: string, now: number): Map<string, TranscriptionClaim> {
  const live = validRecords(TranscriptionClaim, claimMap(assessmentDoc).values()).filter((c) => c.device !== device && now - c.at < CLAIM_TTL_MS);
  return new Map(live.map((c) => [c.recordingId, c]));
}

/** The live claim of another device on this take, if there is one. */
export function claimedElsewhere(assessmentDoc: Y.Doc, recordingId: string, device: string, now: number): TranscriptionClaim | null {
  const claim = readClaim(assessmentDoc, recordingId);
  return claim && claim.device !== device && now - claim.at < CLAIM_TTL_MS ? claim : null;
}

export function claimTranscription(assessmentDoc: Y.Doc, claim: TranscriptionClaim): void {
  claimMap(assessmentDoc).set(claim.recordingId, TranscriptionClaim.parse(claim));
}

/** Gives the take back to the others (this device failed on it); another device's claim is left alone. */
export function releaseClaim(assessmentDoc: Y.Doc, recordingId: string, device: string): void {
  if (readClaim(assessmentDoc, recordingId)?.device === device) claimMap(assessmentDoc).delete(recordingId);
}

/** Calls `fn` whenever claims change; returns the function that stops it. */
export function observeClaims(assessmentDoc: Y.Doc, fn: () => void): () => void {
  const map = claimMap(assessmentDoc);
  map.observe(fn);
  return () => map.unobserve(fn);
}
