/**
 * The code editor (CodeMirror 6) behind a small imperative handle, so React screens never touch CodeMirror itself.
 * Loaded with import() on first use of a coding question (CodeEditorField.tsx): CodeMirror is about 140 KB gzip and
 * the guest's first load never needs it. The service worker precaches its chunk like every other script, so a
 * coding question opened offline still gets the editor.
 *
 * Keyboard: Tab and Shift-Tab indent inside the editor (indentWithTab); pressing Escape first makes the next Tab
 * leave the editor (CodeMirror's tab-focus mode, for two seconds), which the page says beside it.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, foldGutter, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorSelection, EditorState, StateEffect, StateField, type Extension, type Transaction, type TransactionSpec } from '@codemirror/state';
import { color as oneDarkColor, oneDarkHighlightStyle, oneDarkTheme } from '@codemirror/theme-one-dark';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, ViewPlugin, WidgetType, type DecorationSet } from '@codemirror/view';

export type EditorTheme = 'light' | 'dark';

/** One change of the text, in positions of the text before it (CodeMirror's ChangeSet, flattened). */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

export interface EditorChange {
  /** The whole text after the change (computed only when asked: a 1 MB text is not copied per keystroke). */
  text(): string;
  changes: TextChange[];
  /** The cursor after the change. */
  selection: { anchor: number; head: number };
}

export interface CodeEditorOptions {
  doc: string;
  language: 'typescript' | 'javascript';
  readOnly?: boolean;
  theme: EditorTheme;
  fontSizePx: number;
  /** Ids of the elements that name and describe the editor (its label, the keyboard hint). */
  labelledBy?: string;
  describedBy?: string;
  /** Called after every change of the text made in this editor (typing, paste, undo). */
  onChange?: (change: EditorChange) => void;
  /** Called when only the cursor or selection moved. */
  onSelection?: (selection: { anchor: number; head: number }) => void;
  /**
   * What covers the bottom of the window while docked there (position: fixed), such as the guest's question bar:
   * the cursor is scrolled into view above it rather than under it.
   */
  dockedBelow?: () => Element | null;
}

export interface CodeEditorHandle {
  setTheme(theme: EditorTheme): void;
  setFontSize(px: number): void;
  setReadOnly(readOnly: boolean): void;
  /** Marks lines where a run failed (1-based; lines past the end are marked on the last line). */
  showErrors(errors: readonly { line: number; message: string }[]): void;
  /** Puts the cursor at the start of a line, scrolls it into view and focuses the editor. */
  goToLine(line: number): void;
  /** Applies changes made elsewhere (a read-only view following someone's typing); does not call onChange. */
  applyChanges(changes: readonly TextChange[]): void;
  /** Replaces the whole text (does not call onChange). */
  setText(text: string): void;
  /** Shows someone else's cursor (staff following the guest) at a position; null hides it. */
  showRemoteCursor(position: number | null): void;
  text(): string;
  focus(): void;
  destroy(): void;
}

/** Inserted text past which a change applied out of sight gets a fresh view state (see `remote` below). */
const FRESH_VIEW_AFTER_CHARS = 20_000;

function insertedChars(tr: Transaction): number {
  let n = 0;
  tr.changes.iterChanges((_fromA, _toA, _fromB, _toB, inserted) => {
    n += inserted.length;
  });
  return n;
}

const setRemoteCursor = StateEffect.define<number | null>();
class RemoteCursorWidget extends WidgetType {
  toDOM(): HTMLElement {
    const mark = document.createElement('span');
    mark.className = 'cm-remote-cursor';
    mark.setAttribute('aria-hidden', 'true');
    return mark;
  }
}
/** The followed person's cursor, moved along with the edits that arrive before its next position does. */
const remoteCursor = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setRemoteCursor)) continue;
      next = e.value === null ? Decoration.none : Decoration.set([Decoration.widget({ widget: new RemoteCursorWidget(), side: 1 }).range(Math.min(e.value, tr.state.doc.length))]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * The line numbers' column has room for two digits from the start (CodeMirror sizes it for the largest number, plus
 * its 8 px of padding): the tenth line, typed or pasted, no longer widens it and pushes the code 5 px sideways.
 */
