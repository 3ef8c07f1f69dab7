'use client';

import { useId, useState, type FormEvent } from 'react';
import { listItems } from '@/lib/call-state';
import { POLL_LIMITS, pollCreateSchema, type PollKind, type PublicCall } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';
import { useCommand } from '../client/use-command';

const controlClass =
  'mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';
const KINDS: { kind: PollKind; label: string }[] = [
  { kind: 'single', label: 'Single choice' },
  { kind: 'multiple', label: 'Multiple choice' },
  { kind: 'rating', label: 'Rating 1–5' },
  { kind: 'text', label: 'Open text' },
];

type Errors = Partial<Record<'question' | 'options' | 'maxChoices' | 'itemId', string>>;

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="mt-1 block text-xs font-normal text-red-700">
      {message}
    </span>
  ) : null;
}

/** Those who run polls: a poll is written as a draft, then opened from the list (or at once). */
export function PollCreateForm({ store, call, onDone }: { store: CallStore; call: PublicCall; onDone: () => void }) {
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState(['', '']);
  const [maxChoices, setMaxChoices] = useState('');
  const [itemId, setItemId] = useState('');
  const [showResults, setShowResults] = useState<'live' | 'closed'>('live');
  const [isNamed, setNamed] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const { error, isBusy, run } = useCommand();
  const ids = useId();
  const items = listItems(call);
  const isChoice = kind === 'single' || kind === 'multiple';

  async function save(thenOpen: boolean) {
    const parsed = pollCreateSchema.safeParse({
      question,
      kind,
      // Empty rows are left out rather than refused: one may add a row and not need it.
      options: isChoice ? options.filter((label) => label.trim() !== '') : [],
      maxChoices: kind === 'multiple' && maxChoices !== '' ? Number(maxChoices) : null,
      itemId: itemId || null,
      showResults,
      isNamed,
    });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'question' || field === 'options' || field === 'maxChoices' || field === 'itemId') && !found[field]) found[field] = issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    const created = await run(() => polls.create(store, parsed.data));
    if (!created.ok) return;
    if (thenOpen && !(await run(() => polls.open(store, created.data.poll.id))).ok) return;
    onDone();
  }

  const invalid = (field: keyof Errors) => ({ 'aria-invalid': Boolean(errors[field]), 'aria-describedby': errors[field] ? `${ids}-${field}-error` : undefined });

  return (
    <form
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        void save(false);
      }}
      aria-label="Create a poll"
      className="space-y-4 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200"
      noValidate
    >
      <label className="block text-sm font-medium text-slate-700">
        Question
        <input className={controlClass} value={question} maxLength={POLL_LIMITS.question} onChange={(event) => setQuestion(event.target.value)} {...invalid('question')} />
        <FieldError id={`${ids}-question-error`} message={errors.question} />
      </label>

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Kind</legend>
        <div className="mt-1 grid grid-cols-2 gap-1.5">
          {KINDS.map((each) => (
            <label key={each.kind} className="flex min-h-10 items-center gap-2 rounded-lg bg-white px-2 text-sm ring-1 ring-slate-200 has-checked:ring-indigo-500">
              <input type="radio" name={`${ids}-kind`} className="size-4 accent-indigo-600" checked={kind === each.kind} onChange={() => setKind(each.kind)} />
              {each.label}
            </label>
          ))}
        </div>
      </fieldset>

      {isChoice ? (
        <fieldset aria-describedby={errors.options ? `${ids}-options-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">Options</legend>
          <ol className="mt-1 space-y-1.5">
            {options.map((label, index) => (
              <li key={index} className="flex items-center gap-2">
                <input
                  className={`${controlClass} mt-0`}
                  aria-label={`Option ${index + 1}`}
                  value={label}
                  maxLength={POLL_LIMITS.option}
                  aria-invalid={Boolean(errors.options)}
                  onChange={(event) => setOptions(options.map((each, at) => (at === index ? event.target.value : each)))}
                />
                <Button variant="ghost" className="shrink-0 px-2" aria-label={`Remove option ${index + 1}`} disabled={options.length <= 2} onClick={() => setOptions(options.filter((_, at) => at !== index))}>
                  ✕
                </Button>
              </li>
            ))}
          </ol>
          <Button variant="secondary" className="mt-2" disabled={options.length >= POLL_LIMITS.options} onClick={() => setOptions([...options, ''])}>
            Add option
          </Button>
          <FieldError id={`${ids}-options-error`} message={errors.options} />
        </fieldset>
      ) : null}

      {kind === 'multiple' ? (
        <label className="block text-sm font-medium text-slate-700">
          At most (optional)
          <input type="number" min={1} max={POLL_LIMITS.options} inputMode="numeric" className={`${controlClass} max-w-32`} value={maxChoices} onChange={(event) => setMaxChoices(event.target.value)} {...invalid('maxChoices')} />
          <span className="mt-1 block text-xs font-normal text-slate-500">How many options one person may pick; empty for any number.</span>
          <FieldError id={`${ids}-maxChoices-error`} message={errors.maxChoices} />
        </label>
      ) : null}

      {items.length > 0 ? (
        <label className="block text-sm font-medium text-slate-700">
          Agenda item (optional)
          <select className={controlClass} value={itemId} onChange={(event) => setItemId(event.target.value)} {...invalid('itemId')}>
            <option value="">The whole call</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.sectionTitle}: {item.title}
              </option>
            ))}
          </select>
          <FieldError id={`${ids}-itemId-error`} message={errors.itemId} />
        </label>
      ) : null}

      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Results</legend>
        <div className="mt-1 space-y-1 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name={`${ids}-results`} className="size-4 accent-indigo-600" checked={showResults === 'live'} onChange={() => setShowResults('live')} />
            Everyone sees them live
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${ids}-results`} className="size-4 accent-indigo-600" checked={showResults === 'closed'} onChange={() => setShowResults('closed')} />
            Everyone sees them after closing
          </label>
        </div>
      </fieldset>

      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input type="checkbox" className="mt-0.5 size-4 accent-indigo-600" checked={isNamed} onChange={(event) => setNamed(event.target.checked)} />
        <span>
          Named poll
          <span className="block text-xs text-slate-500">Hosts and scribes see who chose what. Anonymous if unchecked.</span>
        </span>
      </label>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isBusy}>
          Save draft
        </Button>
        <Button variant="secondary" disabled={isBusy} onClick={() => void save(true)}>
          Save and open
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
