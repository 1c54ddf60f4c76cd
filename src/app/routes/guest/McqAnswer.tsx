/** A multiple-choice answer: native radios (arrow keys move, Space selects), numbers 1–4 as shortcuts, Save to submit. */
import { useState, type KeyboardEvent } from 'react';
import type { AnswerState } from '../../../domain/stage';
import type { PublicMcq } from '../../../domain/plan-split';
import { useFocusWhenLost } from './guest-hooks';

const LETTERS = 'ABCDEFGH';

export function McqAnswer({ question, answer, locked, onAnswer }: { question: PublicMcq; answer: AnswerState; locked: boolean; onAnswer: (choice: number) => void }) {
  const [choice, setChoice] = useState<number | null>(answer.mcqChoice);
  const saved = answer.mcqChoice;
  // Saving disables the button that had the focus: the saved message takes it (read out; Tab goes on to Next).
  const savedMessage = useFocusWhenLost<HTMLSpanElement>(saved !== null, saved);
  const onKey = (e: KeyboardEvent<HTMLFieldSetElement>) => {
    const n = Number(e.key);
    if (!locked && Number.isInteger(n) && n >= 1 && n <= question.options.length) {
      setChoice(n - 1);
      e.preventDefault();
    }
  };
  return (
    <form
      className="mcq"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== null) onAnswer(choice);
      }}
    >
      <fieldset className="field" disabled={locked} onKeyDown={onKey}>
        <legend>Choose one answer (keys 1–{question.options.length} also choose)</legend>
        {question.options.map((option, i) => (
          <label key={i} className={`radio mcq-option${choice === i ? ' mcq-chosen' : ''}`}>
            <input type="radio" name={`mcq-${question.id}`} value={i} checked={choice === i} onChange={() => setChoice(i)} />
            <span className="mcq-letter" aria-hidden="true">
              {LETTERS[i]}
            </span>
            {option}
          </label>
        ))}
      </fieldset>
      <div className="guest-actions">
        <button type="submit" disabled={locked || choice === null || choice === saved}>
          {saved === null ? 'Save answer' : 'Change answer'}
        </button>
        <span role="status" aria-live="polite" data-testid="mcq-saved" ref={savedMessage} tabIndex={-1}>
          {saved !== null ? `Answer ${LETTERS[saved]} saved.` : ''}
        </span>
      </div>
    </form>
  );
}