const fontTheme = (px: number) =>
  EditorView.theme({
    '&': { fontSize: `${px}px` },
    '.cm-content, .cm-gutters': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
    '.cm-lineNumbers .cm-gutterElement': { minWidth: 'calc(2ch + 8px)' },
  });
/**
 * CodeMirror's default colours, those under WCAG AA's 4.5:1 made darker. Against white, the active line's tint and
 * the selection (#d7d4f0 focused, #d9d9d9 not): its orange (regular expressions, escapes) 3.8 on white, 2.7 selected
 * -> 4.7; its green (type names) 4.5 / 3.1 -> 4.6; its red (invalid code) 4.0 / 2.8 -> 4.6. code-editor-phone.spec.ts
 * measures selected code in both themes.
 */
const LIGHT_DARKER: Record<string, string> = { '#085': '#006a42', '#e40': '#a93000', '#f00': '#bd0000' };
const lightTheme: Extension = [
  EditorView.theme({ '&': { backgroundColor: '#fff', color: '#0f172a' }, '.cm-gutters': { backgroundColor: '#f8fafc', color: '#475569' } }, { dark: false }),
  syntaxHighlighting(HighlightStyle.define(defaultHighlightStyle.specs.map((spec) => (spec.color && LIGHT_DARKER[spec.color] ? { ...spec, color: LIGHT_DARKER[spec.color] } : spec)))),
];
/**
 * One Dark with the colours that fall short of WCAG AA's 4.5:1 for text made lighter. Against its background
 * (#282c34), the active line's (#2b313d) and the active line's gutter (#2c313a): its grey (line numbers, the fold
 * and lint markers drawn in the gutter's colour, comments) 3.9 / 3.6 / 3.6 -> 5.4 / 5.0 / 5.0; its coral (names,
 * properties) 4.4 / 4.1 -> 5.0 / 4.6; its violet (keywords) 4.8 / 4.4 -> 5.1 / 4.7. accessibility.spec.ts audits the
 * dark theme with two-digit line numbers: axe leaves a one-character text it finds too faint for a person to review,
 * and fails longer ones.
 */
const DARK_GREY = '#98a1b2';
const DARK_LIGHTER: Record<string, string> = { [oneDarkColor.stone]: DARK_GREY, [oneDarkColor.coral]: '#e67a82', [oneDarkColor.violet]: '#ca7fe0' };
/**
 * Selected text's background. One Dark's (#3e4451) is lighter than its background, which took most colours of the code
 * under 4.5:1 on it (coral 3.5, violet 3.5, grey 3.8, orange 4.0, blue and cyan 4.1; plain text 4.6). A
 * deep blue as dark as the background keeps each at least 4.6:1, on the active line's tint too, and still stands out
 * from the background by its hue (further from it in RGB than One Dark's grey was). code-editor-phone.spec.ts measures it.
 */
const DARK_SELECTION = '#142569';
/**
 * The highlights drawn behind code. One Dark's are light tints over its background: coral went to 2.5:1 on a search
 * match (#72a1ff59), 3.5:1 on the current one (#6199ff2f), 3.6:1 on the selected word's other places (#aafe661a)
 * and 2.4:1 on a matching bracket (#bad0f847). These are opaque and as dark as the background, told apart
 * by their hue (amber for a search, brown for its current match, green for the word's places, blue for a bracket) and,
 * for a search, an outline of at least 3:1 against the background: every colour of code stays at least 4.7:1 on each,
 * on the active line's tint too. code-editor-phone.spec.ts measures them.
 */
