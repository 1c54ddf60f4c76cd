/**
 * Answer recordings a host's or interviewer's device fetched to listen to, kept in Cache Storage so a second
 * listen (or one offline) needs no download. Keys are same-origin paths no server route answers; the bytes were
 * checked against the guest's SHA-256 before they were stored. Deleting an interview forgets them.
 */
const CACHE = 'interq-answer-audio';
const PREFIX = '/__answer-audio/';

function keyOf(interviewId: string, recordingId: string): string {
  return `${PREFIX}${encodeURIComponent(interviewId)}/${encodeURIComponent(recordingId)}`;
}

function available(): boolean {
  return typeof caches !== 'undefined';
}

export async function cachedAnswerAudio(interviewId: string, recordingId: string): Promise<Blob | null> {
  if (!available()) return null;
  const hit = await (await caches.open(CACHE)).match(keyOf(interviewId, recordingId));
  return hit ? hit.blob() : null;
}

export async function cacheAnswerAudio(interviewId: string, recordingId: string, audio: Blob): Promise<void> {
  if (!available()) return;
  const headers = { 'Content-Type': audio.type || 'application/octet-stream', 'Content-Length': String(audio.size) };
  await (await caches.open(CACHE)).put(keyOf(interviewId, recordingId), new Response(audio, { headers }));
}

/** Removes every cached recording of one interview; returns how many there were. */
export async function forgetCachedAnswerAudio(interviewId: string): Promise<number> {
  if (!available()) return 0;
  const cache = await caches.open(CACHE);
  const prefix = `${PREFIX}${encodeURIComponent(interviewId)}/`;
  const mine = (await cache.keys()).filter((req) => new URL(req.url).pathname.startsWith(prefix));
  await Promise.all(mine.map((req) => cache.delete(req)));
  return mine.length;
}
