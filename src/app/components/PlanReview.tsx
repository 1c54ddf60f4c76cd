/**
 * The host's review of a plan before guests get it: reorder, edit, regenerate,
 * delete and add questions, then publish. Every change is saved on this device
 * at once.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { InterviewPlan } from '../../domain/interview';
import type { Question, QuestionKind } from '../../domain/questions';
import { addQuestion, moveQuestion, removeQuestion, replaceQuestion } from '../../domain/plan-edits';
import { blankQuestion } from '../../domain/question-templates';
import { describeMix, mixOfPlan, regenerableKinds, regenerateQuestion } from '../../domain/planning';
import { QuestionEditor } from './QuestionEditor';
import { ensureQuestionBank } from '../../api/bank-client';
import { hostCredential } from '../../auth/credentials';

export const KIND_LABEL: Record<QuestionKind, string> = { spoken: 'Spoken', mcq: 'Multiple choice', coding: 'Coding' };
const SOURCE_LABEL = { llm: 'AI', bank: 'Bank', host: 'You' } as const;
const NONE_REGENERABLE: Record<QuestionKind, boolean> = { spoken: false, mcq: false, coding: false };

export function questionTitle(q: Question): string {
  return q.kind === 'coding' ? q.title : q.prompt;
}

interface Props {
  plan: InterviewPlan;
  onChange: (plan: InterviewPlan) => void;
  onPublish: () => void;
  onDiscard?: () => void;
  publishLabel: string;
}

export function PlanReview({ plan, onChange, onPublish, onDiscard, publishLabel }: Props) {
  const [editing, setEditing] = useState<{ index: number; question: Question } | null>(null);
  const [addKind, setAddKind] = useState<QuestionKind>('spoken');
  const [message, setMessage] = useState<string | null>(null);
  const addId = useId();
  const bankHintId = useId();
  const { archetype, depth, durationMin, seed } = plan.meta;
  const req = { archetype, depth, durationMin, seed };
  // Regenerate draws from this device's copy of the bank (not part of the app: it holds the answer keys).
  const [bankError, setBankError] = useState<string | null>(null);
  const [bankReady, setBankReady] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => ensureQuestionBank((await hostCredential())?.token ?? null))().then(
      () => live && setBankReady(true),
      (err: unknown) => live && setBankError((err as Error).message),
    );
    return () => {
      live = false;
    };
  }, []);
  // Which kinds the bank can still offer another question of; Regenerate is disabled for the others.
  const regenerable = useMemo(() => {
    if (!bankReady) return NONE_REGENERABLE;
    try {
      return regenerableKinds({ archetype, depth, durationMin, seed }, plan.questions);
    } catch {
      return NONE_REGENERABLE; // a plan for an archetype or depth this bank does not know
    }
  }, [archetype, depth, durationMin, seed, plan.questions, bankReady]);

  const move = (i: number, to: number) => {
    onChange(moveQuestion(plan, i, to));
    setMessage(`Moved question ${i + 1} to position ${to + 1}.`);
    // Keep focus on the moved item's same button so keyboard users can keep moving it.
    requestAnimationFrame(() => document.getElementById(`q-${to}-${to < i ? 'up' : 'down'}`)?.focus());
  };

  function regenerate(i: number) {
    try {
      const q = regenerateQuestion(req, plan.questions, i, Date.now() % 2 ** 31);
      onChange(replaceQuestion(plan, i, q));
      setMessage(`Question ${i + 1} replaced with another from the bank.`);
    } catch (err) {
      setMessage((err as Error).message);
    }
  }

  function saveEdit(q: Question) {
    if (!editing) return;
    const edited: Question = { ...q, source: q.source === 'host' ? 'host' : q.source };
    onChange(editing.index >= plan.questions.length ? addQuestion(plan, edited) : replaceQuestion(plan, editing.index, edited));
    setMessage(editing.index >= plan.questions.length ? 'Question added.' : `Question ${editing.index + 1} saved.`);
    setEditing(null);
  }

  const mix = mixOfPlan(plan.questions);
  return (
    <section className="card" aria-labelledby="review-title">
      <div className="title-row">
        <h2 id="review-title">Review questions</h2>
        <span className="muted" data-testid="plan-mix">
          {describeMix(mix)}
        </span>
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {message}
      </p>
      {!bankReady && (
        <p id={bankHintId} className={bankError ? 'notice' : 'hint'} data-testid="bank-status">
          {bankError ?? 'Loading the question bank for Regenerate…'}
        </p>
      )}
      {plan.questions.length === 0 && <p className="empty">No questions. Add one below.</p>}
      <ol className="review-list">
        {plan.questions.map((q, i) => (
          <li key={q.id} data-testid="review-item" data-kind={q.kind}>
            {editing?.index === i ? (
              <QuestionEditor initial={editing.question} onSave={saveEdit} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <div className="review-head">
                  <span className="tag">{KIND_LABEL[q.kind]}</span>
                  <span className={`tag source-${q.source}`} title="Who wrote this question">
                    {SOURCE_LABEL[q.source]}
                  </span>
                  <span className="review-text">{questionTitle(q)}</span>
                </div>
                <div className="review-actions" role="group" aria-label={`Question ${i + 1} actions`}>
                  <button id={`q-${i}-up`} type="button" className="secondary" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move question ${i + 1} up`}>
                    ↑
                  </button>
                  <button
                    id={`q-${i}-down`}
                    type="button"
                    className="secondary"
                    disabled={i === plan.questions.length - 1}
                    onClick={() => move(i, i + 1)}
                    aria-label={`Move question ${i + 1} down`}
                  >
                    ↓
                  </button>
                  <button type="button" className="secondary" onClick={() => setEditing({ index: i, question: q })} aria-label={`Edit question ${i + 1}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={!regenerable[q.kind]}
                    onClick={() => regenerate(i)}
                    aria-label={`Regenerate question ${i + 1}`}
                    aria-describedby={regenerable[q.kind] ? undefined : bankReady ? `q-${i}-regen-hint` : bankHintId}
                  >
                    Regenerate
                  </button>
                  <button
                    type="button"
                    className="secondary danger"
                    onClick={() => {
                      onChange(removeQuestion(plan, i));
                      setMessage(`Question ${i + 1} deleted.`);
                    }}
                    aria-label={`Delete question ${i + 1}`}
                  >
                    Delete
                  </button>
                  {bankReady && !regenerable[q.kind] && (
                    // Said up front rather than after a click: a disabled button cannot explain itself.
                    <span id={`q-${i}-regen-hint`} className="hint" data-testid="regenerate-unavailable">
                      Every {KIND_LABEL[q.kind].toLowerCase()} question in the built-in bank for this role and depth is already in the plan: edit this
                      one or add your own.
                    </span>
                  )}

                </div>
              </>
            )}
          </li>
        ))}
        {editing && editing.index >= plan.questions.length && (
          <li>
            <QuestionEditor initial={editing.question} onSave={saveEdit} onCancel={() => setEditing(null)} />
          </li>
        )}
      </ol>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={addId}>New question type</label>
          <select id={addId} value={addKind} onChange={(e) => setAddKind(e.target.value as QuestionKind)}>
            <option value="spoken">Spoken</option>
            <option value="mcq">Multiple choice</option>
            <option value="coding">Coding</option>
          </select>
        </div>
        <button
          type="button"
          className="secondary"
          onClick={() => setEditing({ index: plan.questions.length, question: blankQuestion(addKind, plan.meta, `host-${Date.now().toString(36)}`) })}
        >
          Add question
        </button>
      </div>
      <div className="row publish-row">
        <button type="button" onClick={onPublish} disabled={plan.questions.length === 0 || editing !== null}>
          {publishLabel}
        </button>
        {onDiscard && (
          <button type="button" className="secondary" onClick={onDiscard}>
            Discard changes
          </button>
        )}
      </div>
    </section>
  );
}
