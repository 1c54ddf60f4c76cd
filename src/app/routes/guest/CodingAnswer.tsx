/**
 * A coding task in its plain form: the statement, signature and example tests, a code area starting from the
 * starter code, and a way to run the examples against the code before submitting it.
 */
import type { AnswerState } from '../../../domain/stage';
import type { PublicCoding } from '../../../domain/plan-split';
import { useDraft } from './DraftEditor';
import { RunExamples } from './RunExamples';
import { show } from '../../components/coding/TestVerdicts';
import { useFocusWhenLost } from './guest-hooks';

export function CodingAnswer({ interviewId, question, answer, locked, onSubmit }: { interviewId: string; question: PublicCoding; answer: AnswerState; locked: boolean; onSubmit: (code: string) => void }) {
  const [code, setCode, loaded] = useDraft(interviewId, question.id, answer.code ?? question.starterCode);
  const saved = answer.code;
  // Submitting disables the button that had the focus: the confirmation takes it (read out; Tab goes on to Next).
  const submittedMessage = useFocusWhenLost<HTMLSpanElement>(saved !== null, saved);
  return (
    <form
      className="coding-answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (code.trim()) onSubmit(code);
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
      <div className="field">
        <label htmlFor={`code-${question.id}`}>Your code</label>
        <textarea
          id={`code-${question.id}`}
          className="code-area"
          rows={14}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={code}
          disabled={locked || !loaded}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby={`code-hint-${question.id}`}
        />
        <span id={`code-hint-${question.id}`} className="hint">
          Tab moves to the next control; indent with spaces. Kept on this device as you type.
        </span>
      </div>
      {loaded && !locked && <RunExamples question={question} code={code} />}
      <div className="guest-actions">
        <button type="submit" disabled={locked || !code.trim() || code === saved}>
          {saved === null ? 'Submit code' : 'Submit changes'}
        </button>
        <span role="status" aria-live="polite" ref={submittedMessage} tabIndex={-1}>
          {saved !== null ? 'Code submitted.' : ''}
        </span>
      </div>
    </form>
  );
}
