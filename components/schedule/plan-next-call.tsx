'use client';

import { useState, type FormEvent } from 'react';
import type { PublicQuestion } from '@/lib/protocol';
import { isOpenState } from '@/lib/questions';
import { describeError, NETWORK_ERROR_MESSAGE, planNextCall } from '../client/http';
import { Button } from '../ui/button';
import { Field, TextInput } from '../ui/field';
import { ErrorMessage, Panel } from '../ui/panel';

async function requestNextCall(
  slug: string,
  hostKey: string,
  startsAt: string,
  carryOverQuestions: boolean,
): Promise<{ hostUrl: string } | { error: string }> {
  // datetime-local may carry seconds; the API takes minutes.
  const result = await planNextCall(slug, { key: hostKey, carryOverQuestions, ...(startsAt ? { startsAt: startsAt.slice(0, 16) } : {}) });
  if (result.ok) return { hostUrl: result.data.hostUrl };
  const { error } = result;
  if (error.code === 'network') return { error: NETWORK_ERROR_MESSAGE };
  if (error.code === 'bad_response') return { error: `The next call could not be planned (the server answered ${error.status}).` };
  return { error: describeError(error) };
}

/** Host only: creates the next call of the series from this one's agenda and opens its host view. */
export function PlanNextCall({
  slug,
  hostKey,
  questions = [],
  isDateAnnounced = true,
}: {
  slug: string;
  hostKey: string;
  questions?: PublicQuestion[];
  /** Whether this call has a date: without one there is no rhythm to follow, so an empty date stays to be announced. */
  isDateAnnounced?: boolean;
}) {
  const [startsAt, setStartsAt] = useState('');
  const [carryOver, setCarryOver] = useState(true);
  const unansweredCount = questions.filter((question) => isOpenState(question.state)).length;
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await requestNextCall(slug, hostKey, startsAt, carryOver && unansweredCount > 0);
    if ('hostUrl' in result) {
      const target = new URL(result.hostUrl);
      window.location.assign(`${target.pathname}${target.hash}`);
      return;
    }
    setError(result.error);
    setBusy(false);
  }

  return (
    <Panel title="Next call">
      <form onSubmit={submit} className="space-y-3">
        <p className="text-sm text-slate-600">Creates the next call of this series with a copy of this agenda and its links.</p>
        <Field
          label="Date and time (optional)"
          hint={
            isDateAnnounced
              ? "In this call's timezone. Leave empty to keep the series' rhythm (every two weeks by default)."
              : "In this call's timezone. Leave empty if the date is to be announced."
          }
        >
          <TextInput type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} />
        </Field>
        {unansweredCount > 0 ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4" checked={carryOver} onChange={(event) => setCarryOver(event.target.checked)} />
            Carry over {unansweredCount} unanswered {unansweredCount === 1 ? 'question' : 'questions'}
          </label>
        ) : null}
        <Button type="submit" className="w-full" disabled={isBusy}>
          {isBusy ? 'Planning…' : 'Plan the next call'}
        </Button>
        <ErrorMessage message={error} />
      </form>
    </Panel>
  );
}
