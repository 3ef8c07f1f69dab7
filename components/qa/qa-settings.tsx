'use client';

import type { PublicCall, QaSettings } from '@/lib/protocol';
import { ErrorMessage } from '../ui/panel';
import type { CallStore } from '../client/call-store';
import * as questions from '../client/questions.commands';
import { useCommand } from '../client/use-command';

const TOGGLES: { key: keyof QaSettings; label: string; hint: string }[] = [
  { key: 'qaOpen', label: 'Accept new questions', hint: 'Turn off to close submissions; votes and answers go on.' },
  { key: 'qaModerated', label: 'Pre-moderation', hint: 'New questions wait for approval before everyone sees them.' },
  { key: 'qaScribesModerate', label: 'Scribes may moderate', hint: 'Scribes can pin, answer, dismiss and merge questions.' },
  { key: 'scribesRunPolls', label: 'Scribes may run polls', hint: 'Scribes can create, open, close and delete polls and hide answers.' },
  {
    key: 'qaVotersBeforeOpen',
    label: 'Only participants who checked in before the Q&A opened may vote',
    hint: 'Late check-ins can still ask questions; their votes are refused with an explanation.',
  },
  { key: 'qaHoldVoteBursts', label: 'Hold questions with sudden vote bursts for review', hint: 'Such a question goes back to the approval queue with its signal.' },
];

/** Host only. Each switch applies at once for everyone. */
export function QaSettingsForm({ store, call }: { store: CallStore; call: PublicCall }) {
  const { error, isBusy, run } = useCommand();
  return (
    <fieldset className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold text-slate-700">Q&amp;A and poll settings</legend>
      <div className="space-y-2">
        {TOGGLES.map(({ key, label, hint }) => (
          <label key={key} className="flex items-start gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="mt-0.5 size-4"
              checked={call[key]}
              disabled={isBusy}
              onChange={(event) => void run(() => questions.updateSettings(store, { [key]: event.target.checked }))}
            />
            <span>
              {label}
              <span className="block text-xs text-slate-500">{hint}</span>
            </span>
          </label>
        ))}
      </div>
      <ErrorMessage message={error} />
    </fieldset>
  );
}
