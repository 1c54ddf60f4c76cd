/**
 * The `<id>.staff` document: what staff say to each other about the guest.
 * The server never lets the guest or the audience open it (src/domain/access.ts),
 * so nothing here may ever be copied into another document.
 *
 * Layout:
 * - Array `chat`: ChatMessage, append-only, in causal order (each message comes
 *   after everything its author had seen when writing it).
 * - Array `reactions`: Reaction, append-only, pinned to a question and, while the
 *   answer is being recorded, to the moment in that recording.
 * - Map `ratings`: `${questionId}|${raterKey}` → Rating, one per person and question
 *   (the last one set wins).
 *
 * Records are immutable and carry unique ids, so appends made on several devices
 * while offline merge with nothing lost and nothing twice. Everything read back
 * is validated: a buggy or hostile staff client cannot break the others' screens.
 */
import type * as Y from 'yjs';
import { z } from '../domain/zod-mini';
import { ROLES, type Role } from '../domain/access';
import type { StageState } from '../domain/stage';
import { newRecordId, uniqueById } from './record-id';
import { validRecords } from './valid-records';
import { cachedRead } from './read-cache';
import { countValidIds } from './valid-id-count';

export const MAX_CHAT_CHARS = 2000;
const timestamp = z.number().check(z.nonnegative());
const author = { by: z.string().check(z.minLength(1), z.maxLength(200)), role: z.enum(ROLES) };

export const ChatMessage = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  text: z.string().check(z.minLength(1), z.maxLength(MAX_CHAT_CHARS)),
  ...author,
  at: timestamp,
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const REACTION_KINDS = ['strong', 'unclear', 'concern'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];
export const REACTION_BADGES: Record<ReactionKind, { emoji: string; label: string }> = {
  strong: { emoji: '👍', label: 'Strong' },
  unclear: { emoji: '🤔', label: 'Unclear' },
  concern: { emoji: '⚠', label: 'Concern' },
};

export const Reaction = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: z.enum(REACTION_KINDS),
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  questionIndex: z.number().check(z.int(), z.nonnegative()),
  /** The take the reaction refers to, when the guest had one (being recorded or kept). */
  recordingId: z.nullable(z.string().check(z.maxLength(200))),
  /** Milliseconds from the start of that recording, when it was being recorded at the time. */
  momentMs: z.nullable(z.number().check(z.int(), z.nonnegative())),
  ...author,
  at: timestamp,
});
export type Reaction = z.infer<typeof Reaction>;

export const MAX_RATING_NOTE_CHARS = 2000;

/** Every value a manual rating may take, lowest first: the live session's buttons and the dashboard's choices. */
export const RATING_SCALE = [0, 1, 2, 3, 4, 5] as const;

/**
 * A person's manual rating of one answer: 0–5 like the first-pass AI score (0: nothing of value), with an optional
 * note. The live session and the results dashboard write the same records; the AI's score is never touched.
 */
export const Rating = z.object({
  questionId: z.string().check(z.minLength(1), z.maxLength(200)),
  score: z.number().check(z.int(), z.gte(0), z.lte(5)),
  note: z.optional(z.string().check(z.maxLength(MAX_RATING_NOTE_CHARS))),
  ...author,
  at: timestamp,
});
export type Rating = z.infer<typeof Rating>;

export interface StaffAuthor {
  by: string;
  role: Role;
}

export type WriteResult<T> = { ok: true; record: T } | { ok: false; reason: string };

const chatArray = (doc: Y.Doc) => doc.getArray<unknown>('chat');
const reactionArray = (doc: Y.Doc) => doc.getArray<unknown>('reactions');
const ratingMap = (doc: Y.Doc) => doc.getMap<unknown>('ratings');

export function postChatMessage(doc: Y.Doc, text: string, from: StaffAuthor, now: number): WriteResult<ChatMessage> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'Write a message first.' };
  if (trimmed.length > MAX_CHAT_CHARS) return { ok: false, reason: `A message can be at most ${MAX_CHAT_CHARS} characters.` };
  const record: ChatMessage = { id: newRecordId('m', doc.clientID), text: trimmed, by: from.by, role: from.role, at: now };
  chatArray(doc).push([record]);
  return { ok: true, record };
}

/** Parsed once per change of the chat (read-cache.ts): shared by every caller, so read-only. */
export function readChat(doc: Y.Doc): readonly ChatMessage[] {
  const chat = chatArray(doc);
  return cachedRead(doc, 'chat', [chat], () => uniqueById(validRecords(ChatMessage, chat.toArray())));
}

/** readChat(doc).length, kept from each change's own messages (valid-id-count.ts) rather than read whole. */
export function countChat(doc: Y.Doc): number {
  return countValidIds(chatArray(doc), ChatMessage);
}

