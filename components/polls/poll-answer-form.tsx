'use client';

import { useId, useState, type FormEvent } from 'react';
import { describeAnswer } from '@/lib/polls';
import { POLL_LIMITS, RATING_MAX, RATING_MIN, type PollAnswer, type PublicPoll } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as polls from '../client/polls.commands';
import { useCommand } from '../client/use-command';

const RATINGS = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, index) => RATING_MIN + index);
const choiceClass = 'flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-3 py-2 ring-1 ring-slate-200 hover:bg-slate-50 has-checked:bg-indigo-50 has-checked:ring-indigo-400 has-disabled:cursor-not-allowed has-disabled:opacity-60';

function kindHint(poll: PublicPoll): string {
  if (poll.kind === 'single') return 'Choose one.';
  if (poll.kind === 'multiple') return poll.maxChoices ? `Choose up to ${poll.maxChoices}.` : 'Choose any number.';
  if (poll.kind === 'rating') return `${RATING_MIN} is lowest, ${RATING_MAX} highest.`;
  return `Up to ${POLL_LIMITS.text} characters.`;
}

const chosenOptions = (mine: PollAnswer | null) => (mine && 'optionIds' in mine ? mine.optionIds : []);
const chosenRating = (mine: PollAnswer | null) => (mine && 'rating' in mine ? mine.rating : null);
const writtenText = (mine: PollAnswer | null) => (mine && 'text' in mine ? mine.text : '');

/** An open poll's answer form: it shows one's own answer, which may be sent again while the poll is open (the server keeps the latest). */
export function PollAnswerForm({ store, poll, mine, isCheckedIn }: { store: CallStore; poll: PublicPoll; mine: PollAnswer | null; isCheckedIn: boolean }) {
  const [optionIds, setOptionIds] = useState<string[]>(() => chosenOptions(mine));
  const [rating, setRating] = useState<number | null>(() => chosenRating(mine));
  const [text, setText] = useState(() => writtenText(mine));
  // One's answer changed (sent from here or another tab): the form shows it, keeping focus where it is.
  const [shownAnswer, setShownAnswer] = useState(mine);
  if (shownAnswer !== mine) {
    setShownAnswer(mine);
    setOptionIds(chosenOptions(mine));
    setRating(chosenRating(mine));
    setText(writtenText(mine));
  }
  const { error, isBusy, run } = useCommand();
  const ids = useId();
  const isDisabled = !isCheckedIn || isBusy;
  const isFull = poll.kind === 'multiple' && poll.maxChoices !== null && optionIds.length >= poll.maxChoices;
  const isEmpty = poll.kind === 'rating' ? rating === null : poll.kind === 'text' ? text.trim() === '' : optionIds.length === 0;

  function toggle(id: string, isChecked: boolean) {
    if (poll.kind === 'single') setOptionIds([id]);
    else setOptionIds((chosen) => (isChecked ? [...chosen.filter((each) => each !== id), id] : chosen.filter((each) => each !== id)));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const sent = poll.kind === 'rating' ? { rating: rating ?? undefined } : poll.kind === 'text' ? { text } : { optionIds };
    await run(() => polls.answer(store, poll.id, sent));
  }

  return (
    <form onSubmit={submit} aria-label={`Answer the poll: ${poll.question}`} className="space-y-3">
      <fieldset disabled={!isCheckedIn} aria-describedby={`${ids}-hint`}>
        <legend className="text-base font-semibold break-words text-slate-900">{poll.question}</legend>
        <p id={`${ids}-hint`} className="mb-2 text-xs text-slate-500">
          {kindHint(poll)}
        </p>
        {poll.kind === 'single' || poll.kind === 'multiple' ? (
          <div className="space-y-1.5">
            {poll.options.map((option) => {
              const isChecked = optionIds.includes(option.id);
              return (
                <label key={option.id} className={choiceClass}>
                  <input
                    type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                    name={`${ids}-option`}
                    value={option.id}
                    className="size-5 shrink-0 accent-indigo-600"
                    checked={isChecked}
                    disabled={isDisabled || (isFull && !isChecked)}
                    onChange={(event) => toggle(option.id, event.target.checked)}
                  />
                  <span className="min-w-0 break-words">{option.label}</span>
                </label>
              );
            })}
          </div>
        ) : null}
        {poll.kind === 'rating' ? (
          <div className="grid max-w-sm grid-cols-5 gap-2">
            {RATINGS.map((value) => (
              <label key={value} className={`${choiceClass} justify-center gap-2 px-2`}>
                <input
                  type="radio"
                  name={`${ids}-rating`}
                  value={value}
                  className="size-5 accent-indigo-600"
                  checked={rating === value}
                  disabled={isDisabled}
                  onChange={() => setRating(value)}
                />
                <span className="font-semibold">{value}</span>
              </label>
            ))}
          </div>
        ) : null}
        {poll.kind === 'text' ? (
          <>
            <label htmlFor={`${ids}-text`} className="sr-only">
              Your answer
            </label>
            <input
              id={`${ids}-text`}
              type="text"
              className="block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50"
              value={text}
              maxLength={POLL_LIMITS.text}
              disabled={isDisabled}
              aria-describedby={`${ids}-count`}
              onChange={(event) => setText(event.target.value)}
            />
            <p id={`${ids}-count`} className="mt-1 text-right text-xs text-slate-500">
              {text.length}/{POLL_LIMITS.text} characters
            </p>
          </>
        ) : null}
      </fieldset>
      {isCheckedIn ? null : <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">Check in to answer this poll.</p>}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isDisabled || isEmpty}>
          {isBusy ? 'Sending…' : mine ? 'Change answer' : 'Submit answer'}
        </Button>
        <p role="status" className="text-sm text-emerald-800" data-testid="poll-my-answer">
          {mine ? describeAnswer(poll, mine) : ''}
        </p>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
