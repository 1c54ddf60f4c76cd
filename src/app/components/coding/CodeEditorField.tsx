/**
 * A code field: the CodeMirror editor (editor/code-editor.ts, imported on first use so it is never in the guest's
 * first load), with a theme and text size the person picks, and the keyboard hint. Until the editor has loaded, the
 * code shows read-only in a plain text area; if it cannot load at all, that text area becomes the editor, so typing
 * never depends on it.
 */
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { CodeEditorHandle, EditorChange, EditorTheme, TextChange } from './editor/code-editor';
import './coding.css';

export interface CodeFieldHandle {
  goToLine(line: number): void;
}

export interface CodeEditorFieldProps {
  id: string;
  label: string;
  value: string;
  language: 'typescript' | 'javascript';
  disabled?: boolean;
  /** Every change of the text, with the changes themselves when the editor made them (null from the fallback). */
  onChange(text: string, change: { changes: TextChange[]; selection: { anchor: number; head: number } } | null): void;
  onSelection?(selection: { anchor: number; head: number }): void;
  /** Lines where the last run failed, marked in the editor. */
  errors?: readonly { line: number; message: string }[];
  hint?: string;
  handle?: Ref<CodeFieldHandle>;
}

const PREFS_KEY = 'interq:code-editor';
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

export function CodeEditorField({ id, label, value, language, disabled = false, onChange, onSelection, errors = [], hint, handle }: CodeEditorFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<CodeEditorHandle | null>(null);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [loadError, setLoadError] = useState('');
  const [prefs, setPrefs] = useState(loadPrefs);
  // What the editor last reported, so a value that merely echoes the typing is not written back into it.
  const lastEmitted = useRef(value);
  const callbacks = useRef({ onChange, onSelection });
  callbacks.current = { onChange, onSelection };

  useEffect(() => {
    let alive = true;
    void import('./editor/code-editor')
      .then(({ createCodeEditor }) => {
        if (!alive || !host.current) return;
        editor.current = createCodeEditor(host.current, {
          doc: lastEmitted.current,
          language,
          readOnly: disabled,
          theme: prefs.theme,
          fontSizePx: prefs.fontSizePx,
          labelledBy: `${id}-label`,
          describedBy: `${id}-hint`,
          onChange: (change: EditorChange) => {
            const text = change.text();
            lastEmitted.current = text;
            callbacks.current.onChange(text, { changes: change.changes, selection: change.selection });
          },
          onSelection: (selection) => callbacks.current.onSelection?.(selection),
        });
        setPhase('ready');
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
    if (!editor.current || value === lastEmitted.current) return;
    lastEmitted.current = value;
    editor.current.setText(value);
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
          value={value}
          readOnly={phase === 'loading'}
          disabled={disabled}
          onChange={(e) => {
            lastEmitted.current = e.target.value;
            onChange(e.target.value, null);
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
