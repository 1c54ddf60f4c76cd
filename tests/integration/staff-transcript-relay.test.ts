/**
 * The sync server copies an interviewer's staff-device transcripts of queued answers (assessment document) into the
 * stage document, so the guest's device learns its answer was processed with no host device open; a moderator or
 * tech-support login can put nothing there. Real server process, real SQLite, stock y-websocket clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mintToken } from '../../sync-server/auth/tokens';
import type { Role } from '../../src/domain/access';
import { publishStaffTranscript, publishTranscript, publishUpload, readTranscript, type TranscriptRecord, type UploadRecord } from '../../src/sync/answer-results';
import { readSecret, startServer, type ServerProcess } from '../support/server-process';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';

const IV = 'relay-iv-1';
let server: ServerProcess;
let secret: Buffer;
const clients: YwsClient[] = [];

beforeAll(async () => {
  server = await startServer();
  secret = readSecret(server.dataDir);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

function client(kind: 'stage' | 'staff' | 'assessment', role: Role): YwsClient {
  const token = mintToken(secret, { iid: IV, role, sub: `${role}-1`, ttlSec: 600 });
  const c = connectClient(`ws://127.0.0.1:${server.port}/sync`, `${IV}.${kind}`, token, { doc: new Y.Doc() });
  clients.push(c);
  return c;
}

const upload = (recordingId: string, transcribeOn: UploadRecord['transcribeOn'] = 'staff-device'): UploadRecord => ({
  recordingId,
  questionId: `q-${recordingId}`,
  mimeType: 'audio/webm',
  bytes: 1000,
  sha256: 'b'.repeat(64),
  durationSec: 4,
  transcribeOn,
  at: 10,
});
const transcript = (recordingId: string, text: string, processedOn: TranscriptRecord['processedOn'] = 'staff-device'): TranscriptRecord => ({
  recordingId,
  questionId: `q-${recordingId}`,
  text,
  segments: [],
  durationSec: 4,
  processedOn,
  model: 'whisper-tiny.en',
  backend: 'wasm',
  at: 20,
});

describe('relaying staff-device transcripts on the server', () => {
  it('puts an interviewer’s transcript of a queued answer in the stage document, and nothing else', async () => {
    const guest = client('stage', 'guest');
    const interviewer = client('assessment', 'interviewer');
    await Promise.all([guest.synced(), interviewer.synced()]);
    publishUpload(guest.doc, upload('rec-queued'));
    publishUpload(guest.doc, upload('rec-local', 'guest-device'));
    publishUpload(guest.doc, upload('rec-done'));
    publishTranscript(guest.doc, transcript('rec-done', 'what the guest device already has', 'guest-device'));
    // The interviewer's device sees the uploads (it reads the stage) before writing its transcripts.
    const interviewerStage = client('stage', 'interviewer');
    await interviewerStage.synced();
    await waitFor(() => interviewerStage.doc.getMap('uploads').size === 3, 'the interviewer sees the uploads');

    // The queued one last: the server's pass that relays it has seen the other two as well.
    publishStaffTranscript(interviewer.doc, transcript('rec-local', 'not queued for staff'));
    publishStaffTranscript(interviewer.doc, transcript('rec-done', 'would overwrite'));
    publishStaffTranscript(interviewer.doc, transcript('rec-queued', 'a cache keeps recent results close'));
    await waitFor(() => readTranscript(guest.doc, 'rec-queued') !== null, 'the guest receives the relayed transcript');
    expect(readTranscript(guest.doc, 'rec-queued')).toMatchObject({ text: 'a cache keeps recent results close', processedOn: 'staff-device' });

    // Written by the server on the stage document's usual path: a newcomer loads it from storage.
    const later = client('stage', 'host');
    await later.synced();
    expect(readTranscript(later.doc, 'rec-queued')?.processedOn).toBe('staff-device');
    expect(readTranscript(later.doc, 'rec-local')).toBeNull();
    expect(readTranscript(later.doc, 'rec-done')?.text).toBe('what the guest device already has');
  });

  it('relays nothing a moderator or tech-support login writes: the assessment document refuses them, the staff document is not read', async () => {
    const guest = client('stage', 'guest');
    await guest.synced();
    publishUpload(guest.doc, upload('rec-forged'));
    for (const role of ['moderator', 'tech-support'] as const) {
      // Both may write the staff document (chat, reactions): a transcript put there is never relayed.
      const staff = client('staff', role);
      await staff.synced();
      publishStaffTranscript(staff.doc, transcript('rec-forged', `forged by ${role} in the staff document`));
      // They only read the assessment document: the server refuses the update and keeps nothing of it.
      const assessment = client('assessment', role);
      await assessment.synced();
      publishStaffTranscript(assessment.doc, transcript('rec-forged', `forged by ${role} in the assessment document`));
      await waitFor(() => assessment.denials.length > 0, `${role} refused on the assessment document`);
      expect(assessment.denials[0]).toContain(role);
    }
    // A real transcript written after the forgeries arrives, so the relay has run past them.
    publishUpload(guest.doc, upload('rec-real'));
    const interviewerStage = client('stage', 'interviewer');
    await interviewerStage.synced();
    await waitFor(() => interviewerStage.doc.getMap('uploads').has('rec-real'), 'the interviewer sees the upload');
    const interviewer = client('assessment', 'interviewer');
    await interviewer.synced();
    publishStaffTranscript(interviewer.doc, transcript('rec-real', 'written by the interviewer'));
    await waitFor(() => readTranscript(guest.doc, 'rec-real') !== null, 'the interviewer’s transcript is relayed');
    expect(readTranscript(guest.doc, 'rec-forged')).toBeNull();
    const fresh = client('assessment', 'host');
    await fresh.synced();
    expect(fresh.doc.getMap('staffTranscripts').has('rec-forged')).toBe(false);
  });
});
