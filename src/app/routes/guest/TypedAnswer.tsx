/** A spoken question answered by typing (accommodation, or recording declined). */
import type { AnswerState } from '../../../domain/stage';
import { useDraft } from './DraftEditor';

export function TypedAnswer({ interviewId, answer, locked, onSubmit }: { interviewId: string; answer: AnswerState; locked: boolean; onSubmit: (text: string) => void }) {
  const [text, setText, loaded] = useDraft(interviewId, answer.questionId, answer.text ?? '');
  const saved = answer.text;
  // Unavailable, not disabled, once submitted: the focus stays on the button while "Answer submitted." is read out.
  const unavailable = locked || !text.trim() || text === saved;
  return (
    <form
      className="typed-answer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!unavailable) onSubmit(text);
      }}
    >
      <div className="field">
        <label htmlFor={`typed-${answer.questionId}`}>Your answer</label>
        <textarea id={`typed-${answer.questionId}`} rows={8} value={text} disabled={locked || !loaded} onChange={(e) => setText(e.target.value)} />
        <span className="hint">Kept on this device as you type.</span>
      </div>
      <div className="guest-actions">
        <button type="submit" aria-disabled={unavailable || undefined}>
          {saved === null ? 'Submit answer' : 'Update answer'}
        </button>
        <span role="status" aria-live="polite">
          {saved !== null ? 'Answer submitted.' : ''}
        </span>
      </div>
    </form>
  );
}