const DARK_HIGHLIGHTS = {
  '.cm-searchMatch': { backgroundColor: '#3a2a00', outline: '1px solid #a0803f' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: '#4a2000', outline: '1px solid #e5c07b' },
  '.cm-selectionMatch': { backgroundColor: '#17361a' },
  '.cm-searchMatch .cm-selectionMatch': { backgroundColor: 'transparent' },
  '&.cm-focused .cm-matchingBracket, &.cm-focused .cm-nonmatchingBracket': { backgroundColor: '#0f2c44' },
};
const darkTheme: Extension = [
  // Before One Dark's theme: of two themes' equal rules, the earlier extension's wins (its styles are mounted later).
  EditorView.theme(
    {
      '.cm-gutters': { color: DARK_GREY },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': { backgroundColor: DARK_SELECTION },
      ...DARK_HIGHLIGHTS,
    },
    { dark: true },
  ),
  oneDarkTheme,
  syntaxHighlighting(HighlightStyle.define(oneDarkHighlightStyle.specs.map((spec) => (spec.color && DARK_LIGHTER[spec.color] ? { ...spec, color: DARK_LIGHTER[spec.color] } : spec)))),
];
const themeFor = (theme: EditorTheme): Extension => (theme === 'dark' ? darkTheme : lightTheme);

/**
 * The fold gutter's marker, its symbol drawn by CSS in the gutter's colour: as a text node, a lone symbol is
 * something axe cannot measure the contrast of, and it listed one on every coding screen as a serious item to review.
 */
function foldMarker(open: boolean): HTMLElement {
  const marker = document.createElement('span');
  marker.className = 'cm-fold-marker';
  marker.dataset.mark = open ? '⌄' : '›';
  marker.title = open ? 'Fold line' : 'Unfold line';
  return marker;
}
const foldMarkerTheme = EditorView.theme({ '.cm-fold-marker::before': { content: 'attr(data-mark)' } });

