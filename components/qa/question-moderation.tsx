'use client';

import { useId, useState, type FormEvent } from 'react';
import { QUESTION_LIMITS, type Ack, type PublicQuestion } from '@/lib/protocol';
import { Button } from '../ui/button';
import { Field, TextArea, TextInput } from '../ui/field';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as questions from '../client/questions.commands';
import { questionTextId } from './question-card';
import { useCommand } from '../client/use-command';

type Mode = 'tools' | 'answer' | 'edit' | 'merge';

/** Host and allowed scribes: what can be done with one question, given its state. */
export function QuestionModeration({
  store,
  question,
  mergeTargets,
  canEdit,
  answererName,
}: {
  store: CallStore;
  question: PublicQuestion;
  mergeTargets: PublicQuestion[];
  canEdit: boolean;
  answererName: string;
}) {
  const [mode, setMode] = useState<Mode>('tools');
  const { error, isBusy, run } = useCommand();
  const ids = useId();
  const questionId = question.id;
  const describedBy = questionTextId(question);

  async function submit(event: FormEvent<HTMLFormElement>, action: (form: FormData) => Promise<Ack<unknown>>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await run(() => action(form));
    if (response.ok) setMode('tools');
  }
  const value = (form: FormData, name: string) => String(form.get(name) ?? '');
  const cancel = (
    <Button variant="ghost" onClick={() => setMode('tools')}>
      Cancel
    </Button>
  );

  if (mode === 'answer') {
    return (
      <form className="mt-3 space-y-2" aria-label="Answer the question" onSubmit={(event) => submit(event, (form) => questions.answer(store, questionId, value(form, 'answer'), value(form, 'answeredBy')))}>
        <Field label="Answer">
          <TextArea name="answer" maxLength={QUESTION_LIMITS.answer} defaultValue={question.answer} autoFocus />
        </Field>
        <Field label="Answered by">
          <TextInput name="answeredBy" maxLength={80} defaultValue={question.answeredBy || answererName} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" disabled={isBusy}>
            Save answer
          </Button>
          {cancel}
        </div>
        <ErrorMessage message={error} />
      </form>
    );
  }
  if (mode === 'edit') {
    return (
      <form className="mt-3 space-y-2" aria-label="Edit the question" onSubmit={(event) => submit(event, (form) => questions.edit(store, questionId, value(form, 'text')))}>
        <Field label="Question text">
          <TextArea name="text" required maxLength={QUESTION_LIMITS.text} defaultValue={question.text} autoFocus />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" disabled={isBusy}>
            Save
          </Button>
          {cancel}
        </div>
        <ErrorMessage message={error} />
      </form>
    );
  }
  if (mode === 'merge') {
    return (
      <form className="mt-3 space-y-2" aria-label="Merge the question" onSubmit={(event) => submit(event, (form) => questions.merge(store, questionId, value(form, 'into')))}>
        <label htmlFor={`${ids}-into`} className="block text-sm font-medium text-slate-700">
          Merge this duplicate into
        </label>
        <select id={`${ids}-into`} name="into" required className="mt-1 block w-full rounded-lg bg-white px-3 py-2 ring-1 ring-slate-300" autoFocus>
          {mergeTargets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.text.length > 90 ? `${target.text.slice(0, 89)}…` : target.text}
            </option>
          ))}
        </select>
        <p className="text-xs text-slate-500">Its votes move over; someone who voted for both counts once.</p>
        <div className="flex gap-2">
          <Button type="submit" disabled={isBusy}>
            Merge
          </Button>
          {cancel}
        </div>
        <ErrorMessage message={error} />
      </form>
    );
  }

  const { state } = question;
  const act = (command: typeof questions.approve) => run(() => command(store, questionId));
  const tool = (label: string, onClick: () => void, variant: 'secondary' | 'danger' | 'primary' = 'secondary') => (
    <Button variant={variant} className="min-h-9 px-3 py-1" disabled={isBusy} aria-describedby={describedBy} onClick={onClick}>
      {label}
    </Button>
  );
  return (
    <div className="mt-3">
      <div role="group" aria-label="Moderate" className="flex flex-wrap gap-2">
        {state === 'pending' ? tool('Approve', () => void act(questions.approve), 'primary') : null}
        {state === 'open' || state === 'answered' ? tool('Pin as answering now', () => void act(questions.pin)) : null}
        {state !== 'dismissed' ? tool(state === 'answered' ? 'Edit answer' : 'Answer', () => setMode('answer')) : null}
        {canEdit && state !== 'dismissed' ? tool('Edit text', () => setMode('edit')) : null}
        {state !== 'dismissed' && mergeTargets.length > 0 ? tool('Merge into…', () => setMode('merge')) : null}
        {state === 'dismissed' || state === 'answered' ? tool(state === 'answered' ? 'Reopen' : 'Restore', () => void act(questions.restore)) : null}
        {state !== 'dismissed' ? tool('Dismiss', () => void act(questions.dismiss), 'danger') : null}
      </div>
      <ErrorMessage message={error} />
    </div>
  );
}
