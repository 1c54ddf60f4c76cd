/**
 * A code field: the CodeMirror editor (editor/code-editor.ts, imported on first use so it is never in the guest's
 * first load), with a theme and text size the person picks, and the keyboard hint. Until the editor has loaded, the
 * code shows read-only in a plain text area; if it cannot load at all, that text area becomes the editor, so typing
 * never depends on it.
 */
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { flushSync } from 'react-dom';
import type { CodeEditorHandle, EditorChange, EditorTheme, TextChange } from './editor/code-editor';
import './coding.css';

export interface CodeFieldHandle {
  goToLine(line: number): void;
}

/** A change of the field's text. */
export interface CodeFieldEdit {
  /** The whole text after it: read only when needed (a 10,000-line text is not copied per keystroke). */
  text(): string;
  /** The changes themselves, when the editor made them (null from the plain text area, which reports whole texts). */
  changes: TextChange[] | null;
  selection: { anchor: number; head: number } | null;
}

export interface CodeEditorFieldProps {
  id: string;
  label: string;
  /**
   * The text to show. Typing does not wait for it to come back: a value equal to what the field last reported
   * (through an edit's `text()`) leaves the editor as it is, and any other value replaces the editor's text.
   */
  value: string;
  language: 'typescript' | 'javascript';
  disabled?: boolean;
  /** Every change of the text. */
  onChange(edit: CodeFieldEdit): void;
  onSelection?(selection: { anchor: number; head: number }): void;
  /** Lines where the last run failed, marked in the editor. */
  errors?: readonly { line: number; message: string }[];
  hint?: string;
  handle?: Ref<CodeFieldHandle>;
  /** What is docked over the bottom of the window (the guest's question bar): the cursor is kept above it. */
  dockedBelow?: () => Element | null;
}

const PREFS_KEY = 'interq:code-editor';
/** How many reported texts a value may echo (the screen takes the text after the typing, never many edits back). */
const RECENT_EMITTED = 4;
const FONT_SIZES = [12, 14, 16, 18, 20, 24] as const;

interface EditorPrefs {
  theme: EditorTheme;
  fontSizePx: number;
}

function loadPrefs(): EditorPrefs {
  const fallback: EditorPrefs = { theme: globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light', fontSizePx: 14 };
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? 'null') as Partial<EditorPrefs> | null;
    return {
      theme: saved?.theme === 'dark' || saved?.theme === 'light' ? saved.theme : fallback.theme,
      fontSizePx: FONT_SIZES.includes(saved?.fontSizePx as (typeof FONT_SIZES)[number]) ? saved!.fontSizePx! : fallback.fontSizePx,
    };
  } catch {
    return fallback;
  }
}

