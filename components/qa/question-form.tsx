'use client';

import { useId, useState, type FormEvent } from 'react';
import { listItems } from '@/lib/call-state';
import { QUESTION_LIMITS, type PublicCall, type PublicParticipant } from '@/lib/protocol';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as questions from '../client/questions.commands';
import { useCommand } from '../client/use-command';

const controlClass = 'mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-50';

function closedReason(call: PublicCall, me: PublicParticipant | null): string | null {
  if (call.status === 'ended') return 'This call has ended; questions are closed.';
  if (!call.qaOpen) return 'The host has closed questions for now.';
  if (!me) return 'Check in to ask a question and to vote.';
  return null;
}

export function QuestionForm({ store, call, me }: { store: CallStore; call: PublicCall; me: PublicParticipant | null }) {
  const [text, setText] = useState('');
  const [isAnonymous, setAnonymous] = useState(false);
  const [itemId, setItemId] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { error, isBusy, run } = useCommand();
  const ids = useId();
  const reason = closedReason(call, me);
  const items = listItems(call);
  const length = text.trim().length;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const response = await run(() => questions.ask(store, { text, isAnonymous, itemId: itemId || null }));
    if (!response.ok) return;
    setText('');
    setNotice(response.data.question.state === 'pending' ? 'Thanks! Your question waits for the host’s approval.' : 'Your question is in the queue.');
  }

  return (
    <form onSubmit={submit} aria-label="Ask a question" className="space-y-3">
      <label htmlFor={`${ids}-text`} className="block text-sm font-medium text-slate-700">
        Your question
      </label>
      <textarea
        id={`${ids}-text`}
        className={controlClass}
        rows={3}
        value={text}
        maxLength={QUESTION_LIMITS.text}
        disabled={Boolean(reason)}
        aria-describedby={`${ids}-count ${ids}-reason`}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <label className="inline-flex items-center gap-2 text-slate-700">
          <input type="checkbox" checked={isAnonymous} disabled={Boolean(reason)} onChange={(event) => setAnonymous(event.target.checked)} className="size-4" />
          Ask anonymously
        </label>
        <span id={`${ids}-count`} className={length > QUESTION_LIMITS.text - 20 ? 'text-amber-700' : 'text-slate-500'}>
          {length}/{QUESTION_LIMITS.text} characters
        </span>
      </div>
      {items.length > 0 && !reason ? (
        <label className="block text-sm font-medium text-slate-700">
          About (optional)
          <select className={controlClass} value={itemId} onChange={(event) => setItemId(event.target.value)}>
            <option value="">The whole call</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.sectionTitle}: {item.title}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p id={`${ids}-reason`} className={reason ? 'rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900' : 'sr-only'}>
        {reason}
      </p>
      <Button type="submit" disabled={Boolean(reason) || isBusy || length === 0}>
        {isBusy ? 'Sending…' : 'Ask'}
      </Button>
      <p role="status" className="text-sm text-emerald-800">
        {notice}
      </p>
      <ErrorMessage message={error} />
    </form>
  );
}
