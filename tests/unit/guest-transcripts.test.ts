/** Transcripts and the guest's "this passage is wrong" flags, stored with the answer's recording (fake-indexeddb). */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InterqDatabase } from '../../src/storage/db';
import * as Y from 'yjs';
import { publishTranscriptFlags, readTranscriptFlags } from '../../src/guest/transcript-flag-sync';
import { addTranscriptFlag, loadTranscript, removeTranscriptFlag, saveTranscript, sentencesOf, TranscriptFlagError, transcriptKey } from '../../src/guest/transcripts';

const opened: InterqDatabase[] = [];
function freshDb(): InterqDatabase {
  const db = new InterqDatabase(`guest-transcripts-${opened.length}-${Date.now()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const TEXT = 'A cache keeps data close.  It must be invalidated!  Otherwise readers see stale data';
const ids = { recordingId: 'rec-1', interviewId: 'iv', questionId: 'q1' };

describe('sentencesOf', () => {
  it('finds sentences with their exact offsets, including a last one without a full stop', () => {
    const s = sentencesOf(TEXT);
    expect(s.map((x) => x.text)).toEqual(['A cache keeps data close.', 'It must be invalidated!', 'Otherwise readers see stale data']);
    for (const x of s) expect(TEXT.slice(x.start, x.end)).toBe(x.text);
    expect(sentencesOf('   ')).toEqual([]);
  });
});

describe('transcript flags', () => {
  it('stores a transcript under transcript:<recordingId> with segments derived from sentences', async () => {
    const db = freshDb();
    const t = await saveTranscript({ ...ids, text: TEXT, source: 'whisper-tiny.en' }, db, 5);
    expect(t.segments).toHaveLength(3);
    expect((await db.kv.get(transcriptKey('rec-1')))?.value).toEqual(t);
    expect(await loadTranscript('missing', db)).toBeNull();
  });

  it('flags a passage once, keeps the quoted words, and removes it again', async () => {
    const db = freshDb();
    await saveTranscript({ ...ids, text: TEXT }, db);
    const [, second] = sentencesOf(TEXT);
    const flagged = await addTranscriptFlag('rec-1', { start: second!.start, end: second!.end, note: ' said "validated" ' }, db, 9);
    expect(flagged.flags).toEqual([{ id: expect.stringMatching(/^flag-/), start: second!.start, end: second!.end, quote: 'It must be invalidated!', note: 'said "validated"', at: 9 }]);
    const again = await addTranscriptFlag('rec-1', { start: second!.start, end: second!.end }, db);
    expect(again.flags).toHaveLength(1);
    const removed = await removeTranscriptFlag('rec-1', flagged.flags[0]!.id, db);
    expect(removed?.flags).toEqual([]);
    expect((await loadTranscript('rec-1', db))?.flags).toEqual([]);
  });

  it('refuses an empty selection and a missing transcript with a clear error', async () => {
    const db = freshDb();
    await expect(addTranscriptFlag('rec-1', { start: 0, end: 3 }, db)).rejects.toBeInstanceOf(TranscriptFlagError);
    await saveTranscript({ ...ids, text: TEXT }, db);
    await expect(addTranscriptFlag('rec-1', { start: 25, end: 27 }, db)).rejects.toThrow('Select some words');
    await expect(addTranscriptFlag('rec-1', { start: 10, end: 5 }, db)).rejects.toThrow('Select some words');
  });

  it('keeps flags across a re-transcription only where they still point at the same words', async () => {
    const db = freshDb();
    await saveTranscript({ ...ids, text: TEXT }, db);
    await addTranscriptFlag('rec-1', { start: 0, end: 7 }, db); // "A cache"
    await addTranscriptFlag('rec-1', { start: 28, end: 50 }, db);
    const redone = await saveTranscript({ ...ids, text: 'A cache keeps data near. Something else entirely here.' }, db);
    expect(redone.flags.map((f) => f.quote)).toEqual(['A cache']);
  });
});

describe('sharing flags with staff', () => {
  it('publishes the take’s flags to the stage document and reads them back validated', async () => {
    const db = freshDb();
    await saveTranscript({ ...ids, text: TEXT }, db);
    const t = await addTranscriptFlag('rec-1', { start: 0, end: 7 }, db);
    const doc = new Y.Doc();
    expect(readTranscriptFlags(doc, 'rec-1')).toBeNull();
    publishTranscriptFlags(doc, t, 42);
    expect(readTranscriptFlags(doc, 'rec-1')).toEqual({ recordingId: 'rec-1', questionId: 'q1', flags: t.flags, at: 42 });
    doc.getMap('transcriptFlags').set('rec-2', { recordingId: 'rec-2', flags: 'nope' });
    expect(readTranscriptFlags(doc, 'rec-2')).toBeNull();
  });
});
