/**
 * Staff watching a coding answer being written: the guest's code as it is typed (read-only editor following the
 * code document's edit log, with the guest's cursor), each "Run examples" result and submit, staff comments on a
 * line (staff document: the guest never receives them), and a playback of how the code came about.
 *
 * The comments of a long coding answer run to hundreds of up to 2,000 characters, and this panel draws again on every
 * keystroke of the guest's: the comments are parsed once per change of the staff document and drawn only where in
 * view (WindowedList), with their own search (find in page cannot reach the ones not drawn).
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { PublicCoding } from '../../../domain/plan-split';
import type { DocHandle } from '../../../sync/doc-connection';
import { followCode, readGuestCursor, readMoments } from '../../../sync/code-doc';
import { addCodeComment, readCodeComments } from '../../../sync/code-comments';
import type { StaffAuthor } from '../../../sync/staff-doc';
import type { CodeEditorHandle } from '../../components/coding/editor/code-editor';
import { useDocVersion } from '../../hooks/use-doc';
import { WindowedList, type WindowedListHandle } from '../../components/windowed-list/WindowedList';
import { matchingItems, normaliseQuery } from './chat-search';
import { keptListMemory, useKeptState } from './kept-state';
import { ListSearch } from './ListSearch';
import { CodePlayback } from './CodePlayback';
import '../../components/coding/coding.css';

/** Lines before `end` (counted without splitting: the code may be a 1 MB paste, and this runs on every edit). */
function countLines(text: string, end = text.length): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines += 1;
  return lines;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  return { line: countLines(text, position), column: position - (position === 0 ? -1 : text.lastIndexOf('\n', position - 1)) };
}

const clock = (at: number) => new Date(at).toLocaleTimeString();

/** A comment's height before any is measured: its line and three lines of text. */
const ESTIMATED_COMMENT_PX = 80;

