/**
 * Plays a whole interview into a running server the way the devices do, for synthesis tests: the host publishes
 * plan and key, the guest's device its completed stage state, its transcripts and its uploads (through the real
 * upload API), and an interviewer's device the first-pass scores. Stock y-websocket clients, real HTTP.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { mintToken } from '../../sync-server/auth/tokens';
import type { DocKind, Role } from '../../src/domain/access';
import type { InterviewPlan } from '../../src/domain/interview';
import { publishTranscript, writeScore, type ScoreRecord } from '../../src/sync/answer-results';
import { writePlan } from '../../src/sync/plan-doc';
import { publishStageState } from '../../src/sync/stage-doc';
import { completedStage, fixtureScores, fixtureTranscripts, recordingOf } from './synthesis-fixtures';
import { connectClient, type YwsClient } from './yws-client';
import type { SynthesisView } from '../../src/domain/wrap-up/synthesis-records';

export interface SeedOptions {
  texts?: Record<string, string>;
  humanReviewOnly?: boolean;
  /** Leave the scores out (the status then stops at "transcribed"). */
  withoutScores?: boolean;
  /** Low scores everywhere: spoken 0.8, the wrong option, no test passed. */
  weak?: boolean;
}

export class InterviewSeeder {
  readonly clients: YwsClient[] = [];
  constructor(
    readonly server: { url: string; port: number },
    readonly secret: Buffer,
  ) {}

  token(role: Role, iid: string, sub = `${role}-1`): string {
    return mintToken(this.secret, { iid, role, sub, ttlSec: 3600 });
  }

  async open(iid: string, kind: DocKind, role: Role): Promise<YwsClient> {
    const c = connectClient(`ws://127.0.0.1:${this.server.port}/sync`, `${iid}.${kind}`, this.token(role, iid), { doc: new Y.Doc() });
    this.clients.push(c);
    await c.synced();
    return c;
  }

  api(method: string, path: string, role: Role | null, iid: string, body?: unknown): Promise<Response> {
    return fetch(`${this.server.url}${path}`, {
      method,
      headers: { ...(role ? { Authorization: `Bearer ${this.token(role, iid)}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async upload(iid: string, recordingId: string, questionId: string): Promise<void> {
    const audio = randomBytes(2000);
    const sha256 = createHash('sha256').update(audio).digest('hex');
    const created = await this.api('POST', `/api/interviews/${iid}/recordings`, 'guest', iid, { recordingId, questionId, mimeType: 'audio/webm', totalBytes: audio.length, sha256, durationMs: 30_000 });
    if (created.status !== 201 && created.status !== 200) throw new Error(`upload create: ${created.status} ${await created.text()}`);
    const patched = await fetch(`${this.server.url}/api/interviews/${iid}/recordings/${recordingId}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${this.token('guest', iid)}`, 'Upload-Offset': '0', 'Content-Type': 'application/octet-stream' },
      body: new Uint8Array(audio),
    });
    if (patched.status !== 200) throw new Error(`upload patch: ${patched.status} ${await patched.text()}`);
  }

  /** Everything up to "scored" (or "transcribed" without scores); returns the docs the guest and staff hold. */
  async seed(plan: InterviewPlan, opts: SeedOptions = {}): Promise<{ stage: YwsClient; assessment: YwsClient }> {
    const iid = plan.meta.id;
    const planDoc = await this.open(iid, 'plan', 'host');
    const keyDoc = await this.open(iid, 'key', 'host');
    writePlan(planDoc.doc, keyDoc.doc, plan);
    for (const q of plan.questions) if (q.kind === 'spoken') await this.upload(iid, recordingOf(q.id), q.id);
    const stage = await this.open(iid, 'stage', 'guest');
    const state = completedStage(plan, { humanReviewOnly: opts.humanReviewOnly ?? false });
    for (const [recordingId, t] of fixtureTranscripts(plan, opts.texts)) {
      if (opts.humanReviewOnly) break;
      const q = plan.questions.find((x) => recordingOf(x.id) === recordingId)!;
      publishTranscript(stage.doc, { recordingId, questionId: q.id, text: t.text, segments: [...t.segments], durationSec: t.durationSec, processedOn: 'guest-device', model: 'whisper-tiny.en', backend: 'wasm', at: 3000 });
    }
    publishStageState(stage.doc, state);
    const assessment = await this.open(iid, 'assessment', 'interviewer');
    if (!opts.withoutScores && !opts.humanReviewOnly) for (const r of scoreRecords(plan, opts.weak)) writeScore(assessment.doc, r);
    return { stage, assessment };
  }

  /** Polls the synthesis API until `until` holds. */
  async waitForSynthesis(iid: string, until: (view: SynthesisView) => boolean, what: string, timeoutMs = 20_000): Promise<SynthesisView> {
    let last: SynthesisView | null = null;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const r = await this.api('GET', `/api/interviews/${iid}/synthesis`, 'interviewer', iid);
      last = (await r.json()) as SynthesisView;
      if (until(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
  }

  destroy(): void {
    for (const c of this.clients) c.destroy();
  }
}

export type { SynthesisView } from '../../src/domain/wrap-up/synthesis-records';

/** The fixture's scores as the assessment document holds them (src/sync/answer-results.ts). */
export function scoreRecords(plan: InterviewPlan, weak = false): ScoreRecord[] {
  const out: ScoreRecord[] = [];
  const scores = fixtureScores();
  const common = { processedOn: 'staff-device' as const, scoredBy: 'interviewer-1', at: 4000 };
  for (const q of plan.questions) {
    if (q.kind === 'spoken') {
      const s = scores.get(recordingOf(q.id));
      if (s?.kind !== 'spoken') continue;
      out.push({
        kind: 'spoken',
        recordingId: recordingOf(q.id),
        questionId: q.id,
        transcriptAt: 3000,
        accuracy: { score: weak ? 0.8 : s.score, band: s.band as 'strong', conceptsFound: [], conceptsMissed: s.conceptsMissed.map((c) => ({ concept: c, missingWords: [] })), conceptSource: 'rubric', reasons: [], reviewSuggested: false, explanation: s.explanation },
        tone: { assessed: false, assertiveness: 'neutral', polarity: 'neutral', hedges: [], confidentCues: [], explanation: '' },
        delivery: { wordCount: 40, wordsPerMinute: 120, pace: 'comfortable', fillerCount: 0, fillerRate: 0, longPauses: 0, timed: true, explanation: '' },
        empty: false,
        explanation: s.explanation,
        modelVersion: 1,
        transcribedOn: 'guest-device',
        ...common,
      });
    } else if (q.kind === 'mcq') {
      out.push({ kind: 'mcq', questionId: q.id, chosenIndex: 1, correct: !weak, chosenOption: q.options[1]!, correctOption: q.options[q.correctIndex]!, score: weak ? 0 : 5, explanation: 'Right option.', ...common });
    } else {
      out.push({
        kind: 'coding',
        questionId: q.id,
        codeSha256: 'a'.repeat(64),
        loadError: null,
        passed: weak ? 0 : 3,
        total: 3,
        examplesPassed: weak ? 0 : 1,
        examplesTotal: 1,
        tests: [],
        score: weak ? 0 : 5,
        explanation: 'All tests pass.',
        ...common,
      });
    }
  }
  return out;
}
