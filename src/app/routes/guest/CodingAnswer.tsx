/**
 * A coding task: the statement, signature and example tests, the code editor starting from the starter code (kept
 * on this device as the guest types), and a way to run the examples against the code before submitting it; a
 * failure's line is marked in the editor. The screen renders the code as last taken from the editor
 * (use-code-draft.ts), not on every keystroke; Submit and Run examples take it afresh.
 */
import type { AnswerState } from '../../../domain/stage';
import type { PublicCoding } from '../../../domain/plan-split';
import { useRef, useState } from 'react';
import { CodeEditorField, type CodeFieldHandle } from '../../components/coding/CodeEditorField';
import { useCodeDraft } from './use-code-draft';
import { useCodeLog } from './use-code-log';
import { RunExamples } from './RunExamples';
import { show } from '../../components/coding/TestVerdicts';
import { useFocusWhenLost } from './guest-hooks';

export interface CodingAnswerProps {
  interviewId: string;
  question: PublicCoding;
  answer: AnswerState;
  locked: boolean;
  onSubmit: (code: string) => void;
  /** The question's bar, docked over the bottom of the window: the editor keeps the line being typed above it. */
  dockedBelow: () => Element | null;
}

export function CodingAnswer({ interviewId, question, answer, locked, onSubmit, dockedBelow }: CodingAnswerProps) {
  const draft = useCodeDraft(interviewId, question.id, answer.code ?? question.starterCode);
  const { code, loaded } = draft;
  const saved = answer.code;
  const field = useRef<CodeFieldHandle>(null);
  const log = useCodeLog(question.id, draft.current, loaded);
  const [errors, setErrors] = useState<{ line: number; message: string }[]>([]);
  // Submitting disables the button that had the focus: the confirmation takes it (read out; Tab goes on to Next).
  const submittedMessage = useFocusWhenLost<HTMLSpanElement>(saved !== null, saved);
  return (
    <form
      className="coding-answer"
      onSubmit={(e) => {
        e.preventDefault();
        const now = draft.take();
        if (now.trim() && now !== saved) {
          onSubmit(now);
          log.submit();
        }
      }}
    >
      <p>
        Implement <code>{question.signature}</code> in {question.language === 'typescript' ? 'TypeScript' : 'JavaScript'}.
      </p>
      <h3>Examples</h3>
      <ul className="examples" data-testid="coding-examples">
        {question.exampleTests.map((t, i) => (
          <li key={i}>
            <code>
              {question.functionName}({t.args.map(show).join(', ')}) → {show(t.expected)}
            </code>
            {t.description ? <span className="hint">{t.description}</span> : null}
          </li>
        ))}
      </ul>
      {loaded ? (
        <CodeEditorField
          id={`code-${question.id}`}
          label="Your code"
          value={code}
          language={question.language}
          disabled={locked}
          onChange={(edit) => {
            draft.changed(edit.text);
            log.edit(edit);
          }}
          onSelection={log.cursor}
          errors={errors}
          hint="Kept on this device as you type."
          handle={field}
          dockedBelow={dockedBelow}
        />
      ) : (
        <p className="hint">Loading your code…</p>
      )}
      {loaded && !locked && <RunExamples question={question} code={code} takeCode={draft.take} onErrorLines={setErrors} onLine={(line) => field.current?.goToLine(line)} onRun={log.run} />}
      <div className="guest-actions">
        {/* While typing is not yet taken, the button stays usable: pressing it takes the code and checks it then. */}
        <button type="submit" disabled={locked || (!draft.pending && (!code.trim() || code === saved))}>
          {saved === null ? 'Submit code' : 'Submit changes'}
        </button>
        <span role="status" aria-live="polite" ref={submittedMessage} tabIndex={-1}>
          {saved !== null ? 'Code submitted.' : ''}
        </span>
      </div>
    </form>
  );
}
