'use client';

import type { PublicCall } from '@/lib/protocol';

export function AgendaList({
  call,
  canJump,
  onJump,
}: {
  call: PublicCall;
  canJump: boolean;
  onJump: (itemId: string) => void;
}) {
  if (call.sections.length === 0) {
    return <p className="text-sm text-slate-500">This call has no agenda yet.</p>;
  }
  const numbers = new Map(call.sections.flatMap((section) => section.items).map((item, index) => [item.id, index + 1]));
  return (
    <ol className="space-y-6" aria-label="Agenda">
      {call.sections.map((section) => (
        <li key={section.id}>
          <h3 className="text-base font-semibold text-slate-900">{section.title}</h3>
          {section.notes ? <p className="mt-1 text-sm whitespace-pre-line text-slate-600">{section.notes}</p> : null}
          {section.items.length === 0 ? <p className="mt-2 text-sm text-slate-400">No items.</p> : null}
          <ol className="mt-2 space-y-1.5">
            {section.items.map((item) => {
              const isCurrent = item.id === call.currentItemId;
              return (
                <li
                  key={item.id}
                  aria-current={isCurrent ? 'step' : undefined}
                  data-testid="agenda-item"
                  data-current={isCurrent || undefined}
                  className={`flex items-start gap-3 rounded-xl px-3 py-2.5 ring-1 transition ${
                    isCurrent ? 'bg-indigo-50 ring-2 ring-indigo-500' : 'bg-white ring-slate-200'
                  }`}
                >
                  <span
                    className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full text-xs font-bold ${
                      isCurrent ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-600'
                    }`}
                    aria-hidden
                  >
                    {numbers.get(item.id)}
                  </span>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium break-words">
                      {item.title}
                      {isCurrent ? <span className="sr-only"> (current item)</span> : null}
                    </p>
                    <p className="text-xs text-slate-500">
                      {[item.presenter && `by ${item.presenter}`, item.plannedMinutes && `${item.plannedMinutes} min`].filter(Boolean).join(' · ')}
                    </p>
                    {item.notes ? <p className="mt-1 text-sm whitespace-pre-line text-slate-600">{item.notes}</p> : null}
                  </div>
                  {canJump && !isCurrent ? (
                    <button
                      type="button"
                      onClick={() => onJump(item.id)}
                      className="shrink-0 rounded-md px-2 py-1 text-xs font-semibold text-indigo-700 hover:bg-indigo-100"
                      aria-label={`Make “${item.title}” the current item`}
                    >
                      Go here
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}