/** Where a reaction is pinned: a question, and the recording moment when the guest is recording it now. */
export interface ReactionAnchor {
  questionId: string;
  questionIndex: number;
  recordingId: string | null;
  momentMs: number | null;
}

/**
 * Pins a reaction to a question using the guest's published state. While that
 * question's answer is being recorded, the moment is the time recorded so far
 * (limit minus time left, so pauses and extra time are accounted for), as seen
 * with this device's clock: staff and guest clocks may differ by a little.
 */
export function reactionAnchor(state: StageState | null, questionId: string, questionIndex: number, now: number): ReactionAnchor {
  const anchor: ReactionAnchor = { questionId, questionIndex, recordingId: null, momentMs: null };
  if (!state) return anchor;
  const answer = state.answers.find((a) => a.questionId === questionId);
  if (!answer) return anchor;
  const timer = state.timer;
  const recordingNow =
    answer.status === 'recording' &&
    answer.activeRecordingId !== null &&
    timer !== null &&
    timer.purpose === 'answer-recording' &&
    timer.questionId === questionId;
  if (recordingNow) {
    const reference = timer.pausedAt ?? now;
    const left = Math.max(0, timer.deadline - reference);
    const elapsed = Math.min(timer.limitMs, Math.max(0, timer.limitMs - left));
    return { ...anchor, recordingId: answer.activeRecordingId, momentMs: Math.round(elapsed) };
  }
  return { ...anchor, recordingId: answer.recordingId };
}

export function addReaction(doc: Y.Doc, kind: ReactionKind, anchor: ReactionAnchor, from: StaffAuthor, now: number): WriteResult<Reaction> {
  const record: Reaction = { id: newRecordId('r', doc.clientID), kind, ...anchor, by: from.by, role: from.role, at: now };
  const parsed = Reaction.safeParse(record);
  if (!parsed.success) return { ok: false, reason: 'This reaction cannot be saved (no question to pin it to).' };
  reactionArray(doc).push([parsed.data]);
  return { ok: true, record: parsed.data };
}

/** Every reaction, or one question's: parsed once per change of the reactions (read-cache.ts), so read-only. */
export function readReactions(doc: Y.Doc, questionId?: string): readonly Reaction[] {
  const reactions = reactionArray(doc);
  const all = cachedRead(doc, 'reactions', [reactions], () => uniqueById(validRecords(Reaction, reactions.toArray())));
  return questionId === undefined ? all : cachedRead(doc, `reactions|${questionId}`, [reactions], () => all.filter((r) => r.questionId === questionId));
}

/** readReactions(doc).length, kept from each change's own reactions (valid-id-count.ts) rather than read whole. */
export function countReactions(doc: Y.Doc): number {
  return countValidIds(reactionArray(doc), Reaction);
}

export function raterKey(from: StaffAuthor): string {
  return `${from.role}:${from.by}`;
}

export function setRating(doc: Y.Doc, questionId: string, score: number, from: StaffAuthor, now: number, note?: string): WriteResult<Rating> {
  const trimmed = note?.trim();
  const parsed = Rating.safeParse({ questionId, score, ...(trimmed ? { note: trimmed } : {}), by: from.by, role: from.role, at: now });
  if (!parsed.success) {
    const reason = trimmed && trimmed.length > MAX_RATING_NOTE_CHARS ? `A note can be at most ${MAX_RATING_NOTE_CHARS} characters.` : 'A rating is a whole number from 0 to 5.';
    return { ok: false, reason };
  }
  ratingMap(doc).set(`${questionId}|${raterKey(from)}`, parsed.data);
  return { ok: true, record: parsed.data };
}

/** Every valid rating of every question (a key that does not match its record's author is left out). */
export function readAllRatings(doc: Y.Doc): Rating[] {
  const out: Rating[] = [];
  for (const [key, value] of ratingMap(doc).entries()) {
    const parsed = Rating.safeParse(value);
    if (parsed.success && key === `${parsed.data.questionId}|${raterKey(parsed.data)}`) out.push(parsed.data);
  }
  return out.sort((a, b) => (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : a.by.localeCompare(b.by)));
}

/** Every person's rating of one question, highest first. */
export function readRatings(doc: Y.Doc, questionId: string): Rating[] {
  const out: Rating[] = [];
  for (const [key, value] of ratingMap(doc).entries()) {
    if (!key.startsWith(`${questionId}|`)) continue;
    const parsed = Rating.safeParse(value);
    if (parsed.success && parsed.data.questionId === questionId && key === `${questionId}|${raterKey(parsed.data)}`) {
      out.push(parsed.data);
    }
  }
  return out.sort((a, b) => b.score - a.score || a.by.localeCompare(b.by));
}
