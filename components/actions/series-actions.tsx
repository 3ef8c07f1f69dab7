'use client';

import { useId, useState } from 'react';
import type { SeriesActions as SeriesActionsData } from '@/lib/protocol';
import { Button } from '../ui/button';
import { useIsClient } from '../ui/use-clock';
import { formatDueDate, groupByOwner } from './action-format';
import { useSeriesActions } from './use-series-actions';

type State = 'open' | 'done';
type Action = SeriesActionsData['actions'][number];
type CallRef = Action['call'];

const TABS: { state: State; label: string }[] = [
  { state: 'open', label: 'Open action items' },
  { state: 'done', label: 'Done' },
];

/** A series' action items by owner (open or done) and its decisions. Browser only: dates are the viewer's own. */
export function SeriesActions({ seriesId }: { seriesId: string }) {
  const isClient = useIsClient();
  if (!isClient) {
    return (
      <p role="status" className="text-slate-600">
        Loading action items…
      </p>
    );
  }
  return <SeriesActionsView seriesId={seriesId} />;
}

function SeriesActionsView({ seriesId }: { seriesId: string }) {
  const [state, setState] = useState<State>('open');
  const { data, isLoading, error, retry } = useSeriesActions(seriesId, state);
  const actionsId = useId();
  const shown = data?.state === state ? data : null;

  return (
    <div className="space-y-8">
      <header>
        <a href="/calls" className="text-sm font-bold text-indigo-700">
          Roundtable calls
        </a>
        <h1 className="mt-2 text-2xl font-bold break-words text-slate-900 sm:text-3xl">{data ? data.series.title : 'Action items'}</h1>
        {data ? <p className="mt-1 text-sm text-slate-600">Action items and decisions of every call of this series.</p> : null}
      </header>
      {error ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <span>{error}</span>
          <Button variant="secondary" onClick={retry}>
            Try again
          </Button>
        </div>
      ) : null}
      <section aria-labelledby={actionsId} aria-busy={isLoading} className="space-y-4">
        <h2 id={actionsId} className="sr-only">
          Action items
        </h2>
        <div role="group" aria-label="Which action items" className="inline-flex rounded-lg bg-slate-100 p-1">
          {TABS.map((tab) => (
            <button
              key={tab.state}
              type="button"
              aria-pressed={state === tab.state}
              className={`min-h-10 rounded-md px-3 text-sm font-semibold ${state === tab.state ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
              onClick={() => setState(tab.state)}
            >
              {tab.label}
            </button>
          ))}
        </div>
        {isLoading ? (
          <p role="status" className="text-sm text-slate-500">
            Loading {state === 'open' ? 'open' : 'done'} action items…
          </p>
        ) : null}
        {shown ? <OwnerGroups actions={shown.actions} state={state} /> : null}
      </section>
      {data ? <Decisions decisions={data.decisions} /> : null}
    </div>
  );
}

function OwnerGroups({ actions, state }: { actions: Action[]; state: State }) {
  if (actions.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        {state === 'open' ? 'No open action items. Everything is done, or nothing was asked yet.' : 'No action item is done yet.'}
      </p>
    );
  }
  return (
    <div className="space-y-6">
      {groupByOwner(actions).map((group) => (
        <section key={group.owner ?? ''} aria-label={group.owner ?? 'No owner'}>
          <h3 className="text-base font-semibold text-slate-900">
            {group.owner ? `@${group.owner}` : 'No owner'} <span className="font-normal text-slate-500">({group.actions.length})</span>
          </h3>
          <ul className="mt-2 divide-y divide-slate-100 rounded-xl bg-white ring-1 ring-slate-200">
            {group.actions.map((action) => (
              <li key={action.id} data-testid="action-item" className="px-4 py-3">
                <p className={`break-words ${action.isDone ? 'text-slate-600 line-through' : 'text-slate-900'}`}>{action.text}</p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
                  {action.due ? <span>Due {formatDueDate(action.due)}</span> : null}
                  {action.closedAt ? <span>Done {formatDay(action.closedAt)}</span> : null}
                  <span>
                    from <CallLink call={action.call} />
                  </span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Decisions({ decisions }: { decisions: SeriesActionsData['decisions'] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-bold text-slate-900">
        Decisions
      </h2>
      {decisions.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">No decisions yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl bg-white ring-1 ring-slate-200">
          {decisions.map((decision) => (
            <li key={decision.id} data-testid="decision" className="px-4 py-3">
              <p className="break-words text-slate-900">{decision.text}</p>
              <p className="mt-1 text-xs text-slate-500">
                {decision.call.startsAt ? <time dateTime={decision.call.startsAt}>{formatDay(decision.call.startsAt)}</time> : 'Undated'} ·{' '}
                <CallLink call={decision.call} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CallLink({ call }: { call: CallRef }) {
  return (
    <a href={`/c/${call.slug}`} className="text-indigo-700 underline">
      {call.title}
    </a>
  );
}

/** An instant as the viewer's own date (their timezone). */
function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}