export function LiveCodePanel({ code, staff, question, me }: { code: DocHandle; staff: DocHandle | null; question: PublicCoding; me: StaffAuthor }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditorHandle | null>(null);
  const [text, setText] = useState('');
  const [cursor, setCursor] = useState<{ line: number; column: number } | null>(null);
  const [editorError, setEditorError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  useDocVersion(code);
  const staffVersion = useDocVersion(staff);

  useEffect(() => {
    let alive = true;
    let stop = () => {};
    void code.whenLocal
      .then(() => import('../../components/coding/editor/code-editor'))
      .then(({ createCodeEditor }) => {
        if (!alive || !host.current) return;
        const view = createCodeEditor(host.current, { doc: '', language: question.language, readOnly: true, theme: 'light', fontSizePx: 14, labelledBy: `live-code-${question.id}-label` });
        editor.current = view;
        stop = followCode(code.doc, question.id, {
          reset: (t) => {
            view.setText(t);
            setText(t);
          },
          edit: (e) => {
            view.applyChanges(e.ops.map(([from, to, insert]) => ({ from, to, insert })));
            setText(view.text());
          },
        });
      })
      .catch((err: unknown) => alive && setEditorError(err instanceof Error ? err.message : String(err)));
    return () => {
      alive = false;
      stop();
      editor.current?.destroy();
      editor.current = null;
    };
  }, [code, question.id, question.language]);

  useEffect(() => {
    const awareness = code.awareness();
    const update = () => {
      const c = readGuestCursor(awareness, question.id);
      const current = editor.current?.text() ?? '';
      editor.current?.showRemoteCursor(c ? Math.min(c.head, current.length) : null);
      setCursor(c ? lineAndColumn(current, Math.min(c.head, current.length)) : null);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [code, question.id, text]);

  const moments = readMoments(code.doc).filter((m) => m.q === question.id);
  const comments = useMemo(() => (staff ? readCodeComments(staff.doc, question.id) : []), [staff, question.id, staffVersion]);
  const lineCount = countLines(text);
  return (
    <section className="card live-code" aria-labelledby={`live-code-${question.id}-label`} data-testid="live-code">
      <h2 id={`live-code-${question.id}-label`}>Guest’s code, live</h2>
      {editorError ? <p className="error">The code view could not load: {editorError}</p> : null}
      <div ref={host} className="code-editor" data-testid="live-code-view" />
      <pre hidden data-testid="live-code-text">{text}</pre>
      <p className="muted" data-testid="live-code-cursor">
        {cursor ? `Guest’s cursor: line ${cursor.line}, column ${cursor.column}` : 'The guest’s cursor is not in the code.'}
      </p>
      <h3>Runs and submits</h3>
      {moments.length === 0 ? (
        <p className="muted">No run or submit yet.</p>
      ) : (
        <ol className="code-moments" data-testid="code-moments">
          {moments.map((m, i) => (
            <li key={i} data-kind={m.kind}>
              {clock(m.at)} · {m.kind === 'submit' ? 'Submitted' : m.loadError ? `Ran the examples: the code could not run (${m.loadError})` : `Ran the examples: ${m.passed} of ${m.total} passed`}
            </li>
          ))}
        </ol>
      )}
      {staff && <LineComments staff={staff} questionId={question.id} code={text} lineCount={lineCount} defaultLine={cursor?.line ?? 1} me={me} comments={comments} />}
      <button type="button" className="secondary" aria-expanded={replaying} onClick={() => setReplaying(!replaying)}>
        {replaying ? 'Close the replay' : 'Replay how it was written'}
      </button>
      {replaying && <CodePlayback code={code} questionId={question.id} />}
    </section>
  );
}

function LineComments({ staff, questionId, code, lineCount, defaultLine, me, comments }: { staff: DocHandle; questionId: string; code: string; lineCount: number; defaultLine: number; me: StaffAuthor; comments: ReturnType<typeof readCodeComments> }) {
  // The comment being written, its line, the search and the list's place outlive the panel (kept-state.ts): another
  // question viewed and this one again loses none of them.
  const [line, setLine] = useKeptState(staff.doc, `comments.${questionId}.line`, '');
  const [draft, setDraft] = useKeptState(staff.doc, `comments.${questionId}.draft`, '');
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useKeptState(staff.doc, `comments.${questionId}.query`, '');
  const title = useId();
  const shown = matchingItems(comments, query, (c) => [c.text, c.by, c.lineText]);
  const list = useRef<WindowedListHandle>(null);
  // A comment just added is scrolled into view once drawn: the comments are in line order, so it may land anywhere.
  const added = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (added.current === null || !shown.some((c) => c.id === added.current)) return;
    list.current?.scrollToItem(added.current);
    added.current = null;
  }, [shown]);
  return (
    <div className="code-comments">
      <h3 id={title}>Comments on lines (staff only){comments.length > 0 ? ` (${comments.length})` : ''}</h3>
      {comments.length > 0 && (
        <ListSearch label="Search comments" value={query} onChange={setQuery} found={shown.length} total={comments.length} noun={['comment', 'comments']} testId="code-comment-search-status" />
      )}
      {shown.length > 0 && (
        <WindowedList
          key={query.trim().toLocaleLowerCase()}
          ref={list}
          items={shown}
          keyOf={(c) => c.id}
          startAt="start"
          estimateHeight={ESTIMATED_COMMENT_PX}
          memory={keptListMemory(staff.doc, `comments|${questionId}|${normaliseQuery(query)}`)}
          scrollerProps={{ className: 'code-comment-scroller', role: 'group', 'aria-labelledby': title, tabIndex: 0 }}
          listProps={{ className: 'code-comment-list', 'data-testid': 'code-comments', 'aria-labelledby': title }}
          renderItem={(c) => ({
            attributes: { 'data-comment-id': c.id },
            content: (
              <>
                <strong>Line {c.line}</strong> <code>{c.lineText}</code> — {c.text} <span className="muted">({c.by})</span>
              </>
            ),
          })}
        />
      )}
      <form
        className="code-comment-form"
        onSubmit={(e) => {
          e.preventDefault();
          const result = addCodeComment(staff.doc, { questionId, line: Number(line || defaultLine), code, text: draft }, me, Date.now());
          if (!result.ok) setProblem(result.reason);
          else {
            setProblem(null);
            setDraft('');
            setLine('');
            // One's own comment is shown at once, whatever was searched for.
            setQuery('');
            added.current = result.record.id;
          }
        }}
      >
        <label>
          Line <input type="number" min={1} max={lineCount} value={line} placeholder={String(defaultLine)} onChange={(e) => setLine(e.target.value)} />
        </label>
        <label>
          Comment <input type="text" value={draft} maxLength={2000} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit">Add comment</button>
        {problem && (
          <span className="error" role="alert">
            {problem}
          </span>
        )}
      </form>
    </div>
  );
}