export function createCodeEditor(parent: HTMLElement, options: CodeEditorOptions): CodeEditorHandle {
  const theme = new Compartment();
  const font = new Compartment();
  const readOnly = new Compartment();
  // Changes applied from outside must not be reported back as the user's.
  let applyingRemote = false;
  const attributes: Record<string, string> = { spellcheck: 'false', autocapitalize: 'off', autocorrect: 'off' };
  if (options.labelledBy) attributes['aria-labelledby'] = options.labelledBy;
  if (options.describedBy) attributes['aria-describedby'] = options.describedBy;

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter({ markerDOM: foldMarker }),
        foldMarkerTheme,
        lintGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ activateOnTyping: false }),
        highlightActiveLine(),
        highlightSelectionMatches(),
        search({ top: true }),
        EditorState.tabSize.of(2),
        remoteCursor,
        EditorView.theme({ '.cm-remote-cursor': { borderLeft: '2px solid #b91c1c', marginLeft: '-1px', position: 'relative' } }),
        javascript({ typescript: options.language === 'typescript' }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of(attributes),
        theme.of(themeFor(options.theme)),
        font.of(fontTheme(options.fontSizePx)),
        readOnly.of(readOnlyExtension(options.readOnly ?? false)),
        options.dockedBelow ? keepCursorAbove(options.dockedBelow) : [],
        measureAsItScrollsIntoView,
        EditorView.updateListener.of((update) => {
          if (applyingRemote) return;
          if (update.docChanged && options.onChange) {
            const changes: TextChange[] = [];
            update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => changes.push({ from: fromA, to: toA, insert: inserted.toString() }));
            const state = update.state;
            const main = state.selection.main;
            options.onChange({ text: () => state.doc.toString(), changes, selection: { anchor: main.anchor, head: main.head } });
          } else if (update.selectionSet && options.onSelection) {
            const main = update.state.selection.main;
            options.onSelection({ anchor: main.anchor, head: main.head });
          }
        }),
      ],
    }),
  });

  const lineStart = (line: number) => view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  const remote = (spec: TransactionSpec) => {
    applyingRemote = true;
    try {
      const tr = view.state.update(spec);
      // Out of sight (a staff member scrolled away from the guest's code), CodeMirror does not measure, and keeps
      // its viewport mapped through each change: a large insert is then drawn whole, every line of it, and each
      // later change lays all of them out again (a 1 MB paste took seconds per record on the staff page). A fresh
      // view state draws only the start; it keeps the state's fields and settings, and the view is read-only there.
      if (!view.inView && !view.hasFocus && insertedChars(tr) > FRESH_VIEW_AFTER_CHARS) view.setState(tr.state);
      else view.dispatch(tr);
    } finally {
      applyingRemote = false;
    }
  };

  return {
    setTheme: (t) => view.dispatch({ effects: theme.reconfigure(themeFor(t)) }),
    setFontSize: (px) => view.dispatch({ effects: font.reconfigure(fontTheme(px)) }),
    setReadOnly: (ro) => view.dispatch({ effects: readOnly.reconfigure(readOnlyExtension(ro)) }),
    showErrors(errors) {
      const diagnostics: Diagnostic[] = errors.map((e) => {
        const line = lineStart(e.line);
        return { from: line.from, to: line.to, severity: 'error', message: e.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(line) {
      const target = lineStart(line);
      view.dispatch({ selection: EditorSelection.cursor(target.from), effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
      // An Escape pressed just before (to leave the editor for Run examples) must not make the next Tab leave again.
      view.setTabFocusMode(false);
      view.focus();
    },
    applyChanges: (changes) => remote({ changes: changes.map((c) => ({ from: c.from, to: c.to, insert: c.insert })) }),
    setText: (text) => remote({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    showRemoteCursor: (position) => view.dispatch({ effects: setRemoteCursor.of(position) }),
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

/**
 * CodeMirror scrolls the cursor into view within the window's bounds; a bar docked over the window's bottom hid the
 * line being typed at the end of the code. Told that the bar covers the window from its top down, the editor keeps
 * the cursor above it (scrolling itself or the page). A bar in the page's flow (a short window) covers nothing.
 */
function keepCursorAbove(bar: () => Element | null): Extension {
  return EditorView.coveredMargins.of(() => {
    const element = bar();
    if (!element || getComputedStyle(element).position !== 'fixed') return null;
    return { bottom: element.getBoundingClientRect().top, elt: element };
  });
}

/**
 * CodeMirror measures nothing while it is out of the window: an editor made below the fold (a coding question on a
 * 320x568 phone starts 4 px under it) keeps its first guess of a line's height, 14 px, where its lines are 20. It
 * learns it came into view from an IntersectionObserver, whose report comes after the frame is painted, so the first
 * frame that shows it has its line numbers at 14 px steps beside 20 px lines, and the next one moves them (and,
 * with a paste there, every new line's number). A scroll event comes before the frame's animation callbacks, where a
 * measure asked for from it then runs: the editor is measured before the frame that first shows it is painted.
 */
const measureAsItScrollsIntoView = ViewPlugin.fromClass(
  class {
    constructor(readonly view: EditorView) {
      this.check = this.check.bind(this);
      window.addEventListener('scroll', this.check, { capture: true, passive: true });
      window.addEventListener('resize', this.check, { passive: true });
    }
    check(): void {
      if (this.view.inView) return;
      const rect = this.view.dom.getBoundingClientRect();
      if (rect.bottom > 0 && rect.top < window.innerHeight && rect.right > 0 && rect.left < window.innerWidth) this.view.requestMeasure();
    }
    destroy(): void {
      window.removeEventListener('scroll', this.check, { capture: true });
      window.removeEventListener('resize', this.check);
    }
  },
);

function readOnlyExtension(ro: boolean): Extension {
  // A read-only view is not contenteditable, so nothing in its scroll area would take the focus:
  // keyboard users could not scroll the staff's copy of the code (axe scrollable-region-focusable).
  const focusable = ro ? [EditorView.contentAttributes.of({ tabindex: '0' })] : [];
  return [EditorState.readOnly.of(ro), EditorView.editable.of(!ro), ...focusable];
}