export function CodeEditorField({ id, label, value, language, disabled = false, onChange, onSelection, errors = [], hint, handle, dockedBelow }: CodeEditorFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditorHandle | null>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [loadError, setLoadError] = useState('');
  const [prefs, setPrefs] = useState(loadPrefs);
  // The texts the field last reported (read through an edit's text(), newest last), so a value that merely echoes
  // the typing, even one a keystroke behind, is not written back into it (that would undo the keystroke).
  const emitted = useRef<string[]>([value]);
  const emit = (text: string) => {
    emitted.current = [...emitted.current.slice(-(RECENT_EMITTED - 1)), text];
  };
  // The plain text area's own copy: it must follow each keystroke, and the screen's value may be taken later.
  const [plain, setPlain] = useState(value);
  const callbacks = useRef({ onChange, onSelection, dockedBelow });
  callbacks.current = { onChange, onSelection, dockedBelow };

  useEffect(() => {
    let alive = true;
    void import('./editor/code-editor')
      .then(({ createCodeEditor }) => {
        if (!alive || !host.current) return;
        editor.current = createCodeEditor(host.current, {
          doc: emitted.current.at(-1) ?? '',
          language,
          readOnly: disabled,
          theme: prefs.theme,
          fontSizePx: prefs.fontSizePx,
          labelledBy: `${id}-label`,
          describedBy: `${id}-hint`,
          onChange: (change: EditorChange) => {
            let text: string | null = null;
            const read = () => {
              if (text === null) {
                text = change.text();
                emit(text);
              }
              return text;
            };
            callbacks.current.onChange({ text: read, changes: change.changes, selection: change.selection });
          },
          onSelection: (selection) => callbacks.current.onSelection?.(selection),
          dockedBelow: () => callbacks.current.dockedBelow?.() ?? null,
        });
        // In the same task as the editor's creation: rendered later, the field held the loading text area and the
        // (hidden) editor side by side for a moment, two "Your code" fields for anything that looked then.
        flushSync(() => setPhase('ready'));
      })
      .catch((err: unknown) => {
        if (!alive) return;
        setLoadError(err instanceof Error ? err.message : String(err));
        setPhase('failed');
      });
    return () => {
      alive = false;
      editor.current?.destroy();
      editor.current = null;
    };
    // The editor is made once per field; later changes of the other props go through its handle below.
  }, [id, language]);

  useEffect(() => {
    if (emitted.current.includes(value)) return;
    emitted.current = [value];
    setPlain(value);
    editor.current?.setText(value);
  }, [value, phase]);
  useEffect(() => editor.current?.setReadOnly(disabled), [disabled, phase]);
  useEffect(() => editor.current?.showErrors(errors), [errors, phase]);
  useEffect(() => {
    editor.current?.setTheme(prefs.theme);
    editor.current?.setFontSize(prefs.fontSizePx);
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, [prefs, phase]);

  useImperativeHandle(handle, () => ({
    goToLine: (line) => {
      if (editor.current) editor.current.goToLine(line);
      else document.getElementById(`${id}-fallback`)?.focus();
    },
  }));

  const sizeIndex = FONT_SIZES.indexOf(prefs.fontSizePx as (typeof FONT_SIZES)[number]);
  return (
    <div className="field code-field" data-testid="code-field" data-editor={phase}>
      <div className="code-field-head">
        <label id={`${id}-label`} htmlFor={phase === 'ready' ? undefined : `${id}-fallback`}>
          {label}
        </label>
        <div className="code-field-tools" role="group" aria-label="Editor display">
          <label>
            Theme{' '}
            <select value={prefs.theme} onChange={(e) => setPrefs({ ...prefs, theme: e.target.value === 'dark' ? 'dark' : 'light' })}>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <button type="button" className="secondary" aria-label="Smaller text" disabled={sizeIndex <= 0} onClick={() => setPrefs({ ...prefs, fontSizePx: FONT_SIZES[sizeIndex - 1] ?? prefs.fontSizePx })}>
            A−
          </button>
          <span aria-live="polite">{prefs.fontSizePx} px</span>
          <button type="button" className="secondary" aria-label="Larger text" disabled={sizeIndex >= FONT_SIZES.length - 1} onClick={() => setPrefs({ ...prefs, fontSizePx: FONT_SIZES[sizeIndex + 1] ?? prefs.fontSizePx })}>
            A+
          </button>
        </div>
      </div>
      <div ref={host} className={`code-editor code-editor-${prefs.theme}`} hidden={phase !== 'ready'} />
      {phase !== 'ready' && (
        <textarea
          id={`${id}-fallback`}
          className="code-area"
          rows={14}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          style={{ fontSize: `${prefs.fontSizePx}px` }}
          value={plain}
          readOnly={phase === 'loading'}
          disabled={disabled}
          onChange={(e) => {
            const text = e.target.value;
            emit(text);
            setPlain(text);
            onChange({ text: () => text, changes: null, selection: null });
          }}
          aria-describedby={`${id}-hint`}
        />
      )}
      <span id={`${id}-hint`} className="hint">
        {phase === 'failed'
          ? `The code editor could not load (${loadError}); this plain text area works instead (Tab moves to the next control). `
          : phase === 'loading'
            ? 'Loading the code editor… '
            : 'Tab indents; to leave the editor with the keyboard, press Escape, then Tab. Ctrl+F searches. '}
        {hint}
      </span>
    </div>
  );
}
