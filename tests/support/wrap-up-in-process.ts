/**
 * The wrap-up as the app server composes it, in the test's own process: the real SQLite status store, the real
 * interview reader over in-memory Yjs documents, the given recording store (SQLite or PostgreSQL: which uploads are
 * complete) and the real runner (no model key: the offline synthesis), with no quiet time before a reading and, unless
 * the test asks for one, none before a synthesis after the first.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { docName, type DocKind } from '../../src/domain/access';
import { publishTranscript, writeScore } from '../../src/sync/answer-results';
import { writePlan } from '../../src/sync/plan-doc';
import { publishStageState } from '../../src/sync/stage-doc';
import type { Db } from '../../sync-server/db/open';
import type { Logger } from '../../sync-server/log';
import { loadLlmConfig } from '../../sync-server/llm/config';
import { createInterviewReader } from '../../sync-server/synthesis/read-interview';
import { createStatusProjection } from '../../sync-server/synthesis/status-projection';
import { createSynthesisEvents } from '../../sync-server/synthesis/synthesis-events';
import { createSynthesisRunner } from '../../sync-server/synthesis/synthesis-runner';
import { createSynthesisStore } from '../../sync-server/synthesis/synthesis-store';
import type { RecordingStore } from '../../sync-server/uploads/recording-store';
import { completedStage, fixturePlan, fixtureTranscripts, recordingOf } from './synthesis-fixtures';
import { scoreRecords } from './synthesis-interview';

export function wrapUpInProcess(db: Db, recordings: RecordingStore, interviewId: string, opts: { resynthesisQuietMs?: number } = {}) {
  const docs = new Map<string, Y.Doc>();
  const doc = (kind: DocKind): Y.Doc => {
    const name = docName(interviewId, kind);
    let d = docs.get(name);
    if (!d) docs.set(name, (d = new Y.Doc()));
    return d;
  };
  const openDoc = async (name: string) => doc(name.slice(interviewId.length + 1) as DocKind);
  /** What the wrap-up logged (a failed reading or synthesis, a synthesis not started, logs and goes on): for a test's failure message. */
  const logged: string[] = [];
  const events = createSynthesisEvents();
  const store = createSynthesisStore(db, events);
  const reader = createInterviewReader(recordings, openDoc);
  const log: Logger = (level, msg, fields) => void logged.push(`${level}: ${msg} ${JSON.stringify(fields ?? {})}`);
  let refresh: (id: string) => Promise<void> = async () => undefined;
  const runner = createSynthesisRunner({ store, reader, llm: loadLlmConfig({}), log, maxInputTokens: 60_000, onFinished: (id) => void refresh(id) });
  // No quiet time: a scheduled reading starts on the next timer turn (settleAfterTimers waits for it).
  const projection = createStatusProjection({ store, reader, runner, log, debounceMs: 0, resynthesisQuietMs: opts.resynthesisQuietMs ?? 0 });
  refresh = projection.refresh;
  /**
   * Resolves once every reading scheduled so far, the synthesis it started and the reading its end asks for ended:
   * twice in a row, 20 ms apart, nothing in flight and no synthesis running. Once was not enough on a loaded machine:
   * the reading's timer could fire after the first look, whose settle then saw nothing and returned while that
   * reading and its synthesis were still to come (recording-expiry on PostgreSQL, beside a file starting servers).
   * No time limit of ours: vitest's own.
   */
  const settleAfterTimers = async () => {
    for (let quietLooks = 0; quietLooks < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await projection.settle();
      quietLooks = store.running(interviewId) ? 0 : quietLooks + 1;
    }
  };
  /** The guest's device uploads this answer whole (created at `at`, completed a second later); throws unless complete. */
  const upload = async (recordingId: string, questionId: string, at = Date.now()): Promise<void> => {
    const audio = Buffer.from(`audio of ${recordingId}`);
    const sha256 = createHash('sha256').update(audio).digest('hex');
    await recordings.create(interviewId, { recordingId, questionId, mimeType: 'audio/webm', totalBytes: audio.length, sha256, durationMs: 30_000 }, 'guest-1', at);
    const appended = await recordings.append(interviewId, recordingId, 0, audio, at + 1_000);
    if (appended.kind !== 'stored' || !appended.state.complete) throw new Error(`upload of ${recordingId} not complete: ${appended.kind}`);
  };
  /** A stored change of this document, as the collab server's hook reports it; resolves once any reading it scheduled ended. */
  const stored = async (kind: DocKind): Promise<void> => {
    projection.onDocumentStored(interviewId, kind, doc(kind));
    await settleAfterTimers();
  };
  return {
    logged,
    doc,
    openDoc,
    events,
    store,
    reader,
    projection,
    settleAfterTimers,
    stored,
    upload,
    /**
     * An interview answered, its spoken answers uploaded (at `uploadedAt`), transcribed and scored: its first synthesis
     * made. Says which recordings it uploaded.
     */
    async scoredInterview(uploadedAt = Date.now()): Promise<string[]> {
      const plan = fixturePlan(interviewId);
      writePlan(doc('plan'), doc('key'), plan);
      const spoken = plan.questions.filter((q) => q.kind === 'spoken');
      for (const q of spoken) await upload(recordingOf(q.id), q.id, uploadedAt);
      for (const [recordingId, tr] of fixtureTranscripts(plan)) {
        const q = plan.questions.find((x) => recordingOf(x.id) === recordingId)!;
        publishTranscript(doc('stage'), { recordingId, questionId: q.id, text: tr.text, segments: [...tr.segments], durationSec: tr.durationSec, processedOn: 'guest-device', model: 'whisper-tiny.en', backend: 'wasm', at: 3_000 });
      }
      publishStageState(doc('stage'), completedStage(plan));
      for (const r of scoreRecords(plan)) writeScore(doc('assessment'), r);
      await stored('assessment');
      return spoken.map((q) => recordingOf(q.id));
    },
    async close(): Promise<void> {
      projection.close();
      runner.stop();
      await projection.settle();
    },
  };
}
