'use client';

import { listItems } from '@/lib/call-state';
import { formatTime } from '@/lib/time';
import { DATE_TO_BE_ANNOUNCED } from '../schedule/call-start';
import { AgendaAnnouncer } from '../agenda/current-item';
import { ItemTimer } from '../agenda/item-timer';
import { PresentQuestions } from '../qa/present-questions';
import { PresentPoll } from '../polls/present-poll';
import { FloatingReactions, ReactionAnnouncer } from '../reactions/floating-reactions';
import { useReactionBursts } from '../reactions/use-reaction-bursts';
import { useCallState, useCallStore } from '../client/use-call';
import { useIsClient } from '../ui/use-clock';

/** Large type for screen sharing: what is on now, who presents, the timer and what comes next. */
export function PresentView({ slug }: { slug: string }) {
  return useIsClient() ? <LivePresentView slug={slug} /> : null;
}

function LivePresentView({ slug }: { slug: string }) {
  const store = useCallStore(slug);
  const { snapshot, clockOffsetMs, joinError, deletedNotice } = useCallState(store);
  const { floating, announcement } = useReactionBursts(store);
  if (deletedNotice) {
    return (
      <p className="p-12 text-3xl text-slate-300" role="alert">
        {deletedNotice}
      </p>
    );
  }
  if (!snapshot) {
    return <p className="p-12 text-3xl text-slate-300" role={joinError ? 'alert' : 'status'}>{joinError ? joinError.message : 'Connecting…'}</p>;
  }
  const { call } = snapshot;
  const items = listItems(call);
  const index = items.findIndex((item) => item.id === call.currentItemId);
  const current = items[index];
  const next = call.status === 'scheduled' ? items[0] : items[index + 1];

  return (
    <main className="flex min-h-screen flex-col bg-slate-950 p-12 text-white">
      <AgendaAnnouncer call={call} clockOffsetMs={clockOffsetMs} />
      <ReactionAnnouncer announcement={announcement} />
      <FloatingReactions floating={floating} large />
      <p className="text-2xl font-semibold text-indigo-300">{call.title}</p>
      <div className="flex flex-1 flex-col justify-center">
        {call.status === 'live' && current ? (
          <>
            <p className="text-2xl tracking-wide text-slate-400 uppercase">{current.sectionTitle}</p>
            <h1 className="mt-4 text-7xl leading-tight font-bold break-words" data-testid="present-current">
              {current.title}
            </h1>
            {current.presenter ? <p className="mt-6 text-4xl text-slate-300">{current.presenter}</p> : null}
            <div className="mt-10">
              <ItemTimer call={call} clockOffsetMs={clockOffsetMs} large />
            </div>
          </>
        ) : (
          <h1 className="text-7xl font-bold">
            {call.status === 'ended' ? 'Thanks for joining!' : call.startsAt ? `Starts at ${formatTime(call.startsAt)}` : DATE_TO_BE_ANNOUNCED}
          </h1>
        )}
      </div>
      <PresentPoll polls={snapshot.polls} results={snapshot.pollResults} />
      <PresentQuestions questions={snapshot.questions} />
      {next && call.status !== 'ended' ? (
        <p className="text-3xl text-slate-400">
          Next: <span className="text-white">{next.title}</span>
          {next.presenter ? ` · ${next.presenter}` : ''}
        </p>
      ) : null}
    </main>
  );
}
