/**
 * The guest reads the on-device transcript of an answer and flags passages that
 * are wrong: a whole sentence with its button, or any words by selecting them.
 * Flags are stored with the answer's transcript (src/guest/transcripts.ts); the
 * recording stays the reference.
 */
import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { addTranscriptFlag, loadTranscript, removeTranscriptFlag, sentencesOf, type AnswerTranscript } from '../../../guest/transcripts';
import { publishTranscriptFlags } from '../../../guest/transcript-flag-sync';
import { useLive } from '../../hooks/use-live';

function pieces(text: string, flags: AnswerTranscript['flags']): Array<{ text: string; flagged: boolean; start: number }> {
  const cuts = new Set<number>([0, text.length]);
  for (const f of flags) {
    cuts.add(Math.min(f.start, text.length));
    cuts.add(Math.min(f.end, text.length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ text: string; flagged: boolean; start: number }> = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const a = points[i]!;
    const b = points[i + 1]!;
    if (b <= a) continue;
    out.push({ text: text.slice(a, b), start: a, flagged: flags.some((f) => f.start <= a && f.end >= b) });
  }
  return out;
}

/** Character offset of a DOM position inside `root`, counting only text. */
function textOffset(root: Node, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType !== Node.TEXT_NODE) {
    // A position between children: count the text before that child.
    const before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(node, offset);
    return before.toString().length;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let count = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return count + offset;
    count += n.textContent?.length ?? 0;
  }
  return null;
}

/** `headingSeen` false keeps the heading for screen readers only, where a disclosure's summary already names it. */
export function TranscriptCheck({
  recordingId,
  stageDoc,
  heading = 'Transcript of your answer',
  headingSeen = true,
}: {
  recordingId: string;
  stageDoc: Y.Doc | null;
  heading?: string;
  headingSeen?: boolean;
}) {
  const transcript = useLive(() => loadTranscript(recordingId), [recordingId]);
  const textRef = useRef<HTMLParagraphElement | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!transcript) return null;

  // Stored with the answer first, then shared with staff through the stage document.
  const share = (t: AnswerTranscript | null) => {
    if (t && stageDoc) publishTranscriptFlags(stageDoc, t);
  };
  const unflag = async (id: string) => share(await removeTranscriptFlag(recordingId, id));
  const flagRange = async (start: number, end: number) => {
    try {
      share(await addTranscriptFlag(recordingId, { start, end }));
      setMessage(`Flagged: “${transcript.text.slice(start, end).trim()}”.`);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };
  const flagSelection = () => {
    const root = textRef.current;
    const sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) {
      setMessage('Select some words of the transcript first, then press the button.');
      return;
    }
    const range = sel.getRangeAt(0);
    const a = textOffset(root, range.startContainer, range.startOffset);
    const b = textOffset(root, range.endContainer, range.endOffset);
    if (a === null || b === null) {
      setMessage('Select words inside the transcript.');
      return;
    }
    void flagRange(Math.min(a, b), Math.max(a, b));
  };
  const sentences = sentencesOf(transcript.text);
  const flagFor = (s: { start: number; end: number }) => transcript.flags.find((f) => f.start === s.start && f.end === s.end);

  return (
    <section className="transcript-check" aria-labelledby={`tr-${recordingId}`} data-testid="transcript-check" data-flags={transcript.flags.length}>
      <h3 id={`tr-${recordingId}`} className={headingSeen ? undefined : 'sr-only'}>
        {heading}
      </h3>
      <p className="hint">Made on your device from your recording. If a passage is wrong, flag it; your recording stays the reference.</p>
      <p className="transcript-text" ref={textRef} data-testid="transcript-text">
        {pieces(transcript.text, transcript.flags).map((p) =>
          p.flagged ? (
            <mark key={p.start} className="transcript-flagged">
              {p.text}
            </mark>
          ) : (
            <span key={p.start}>{p.text}</span>
          ),
        )}
      </p>
      <button type="button" className="secondary" onClick={flagSelection}>
        Flag selected words as wrong
      </button>
      {sentences.length > 1 && (
        <details className="transcript-sentences">
          <summary>Flag a whole sentence</summary>
          <ol>
            {sentences.map((s, i) => {
              const flag = flagFor(s);
              return (
                <li key={s.start}>
                  <span>{s.text}</span>{' '}
                  <button
                    type="button"
                    className="secondary small"
                    aria-pressed={!!flag}
                    aria-label={`${flag ? 'Unflag' : 'Flag as wrong'}: sentence ${i + 1}`}
                    onClick={() => (flag ? void unflag(flag.id) : void flagRange(s.start, s.end))}
                  >
                    {flag ? 'Unflag' : 'Flag as wrong'}
                  </button>
                </li>
              );
            })}
          </ol>
        </details>
      )}
      {transcript.flags.length > 0 && (
        <>
          <h4>Flagged as wrong</h4>
          <ul className="transcript-flags" data-testid="transcript-flags">
            {transcript.flags.map((f) => (
              <li key={f.id}>
                “{f.quote.trim()}”{' '}
                <button type="button" className="secondary small" onClick={() => void unflag(f.id)} aria-label={`Remove flag: ${f.quote.trim()}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p role="status" aria-live="polite" className="hint">
        {message}
      </p>
    </section>
  );
}
