/**
 * Edits one question of any kind. The draft is checked against the same schema
 * as the bank and the AI's output; errors appear next to the field they concern.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Question } from '../../domain/questions';
import { checkQuestionDraft, parseTestCasesText, type FieldErrors } from '../../domain/question-errors';

type Errors = FieldErrors;

function Field(props: { label: string; name: string; errors: Errors; children: (id: string, describedBy?: string) => React.ReactNode; hint?: string }) {
  const id = useId();
  const err = props.errors[props.name];
  const describedBy = [props.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {err && (
        <span id={`${id}-err`} className="error" role="alert">
          {err}
        </span>
      )}
    </div>
  );
}

export function QuestionEditor({ initial, onSave, onCancel }: { initial: Question; onSave: (q: Question) => void; onCancel: () => void }) {
  const [q, setQ] = useState<Question>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [exampleText, setExampleText] = useState(q.kind === 'coding' ? JSON.stringify(q.exampleTests, null, 1) : '');
  const [hiddenText, setHiddenText] = useState(q.kind === 'coding' ? JSON.stringify(q.hiddenTests, null, 1) : '');
  const set = (patch: Partial<Question>) => setQ((prev) => ({ ...prev, ...patch }) as Question);

  function submit(e: FormEvent) {
    e.preventDefault();
    let candidate: Question = q;
    const extra: Errors = {};
    if (q.kind === 'coding') {
      const ex = parseTestCasesText(exampleText, 'example');
      const hid = parseTestCasesText(hiddenText, 'hidden');
      if (typeof ex === 'string') extra.exampleTests = ex;
      if (typeof hid === 'string') extra.hiddenTests = hid;
      candidate = { ...q, exampleTests: typeof ex === 'string' ? [] : ex, hiddenTests: typeof hid === 'string' ? [] : hid };
    }
    // Words for the host beside each field (src/domain/question-errors.ts), never the schema's own messages.
    const checked = checkQuestionDraft(candidate as Question);
    const found = { ...(checked.ok ? {} : checked.errors), ...extra };
    setErrors(found);
    if (checked.ok && Object.keys(found).length === 0) onSave(checked.question);
  }

  const text = (name: string, label: string, value: string, onChange: (v: string) => void, rows = 0, hint?: string) => (
    <Field label={label} name={name} errors={errors} hint={hint}>
      {(id, describedBy) =>
        rows > 0 ? (
          <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={errors[name] ? true : undefined} />
        ) : (
          <input id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={errors[name] ? true : undefined} />
        )
      }
    </Field>
  );
  const num = (name: string, label: string, value: number, onChange: (v: number) => void, min: number, max: number) => (
    <Field label={label} name={name} errors={errors}>
      {(id, describedBy) => (
        <input id={id} type="number" min={min} max={max} value={Number.isNaN(value) ? '' : value} onChange={(e) => onChange(e.target.valueAsNumber)} aria-describedby={describedBy} />
      )}
    </Field>
  );

  return (
    <form className="question-editor" onSubmit={submit} aria-label="Edit question">
      {q.kind !== 'coding' && text('prompt', 'Question', q.prompt, (v) => set({ prompt: v }), 3)}
      {q.kind === 'spoken' && (
        <>
          {text('referenceAnswer', 'Reference answer', q.referenceAnswer, (v) => set({ referenceAnswer: v }), 4)}
          {text(
            'keyConcepts',
            'Key concepts',
            q.keyConcepts.join('\n'),
            (v) => set({ keyConcepts: v.split('\n').map((s) => s.trim()).filter(Boolean) }),
            4,
            'One per line: what a good answer mentions. First-pass scoring checks transcripts against these.',
          )}
        </>
      )}
      {q.kind === 'mcq' && (
        <fieldset className="field">
          <legend>Options (select the correct one)</legend>
          {q.options.map((opt, i) => (
            <div className="option-row" key={i}>
              <input type="radio" name="correct" aria-label={`Option ${i + 1} is correct`} checked={q.correctIndex === i} onChange={() => set({ correctIndex: i })} />
              <input
                aria-label={`Option ${i + 1}`}
                value={opt}
                onChange={(e) => set({ options: q.options.map((o, j) => (j === i ? e.target.value : o)) })}
              />
            </div>
          ))}
          {errors.options && (
            <span className="error" role="alert">
              {errors.options}
            </span>
          )}
        </fieldset>
      )}
      {q.kind === 'mcq' && text('explanation', 'Explanation', q.explanation, (v) => set({ explanation: v }), 2)}
      {q.kind === 'coding' && (
        <>
          {text('title', 'Title', q.title, (v) => set({ title: v }))}
          {text('statement', 'Statement', q.statement, (v) => set({ statement: v }), 4)}
          {text('functionName', 'Function name', q.functionName, (v) => set({ functionName: v }))}
          {text('signature', 'Signature', q.signature, (v) => set({ signature: v }))}
          {text('starterCode', 'Starter code', q.starterCode, (v) => set({ starterCode: v }), 4)}
          {text('referenceSolution', 'Reference solution (JavaScript)', q.referenceSolution, (v) => set({ referenceSolution: v }), 5)}
          {text('exampleTests', 'Example tests (JSON, shown to the guest)', exampleText, setExampleText, 4)}
          {text('hiddenTests', 'Hidden tests (JSON)', hiddenText, setHiddenText, 4)}
        </>
      )}
      <div className="row">
        {num('timeLimitSec', 'Time limit (seconds)', q.timeLimitSec, (v) => set({ timeLimitSec: v }), 10, 3600)}
        {num('difficulty', 'Difficulty (1–5)', q.difficulty, (v) => set({ difficulty: v }), 1, 5)}
      </div>
      {errors.form && <p className="error">{errors.form}</p>}
      <div className="row">
        <button type="submit">Save question</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
