/**
 * Transcripts of recorded answers, and the passages the guest flagged as wrong.
 *
 * Where: `db.kv`, key `transcript:<recordingId>`, value `AnswerTranscript`. One
 * record per recording, so a re-recorded answer never shows the old take's
 * words; the flags live in the same record, so whatever carries the answer
 * (upload, staff view) carries them too. The audio stays the reference: a flag
 * only says "this passage does not match what I said".
 *
 * Who writes: the processing queue stores what an `AnswerProcessor` returns
 * (src/guest/processing-queue.ts); the transcript check screen adds and removes flags.
 */
import { z } from '../domain/zod-mini';
import { appDb, type InterqDatabase } from '../storage/db';

export const TranscriptSegment = z.object({
  /** Milliseconds from the start of the recording, when the transcriber knows them. */
  startMs: z.nullable(z.number().check(z.nonnegative())),
  endMs: z.nullable(z.number().check(z.nonnegative())),
  text: z.string(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegment>;

export const TranscriptFlag = z.object({
  id: z.string().check(z.minLength(1)),
  /** Character offsets into `text`, end exclusive. */
  start: z.number().check(z.int(), z.nonnegative()),
  end: z.number().check(z.int(), z.positive()),
  /** The flagged words as shown, kept so a flag still reads right on its own. */
  quote: z.string().check(z.minLength(1)),
  note: z.nullable(z.string().check(z.maxLength(500))),
  at: z.number().check(z.nonnegative()),
});
export type TranscriptFlag = z.infer<typeof TranscriptFlag>;

export const AnswerTranscript = z.object({
  recordingId: z.string().check(z.minLength(1)),
  interviewId: z.string().check(z.minLength(1)),
  questionId: z.string().check(z.minLength(1)),
  text: z.string(),
  segments: z.array(TranscriptSegment),
  /** Which transcriber produced it (model id), when known. */
  source: z.nullable(z.string()),
  createdAt: z.number().check(z.nonnegative()),
  flags: z.array(TranscriptFlag),
});
export type AnswerTranscript = z.infer<typeof AnswerTranscript>;

/** What a processor hands over; segments are optional (sentences are derived when missing). */
export interface TranscriptInput {
  text: string;
  segments?: ReadonlyArray<{ startMs?: number | null; endMs?: number | null; text: string }>;
  source?: string | null;
}

export function transcriptKey(recordingId: string): string {
  return `transcript:${recordingId}`;
}

/** Splits text into sentences with their offsets; the units the guest can flag with one button. */
export function sentencesOf(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const re = /[^.!?…]+(?:[.!?…]+|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    const start = m.index + lead;
    out.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return out;
}

export async function saveTranscript(
  input: TranscriptInput & { recordingId: string; interviewId: string; questionId: string },
  db: InterqDatabase = appDb(),
  now: number = Date.now(),
): Promise<AnswerTranscript> {
  const segments: TranscriptSegment[] = input.segments?.length
    ? input.segments.map((s) => ({ startMs: s.startMs ?? null, endMs: s.endMs ?? null, text: s.text }))
    : sentencesOf(input.text).map((s) => ({ startMs: null, endMs: null, text: s.text }));
  return db.transaction('rw', db.kv, async () => {
    const existing = await loadTranscript(input.recordingId, db);
    const record: AnswerTranscript = {
      recordingId: input.recordingId,
      interviewId: input.interviewId,
      questionId: input.questionId,
      text: input.text,
      segments,
      source: input.source ?? null,
      createdAt: now,
      // A re-run of the transcriber over the same audio keeps flags that still point at the same words.
      flags: (existing?.flags ?? []).filter((f) => input.text.slice(f.start, f.end) === f.quote),
    };
    await db.kv.put({ key: transcriptKey(input.recordingId), value: record });
    return record;
  });
}

export async function loadTranscript(recordingId: string, db: InterqDatabase = appDb()): Promise<AnswerTranscript | null> {
  const row = await db.kv.get(transcriptKey(recordingId));
  if (!row) return null;
  const parsed = AnswerTranscript.safeParse(row.value);
  return parsed.success ? parsed.data : null;
}

export class TranscriptFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TranscriptFlagError';
  }
}

function flagId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return 'flag-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Flags a passage (character range) as wrongly transcribed; an identical or overlapping-identical range is not flagged twice. */
export async function addTranscriptFlag(
  recordingId: string,
  range: { start: number; end: number; note?: string | null },
  db: InterqDatabase = appDb(),
  now: number = Date.now(),
): Promise<AnswerTranscript> {
  return db.transaction('rw', db.kv, async () => {
    const transcript = await loadTranscript(recordingId, db);
    if (!transcript) throw new TranscriptFlagError('There is no transcript for this answer yet.');
    const start = Math.max(0, Math.floor(range.start));
    const end = Math.min(transcript.text.length, Math.floor(range.end));
    const quote = transcript.text.slice(start, end);
    if (end <= start || quote.trim() === '') throw new TranscriptFlagError('Select some words of the transcript to flag.');
    if (transcript.flags.some((f) => f.start === start && f.end === end)) return transcript;
    const flag: TranscriptFlag = { id: flagId(), start, end, quote, note: range.note?.trim() || null, at: now };
    const next: AnswerTranscript = { ...transcript, flags: [...transcript.flags, flag].sort((a, b) => a.start - b.start) };
    await db.kv.put({ key: transcriptKey(recordingId), value: next });
    return next;
  });
}

export async function removeTranscriptFlag(recordingId: string, flagIdToRemove: string, db: InterqDatabase = appDb()): Promise<AnswerTranscript | null> {
  return db.transaction('rw', db.kv, async () => {
    const transcript = await loadTranscript(recordingId, db);
    if (!transcript) return null;
    const next = { ...transcript, flags: transcript.flags.filter((f) => f.id !== flagIdToRemove) };
    await db.kv.put({ key: transcriptKey(recordingId), value: next });
    return next;
  });
}
