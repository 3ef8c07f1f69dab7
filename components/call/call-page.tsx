'use client';

import { useState, type ReactNode } from 'react';
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
import { ArchiveDownload } from '../export/archive-download';
import { ScheduleEditor } from '../schedule/schedule-editor';
import { ShareLinks } from './share-links';
import { useCallState, useCallStore } from '../client/use-call';
import { useIsClient } from '../ui/use-clock';
import { removedNamesNotice } from '@/lib/retention';
import { AskSheet } from './ask-sheet';
import { CallDeleted, DeleteCallPanel } from './delete-call';
import { CheckInPrompt } from './check-in-prompt';
import { PhoneTabBar } from './phone-tab-bar';
import { phoneTabClass, type PhoneTab } from './phone-tabs';
import { PhoneTopBar } from './phone-top-bar';
import { usePhoneLayout } from './use-phone-layout';

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

/** Wraps a panel that has no class of its own to take the phone tab's; gone with a panel that renders nothing. */
function TabPanel({ className, children }: { className: string; children: ReactNode }) {
  return <div className={`empty:hidden ${className}`}>{children}</div>;
}

function LiveCall({ slug }: { slug: string }) {
  const store = useCallStore(slug);
  const state = useCallState(store);
  const phone = usePhoneLayout(slug, state);
  const [isParticipantListOpen, setParticipantListOpen] = useState<boolean | null>(null);
  const isModerator = state.role !== 'attendee';
  const isListOpen = isParticipantListOpen ?? isModerator;
  const isIntroRunning = state.snapshot?.call.intro?.status === 'running';
  // Those who write the minutes pick action item owners from the list, even with the list closed.
  const participants = useParticipants(store, state.connection, isListOpen || isIntroRunning || isModerator);
  const reactions = useReactionBursts(store);

  if (state.deletedNotice) return <CallDeleted message={state.deletedNotice} />;
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
  const on = (...tabs: PhoneTab[]) => phoneTabClass(phone.tab, ...tabs);
  // A newcomer's first step on a phone: the check-in card above the Now tab, until they check in or put it off.
  const isCheckInFirst = !me && !phone.isCheckInSkipped;
  // The aside's part of Now (host controls, that card) goes above the current item on a phone; the top bar shows the item anyway.
  const isAsideFirstOnPhone = phone.tab === 'now' && (isCheckInFirst || isHost);
  // The aside holds panels of three tabs, and a notice from the server (one was removed, say) that every tab shows.
  const asideClass = state.notice ? '' : on('now', 'agenda', 'people');

  return (
    <>
      <CallHeader call={call} connection={state.connection} databaseHealth={state.databaseHealth} onlineCount={snapshot.presence.onlineCount} />
      {phone.isPhone ? <PhoneTopBar call={call} clockOffsetMs={clockOffsetMs} /> : null}
      <AgendaAnnouncer call={call} clockOffsetMs={clockOffsetMs} />
      <PollAnnouncer polls={snapshot.polls} results={snapshot.pollResults} role={role} />
      <QuestionAnnouncer questions={snapshot.questions} />
      <ReactionAnnouncer announcement={reactions.announcement} />
      <main className="mx-auto grid max-w-6xl gap-6 px-4 py-6 max-md:gap-4 max-md:px-3 max-md:pt-4 sm:px-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className={`space-y-6 max-md:space-y-4 ${on('now', 'qa', 'polls', 'agenda', 'minutes')}`}>
          {phone.isPhone && !me && phone.isCheckInSkipped ? (
            <TabPanel className={on('now')}>
              <CheckInPrompt onCheckIn={phone.resumeCheckIn} isFocused={phone.hasJustSkipped} />
            </TabPanel>
          ) : null}
          <Panel title="Current item" className={`relative ${on('now')}`}>
            <FloatingReactions floating={reactions.floating} />
            <CurrentItem call={call} clockOffsetMs={clockOffsetMs} />
            <ReactionBar store={store} call={call} me={me} />
          </Panel>
          <TabPanel className={on('now')}>
            <IntroRound store={store} intro={call.intro} participants={participants ?? []} isHost={isHost} me={me} />
          </TabPanel>
          <Panel title="Agenda" className={on('agenda')}>
            {call.description ? <p className="mb-4 text-sm whitespace-pre-line text-slate-600">{call.description}</p> : null}
            <AgendaList call={call} clockOffsetMs={clockOffsetMs} store={store} isHost={isHost} />
          </Panel>
          <TabPanel className={on('polls')}>
            <PollsPanel store={store} call={call} polls={snapshot.polls} pollResults={snapshot.pollResults} myPollAnswers={state.myPollAnswers} role={role} me={me} />
          </TabPanel>
          <TabPanel className={on('qa')}>
            <QuestionsPanel store={store} call={call} questions={snapshot.questions} role={role} me={me} myVotes={state.myVotes} myQuestions={state.myQuestions} voteSignals={state.voteSignals} />
          </TabPanel>
          <TabPanel className={on('minutes')}>
            <MinutesPanel store={store} call={call} role={role} me={me} participants={participants} />
          </TabPanel>
          <TabPanel className={on('minutes')}>
            <ActionsPanel store={store} call={call} role={role} actions={state.actions} participants={participants} hostKey={isHost ? keys?.host : undefined} />
          </TabPanel>
        </div>
        <aside
          className={`space-y-6 max-md:space-y-4 ${me && !isHost ? '' : 'md:max-lg:order-first'} ${isAsideFirstOnPhone ? 'max-md:order-first' : ''} ${asideClass}`}
          aria-label="Call details"
        >
          {isHost ? (
            <TabPanel className={on('now')}>
              <HostControls store={store} call={call} />
            </TabPanel>
          ) : null}
          {isHost ? (
            <TabPanel className={on('people')}>
              <ScheduleEditor store={store} call={call} />
            </TabPanel>
          ) : null}
          {isHost && keys ? (
            <TabPanel className={on('people')}>
              <PlanNextCall slug={call.slug} hostKey={keys.host} questions={snapshot.questions} isDateAnnounced={call.startsAt !== null} />
            </TabPanel>
          ) : null}
          {isHost && keys ? (
            <TabPanel className={on('people')}>
              <PublishingPanel store={store} slug={call.slug} hostKey={keys.host} callStatus={call.status} />
            </TabPanel>
          ) : null}
          {isHost && keys ? (
            <TabPanel className={on('people')}>
              <DeleteCallPanel store={store} call={call} hostKey={keys.host} />
            </TabPanel>
          ) : null}
          {role !== 'attendee' ? (
            <p className={`rounded-lg bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ${on('people')}`}>
              You are the <strong>{role}</strong> of this call.
            </p>
          ) : null}
          {state.notice ? (
            <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {state.notice}
            </p>
          ) : null}
          <TabPanel className={isCheckInFirst ? on('now', 'people') : on('people')}>
            <CheckInForm store={store} me={me} onSkip={phone.isPhone ? phone.skipCheckIn : undefined} focusRequest={phone.checkInFocusRequest} />
          </TabPanel>
          <TabPanel className={on('now')}>
            <RaisedHands store={store} participants={participants} me={me} isHost={isHost} />
          </TabPanel>
          <TabPanel className={on('people')}>
            <ParticipantsPanel
              store={store}
              participants={participants}
              presence={snapshot.presence}
              role={role}
              me={me}
              isExpanded={isListOpen}
              onToggle={() => setParticipantListOpen(!isListOpen)}
              removedNotice={removedNamesNotice(call)}
            />
          </TabPanel>
          <TabPanel className={on('agenda')}>
            <ParticipantLinks links={call.links} documentsBaseUrl={call.documentsBaseUrl} />
          </TabPanel>
          <TabPanel className={on('agenda')}>
            <CalendarLink slug={call.slug} isDateAnnounced={call.startsAt !== null} />
          </TabPanel>
          <TabPanel className={on('agenda')}>
            <RecordLink slug={call.slug} />
          </TabPanel>
          {isHost && keys ? (
            <TabPanel className={on('agenda')}>
              <ArchiveDownload target={{ slug: call.slug }} hostKey={keys.host} />
            </TabPanel>
          ) : null}
          {keys ? (
            <TabPanel className={on('people')}>
              <ShareLinks slug={call.slug} keys={keys} />
            </TabPanel>
          ) : null}
        </aside>
      </main>
      {phone.isPhone ? <AskSheet store={store} call={call} me={me} onCheckIn={phone.resumeCheckIn} /> : null}
      {phone.isPhone ? <PhoneTabBar tabs={phone.tabs} shown={phone.tab} onSelect={phone.selectTab} /> : null}
    </>
  );
}
