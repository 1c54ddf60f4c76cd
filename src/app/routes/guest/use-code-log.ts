/**
 * Writes the guest's typing to the code document (src/sync/code-doc.ts) for staff to watch and replay: every
 * editor transaction as one edit, the cursor (at most every 100 ms), each run's result and each submit. Until the
 * document's local copy has loaded, nothing is written; then one edit brings the log to what the editor shows (the
 * saved draft after a reload), so the log always ends at the guest's code.
 */
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';
import type { Judgement } from '../../../domain/coding/judge';
import type { CodeFieldEdit } from '../../components/coding/CodeEditorField';
import type { DocHandle } from '../../../sync/doc-connection';
import { appendEdit, appendMoment, publishCursor, reconcileLog } from '../../../sync/code-doc';
import { utf8Bytes } from '../../../domain/coding/code-history';

/** The code document of the guest's interview (opened by GuestEntry when the plan has a coding question). */
export const GuestCodeDocContext = createContext<DocHandle | null>(null);

const CURSOR_EVERY_MS = 100;
/**
 * Edit text (UTF-8) the log takes while the document is not synced. All of it goes to the server when the connection
 * returns (in parts when it is over a message, src/sync/chunked-sync.ts); this keeps that catch-up short on a slow
 * link: past this the log waits, and once synced one catch-up edit (split into small records) brings it to the
 * guest's code, so nothing typed is lost (the draft itself is always saved on the device).
 */
const UNSYNCED_LOG_BYTES = 1024 * 1024;

export interface CodeLog {
  edit(edit: CodeFieldEdit): void;
  cursor(selection: { anchor: number; head: number }): void;
  run(code: string, judgement: Judgement): void;
  submit(): void;
}

/** `code` reads the guest's code as it stands (whole: called only to catch the log up, never per keystroke). */
export function useCodeLog(questionId: string, code: () => string, loaded: boolean): CodeLog {
  const handle = useContext(GuestCodeDocContext);
  const latest = useRef(code);
  latest.current = code;
  const ready = useRef(false);
  const cursorTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingCursor = useRef<{ anchor: number; head: number } | null>(null);
  const unsyncedBytes = useRef(0);
  const waiting = useRef(false);

  useEffect(() => {
    if (!handle) return;
    return handle.onStatus((status) => {
      if (status.state !== 'synced') return;
      unsyncedBytes.current = 0;
      if (waiting.current && ready.current) {
        waiting.current = false;
        reconcileLog(handle.doc, questionId, latest.current(), Date.now());
      }
    });
  }, [handle, questionId]);

  useEffect(() => {
    ready.current = false;
    if (!handle || !loaded) return;
    let alive = true;
    void handle.whenLocal.then(() => {
      if (!alive) return;
      reconcileLog(handle.doc, questionId, latest.current(), Date.now());
      ready.current = true;
    });
    return () => {
      alive = false;
      ready.current = false;
      if (cursorTimer.current) clearTimeout(cursorTimer.current);
      cursorTimer.current = null;
    };
  }, [handle, questionId, loaded]);

  const cursor = useCallback(
    (selection: { anchor: number; head: number }) => {
      if (!handle) return;
      pendingCursor.current = selection;
      if (cursorTimer.current) return;
      cursorTimer.current = setTimeout(() => {
        cursorTimer.current = null;
        if (pendingCursor.current) publishCursor(handle.awareness(), { q: questionId, ...pendingCursor.current });
      }, CURSOR_EVERY_MS);
    },
    [handle, questionId],
  );

  return {
    edit(edit) {
      if (!handle || !ready.current) return;
      const { changes, selection } = edit;
      if (handle.status().state !== 'synced') {
        unsyncedBytes.current += changes ? changes.reduce((n, c) => n + utf8Bytes(c.insert) + 16, 0) : utf8Bytes(edit.text());
        if (unsyncedBytes.current > UNSYNCED_LOG_BYTES) waiting.current = true;
        if (waiting.current) return;
      }
      // The plain text area (the editor could not load) reports whole texts: the log takes the difference.
      if (!changes) reconcileLog(handle.doc, questionId, edit.text(), Date.now());
      else {
        appendEdit(handle.doc, { q: questionId, at: Date.now(), ops: changes.map((c) => [c.from, c.to, c.insert] as const) });
        if (selection) cursor(selection);
      }
    },
    cursor,
    run(source, judgement) {
      if (!handle) return;
      appendMoment(handle.doc, { kind: 'run', q: questionId, at: Date.now(), passed: judgement.passed, total: judgement.total, loadError: judgement.loadError?.slice(0, 1000) ?? null });
      void source;
    },
    submit() {
      if (handle) appendMoment(handle.doc, { kind: 'submit', q: questionId, at: Date.now() });
    },
  };
}
