'use client';

import { useEffect, useId, useMemo, useState } from 'react';
import type { CallActions, ParticipantView, PublicCall, PublicDecision, Role } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import { readCall } from '../client/http';
import { Panel } from '../ui/panel';
import { useNow } from '../ui/use-clock';
import { agendaItemTitles, localDate, splitByState } from './action-format';
import { ActionRow } from './action-row';

type Props = {
  store: CallStore;
  call: PublicCall;
  role: Role;
  actions: CallActions;
  participants: ParticipantView[] | null;
  /** The host's key: the series page then offers the host the series' archive. */
  hostKey?: string;
};

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The call's action items and decisions as read from the minutes, live for everyone; hosts and scribes keep them. */
export function ActionsPanel({ store, call, role, actions, participants, hostKey }: Props) {
  const canEdit = role !== 'attendee';
  const titles = useMemo(() => agendaItemTitles(call), [call]);
  const today = localDate(new Date(useNow(60_000)));
  const ownerListId = useId();
  const seriesId = useSeriesId(call.slug);
  const { open, done } = splitByState(actions.actions);
  const names = [...new Set((participants ?? []).map((participant) => participant.displayName))].sort((a, b) => a.localeCompare(b));
  const row = (action: (typeof open)[number]) => (
    <ActionRow
      key={action.id}
      store={store}
      action={action}
      itemTitle={action.itemId && !action.isCarriedOver ? (titles.get(action.itemId) ?? null) : null}
      today={today}
      canEdit={canEdit}
      ownerListId={ownerListId}
    />
  );

  return (
    <Panel title="Action items">
      {canEdit ? (
        <datalist id={ownerListId}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ) : null}
      {actions.actions.length === 0 ? (
        <p className="text-sm text-slate-500">
          {canEdit ? (
            <>
              Type <code className="rounded bg-slate-100 px-1 text-slate-700">- [ ] @name what</code> or press {isMac() ? '⌘ ⌥ A' : 'Ctrl+Alt+A'} in the minutes.
            </>
          ) : (
            'None yet. They appear here as the scribes write them in the minutes.'
          )}
        </p>
      ) : null}
      {open.length > 0 ? <ul className="divide-y divide-slate-100">{open.map(row)}</ul> : null}
      {actions.actions.length > 0 && open.length === 0 ? <p className="text-sm text-slate-500">All done.</p> : null}
      {done.length > 0 ? (
        <details className="mt-3 rounded-lg bg-slate-50 px-3 py-2">
          <summary className="cursor-pointer text-sm font-semibold text-slate-700">Done ({done.length})</summary>
          <ul className="divide-y divide-slate-200">{done.map(row)}</ul>
        </details>
      ) : null}
      <Decisions decisions={actions.decisions} titles={titles} />
      <nav aria-label="Action item links" className="mt-4 flex flex-wrap gap-x-4 gap-y-1 border-t border-slate-100 pt-3 text-sm">
        <a href={`/api/calls/${call.slug}/actions.md`} className="font-medium text-indigo-700 underline">
          Checklist (Markdown)
        </a>
        {seriesId ? (
          <a href={`/series/${encodeURIComponent(seriesId)}${hostKey ? `#key=${hostKey}` : ''}`} className="font-medium text-indigo-700 underline">
            All action items of the series
          </a>
        ) : null}
      </nav>
    </Panel>
  );
}

function Decisions({ decisions, titles }: { decisions: PublicDecision[]; titles: Map<string, string> }) {
  return (
    <>
      <h3 className="mt-4 text-sm font-semibold text-slate-700">Decisions</h3>
      {decisions.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">None yet. A line starting “Decision:” in the minutes is one.</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {decisions.map((decision) => {
            const itemTitle = decision.itemId ? titles.get(decision.itemId) : undefined;
            return (
              <li key={decision.id} data-testid="decision" className="py-2 text-sm">
                <p className="break-words text-slate-900">{decision.text}</p>
                {itemTitle ? <p className="mt-0.5 text-xs text-slate-500">Under “{itemTitle}”</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** The call's series, read once over HTTP (the live snapshot does not carry it); null for a call of its own. */
function useSeriesId(slug: string): string | null {
  const [seriesId, setSeriesId] = useState<string | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void readCall(slug).then((result) => {
      if (isCurrent && result.ok) setSeriesId(result.data.seriesId);
    });
    return () => {
      isCurrent = false;
    };
  }, [slug]);
  return seriesId;
}
