/**
 * Copies answer recordings through the recording stores' interface: the upload is created on the target as the
 * guest created it (same id, size, SHA-256, who, when), then every stored part is appended at its offset, as the
 * guest's PATCHes were. The target's store checks the declared SHA-256 over the parts when the last one lands,
 * exactly as for an upload, so a complete recording cannot be copied wrong. An interrupted copy resumes at the
 * target's offset (each part is its own transaction); an upload still in progress is copied as far as it got, and
 * the guest's device resumes it on the new node. A recording whose audio expired has no audio to send: its row (what
 * the interview's status counts) is written as it is.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { RecordingStore } from '../uploads/recording-store';
import type { RecordingEntry } from './source-inventory';
import type { Progress } from './copy-documents';

export interface RecordingCopyReport {
  recordings: number;
  bytes: number;
  problems: string[];
}

export async function copyRecordings(source: RecordingStore, target: RecordingStore, entries: readonly RecordingEntry[], progress: Progress): Promise<RecordingCopyReport> {
  const total = entries.reduce((n, e) => n + e.receivedBytes, 0);
  const report: RecordingCopyReport = { recordings: entries.length, bytes: total, problems: [] };
  let done = 0;
  progress('Recordings', 0, total, 'bytes');
  for (const e of entries) {
    const name = `${e.interviewId}/${e.recordingId}`;
    const src = await source.get(e.interviewId, e.recordingId);
    if (!src) {
      report.problems.push(`recording ${name} disappeared from the source while it was copied`);
      continue;
    }
    const s = src.state;
    const created = await target.create(
      e.interviewId,
      { recordingId: s.recordingId, questionId: s.questionId, mimeType: s.mimeType, totalBytes: s.totalBytes, sha256: src.sha256, durationMs: s.durationMs },
      e.uploadedBy,
      e.createdAt,
    );
    if (created.kind !== 'created' && created.kind !== 'existing') {
      report.problems.push(`recording ${name} could not be created in PostgreSQL (${created.kind})`);
      continue;
    }
    let offset = created.state.receivedBytes;
    done += offset;
    while (offset < s.receivedBytes) {
      const part = await source.partFrom(e.interviewId, e.recordingId, offset);
      if (!part || part.offset !== offset) {
        report.problems.push(`recording ${name}: the source has no part at byte ${offset}`);
        break;
      }
      const stored = await target.append(e.interviewId, e.recordingId, offset, part.data, e.completedAt ?? Date.now());
      if (stored.kind !== 'stored') {
        report.problems.push(
          stored.kind === 'corrupt'
            ? `recording ${name}: its stored bytes do not match its SHA-256 (${stored.actual} instead of ${stored.expected}); PostgreSQL keeps none of them`
            : `recording ${name}: PostgreSQL refused the part at byte ${offset} (${stored.kind})`,
        );
        break;
      }
      offset += part.data.length;
      done += part.data.length;
      progress('Recordings', done, total, 'bytes');
    }
  }
  progress('Recordings', done, total, 'bytes');
  return report;
}

/**
 * The expired recordings' rows, written as they are (no store writes them but retention's own deletion), once each:
 * a resumed move writes nothing twice. Says how many the source holds.
 */
export async function copyExpiredRecordings(source: RecordingStore, pool: pg.Pool, interviewIds: readonly string[]): Promise<number> {
  let rows = 0;
  for (const interviewId of interviewIds) {
    for (const e of await source.expired(interviewId)) {
      await pool.query(
        `INSERT INTO expired_recordings (interview_id, recording_id, question_id, completed_at, expired_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [interviewId, e.recordingId, e.questionId, e.completedAt, e.expiredAt],
      );
      rows++;
    }
  }
  return rows;
}

/** The interviews whose expired recordings differ between the two stores. */
export async function verifyExpiredRecordings(source: RecordingStore, target: RecordingStore, interviewIds: readonly string[]): Promise<string[]> {
  const different: string[] = [];
  for (const id of interviewIds) if (JSON.stringify(await source.expired(id)) !== JSON.stringify(await target.expired(id))) different.push(`expired recordings of ${id}`);
  return different;
}

/** SHA-256 of every stored byte of one recording, read part by part (what a download of it sends). */
export async function storedSha256(store: RecordingStore, interviewId: string, recordingId: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let offset = 0;
  for (;;) {
    const part = await store.partFrom(interviewId, recordingId, offset);
    if (!part) break;
    hash.update(part.data);
    offset = part.offset + part.data.length;
  }
  return { sha256: hash.digest('hex'), bytes: offset };
}

export interface RecordingCheck {
  recordings: number;
  bytes: number;
  /** Recordings whose state or stored bytes differ (SHA-256 compared), or that are missing in the target. */
  different: string[];
}

export async function verifyRecordings(source: RecordingStore, target: RecordingStore, entries: readonly RecordingEntry[]): Promise<RecordingCheck> {
  const check: RecordingCheck = { recordings: entries.length, bytes: 0, different: [] };
  for (const e of entries) {
    const name = `${e.interviewId}/${e.recordingId}`;
    const [a, b] = [await source.get(e.interviewId, e.recordingId), await target.get(e.interviewId, e.recordingId)];
    const [ha, hb] = [await storedSha256(source, e.interviewId, e.recordingId), await storedSha256(target, e.interviewId, e.recordingId)];
    check.bytes += hb.bytes;
    const sameState = a && b && a.sha256 === b.sha256 && JSON.stringify(a.state) === JSON.stringify(b.state);
    if (!sameState || ha.sha256 !== hb.sha256 || ha.bytes !== hb.bytes || (b?.state.complete && hb.sha256 !== b.sha256)) check.different.push(name);
  }
  return check;
}
