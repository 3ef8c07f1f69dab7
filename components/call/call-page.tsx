'use client';

import { useState } from 'react';
import { Panel } from '../ui/panel';
import { IntroRound } from '../participants/intro-round';
import { ParticipantsPanel } from '../participants/participants-panel';
import { RaisedHands } from '../participants/raised-hands';
import { useParticipants } from '../participants/use-participants';
import { AgendaList } from '../agenda/agenda-list';
import { CalendarLink } from '../schedule/calendar-link';
import { PlanNextCall } from '../schedule/plan-next-call';
import { PublishingPanel } from '../publishing/publishing-panel';
import { CallHeader } from './call-header';
import { CheckInForm } from '../participants/check-in-form';
import { AgendaAnnouncer, CurrentItem } from '../agenda/current-item';
import { HostControls } from '../agenda/host-controls';
import { ParticipantLinks } from './participant-links';
import { QuestionsPanel } from '../qa/questions-panel';
import { QuestionAnnouncer } from '../qa/question-announcer';
import { PollAnnouncer } from '../polls/poll-announcer';
import { PollsPanel } from '../polls/polls-panel';
import { FloatingReactions, ReactionAnnouncer } from '../reactions/floating-reactions';
import { ReactionBar } from '../reactions/reaction-bar';
import { useReactionBursts } from '../reactions/use-reaction-bursts';
import { MinutesPanel } from '../minutes/minutes-panel';
import { ActionsPanel } from '../actions/actions-panel';
import { RecordLink } from './record-link';
import { ScheduleEditor } from '../schedule/schedule-editor';
import { ShareLinks } from './share-links';
import { useCallState, useCallStore } from '../client/use-call';
import { useIsClient } from '../ui/use-clock';

export function CallPage({ slug }: { slug: string }) {
  const isClient = useIsClient();
  return isClient ? <LiveCall slug={slug} /> : <Waiting />;
}

function Waiting() {
  return (
    <main className="mx-auto grid min-h-[60vh] max-w-xl place-items-center p-6 text-center">
      <p role="status" className="text-slate-600">
        Joining the call…
      </p>
    </main>
  );
}

function LiveCall({ slug }: { slug: string }) {
  const store = useCallStore(slug);
  const state = useCallState(store);
  const [isParticipantListOpen, setParticipantListOpen] = useState<boolean | null>(null);
  const isModerator = state.role !== 'attendee';
  const isListOpen = isParticipantListOpen ?? isModerator;
  const isIntroRunning = state.snapshot?.call.intro?.status === 'running';
  // Those who write the minutes pick action item owners from the list, even with the list closed.
  const participants = useParticipants(store, state.connection, isListOpen || isIntroRunning || isModerator);
  const reactions = useReactionBursts(store);

  if (!state.snapshot) {
    if (!state.joinError) return <Waiting />;
    return (
      <main className="mx-auto grid min-h-[60vh] max-w-xl place-items-center p-6 text-center">
        <div role="alert">
          <h1 className="text-xl font-bold">Cannot open this call</h1>
          <p className="mt-2 text-slate-600">{state.joinError.message}</p>
          <a href="/" className="mt-4 inline-block font-semibold text-indigo-700">
            Go to Roundtable
          </a>
        </div>
      </main>
    );
  }

  const { snapshot, role, me, keys, clockOffsetMs } = state;
  const { call } = snapshot;
  const isHost = role === 'host';

  return (
    <>
      <CallHeader call={call} connection={state.connection} databaseHealth={state.databaseHealth} onlineCount={snapshot.presence.onlineCount} />
      <AgendaAnnouncer call={call} clockOffsetMs={clockOffsetMs} />
      <PollAnnouncer polls={snapshot.polls} results={snapshot.pollResults} role={role} />
      <QuestionAnnouncer questions={snapshot.questions} />
      <ReactionAnnouncer announcement={reactions.announcement} />
      <main className="mx-auto grid max-w-6xl gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <Panel title="Current item" className="relative">
            <FloatingReactions floating={reactions.floating} />
            <CurrentItem call={call} clockOffsetMs={clockOffsetMs} />
            <ReactionBar store={store} call={call} me={me} />
          </Panel>
          <IntroRound store={store} intro={call.intro} participants={participants ?? []} isHost={isHost} me={me} />
          <Panel title="Agenda">
            {call.description ? <p className="mb-4 text-sm whitespace-pre-line text-slate-600">{call.description}</p> : null}
            <AgendaList call={call} clockOffsetMs={clockOffsetMs} store={store} isHost={isHost} />
          </Panel>
          <PollsPanel store={store} call={call} polls={snapshot.polls} pollResults={snapshot.pollResults} myPollAnswers={state.myPollAnswers} role={role} me={me} />
          <QuestionsPanel store={store} call={call} questions={snapshot.questions} role={role} me={me} myVotes={state.myVotes} myQuestions={state.myQuestions} />
          <MinutesPanel store={store} call={call} role={role} me={me} participants={participants} />
          <ActionsPanel store={store} call={call} role={role} actions={state.actions} participants={participants} />
        </div>
        <aside className={`space-y-6 ${me && !isHost ? '' : 'max-lg:order-first'}`} aria-label="Call details">
          {isHost ? <HostControls store={store} call={call} /> : null}
          {isHost ? <ScheduleEditor store={store} call={call} /> : null}
          {isHost && keys ? <PlanNextCall slug={call.slug} hostKey={keys.host} questions={snapshot.questions} isDateAnnounced={call.startsAt !== null} /> : null}
          {isHost && keys ? <PublishingPanel store={store} slug={call.slug} hostKey={keys.host} callStatus={call.status} /> : null}
          {role !== 'attendee' ? (
            <p className="rounded-lg bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
              You are the <strong>{role}</strong> of this call.
            </p>
          ) : null}
          {state.notice ? (
            <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {state.notice}
            </p>
          ) : null}
          <CheckInForm store={store} me={me} />
          <RaisedHands store={store} participants={participants} me={me} isHost={isHost} />
          <ParticipantsPanel
            store={store}
            participants={participants}
            presence={snapshot.presence}
            role={role}
            me={me}
            isExpanded={isListOpen}
            onToggle={() => setParticipantListOpen(!isListOpen)}
          />
          <ParticipantLinks links={call.links} documentsBaseUrl={call.documentsBaseUrl} />
          <CalendarLink slug={call.slug} isDateAnnounced={call.startsAt !== null} />
          <RecordLink slug={call.slug} />
          {keys ? <ShareLinks slug={call.slug} keys={keys} /> : null}
        </aside>
      </main>
    </>
  );
}
