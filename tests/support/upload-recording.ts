/**
 * Uploads one answer recording the way the guest's device does: create the upload, then PATCH its bytes at offset 0,
 * through the real upload API (sync-server/uploads/upload-routes.ts). The server then counts the take as uploaded
 * (its `recordings` table), which the interview status requires.
 */
import { createHash, randomBytes } from 'node:crypto';

export async function uploadRecording(
  serverUrl: string,
  guestToken: string,
  interviewId: string,
  recording: { recordingId: string; questionId: string; audio?: Buffer; mimeType?: string; durationMs?: number },
): Promise<void> {
  const audio = recording.audio ?? randomBytes(2000);
  const sha256 = createHash('sha256').update(audio).digest('hex');
  const auth = { Authorization: `Bearer ${guestToken}` };
  const created = await fetch(`${serverUrl}/api/interviews/${interviewId}/recordings`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ recordingId: recording.recordingId, questionId: recording.questionId, mimeType: recording.mimeType ?? 'audio/webm', totalBytes: audio.length, sha256, durationMs: recording.durationMs ?? 30_000 }),
  });
  if (created.status !== 201 && created.status !== 200) throw new Error(`upload create: ${created.status} ${await created.text()}`);
  const patched = await fetch(`${serverUrl}/api/interviews/${interviewId}/recordings/${recording.recordingId}`, {
    method: 'PATCH',
    headers: { ...auth, 'Upload-Offset': '0', 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(audio),
  });
  if (patched.status !== 200) throw new Error(`upload patch: ${patched.status} ${await patched.text()}`);
}
