'use client';

import { useState } from 'react';
import type { CallViewState } from '../client/call-store';
import { canRunPolls } from '../polls/polls-panel';
import { isPhoneTab, PHONE_TABS, type PhoneTab } from './phone-tabs';
import { useIsPhone } from './use-is-phone';
import { useSessionValue } from './use-session-value';
import { useUnseenCount } from './use-unseen-count';

export type PhoneTabEntry = { id: PhoneTab; unseen: number };

/**
 * The phone layout's state: which tab shows, the tab bar's badges (new questions, newly opened polls, new action items and
 * decisions), and whether the check-in card comes first.
 */
export function usePhoneLayout(slug: string, state: CallViewState) {
  const isPhone = useIsPhone();
  const [storedTab, storeTab] = useSessionValue(`roundtable:${slug}:tab`);
  const [skipped, storeSkipped] = useSessionValue(`roundtable:${slug}:check-in-skipped`);
  const [checkInFocusRequest, setCheckInFocusRequest] = useState(0);
  const [hasJustSkipped, setJustSkipped] = useState(false);
  const { snapshot, role, myQuestions, actions } = state;

  // Those who run polls need the tab to create the first one; everyone else gets it once there is a poll to see.
  const hasPolls = snapshot !== null && (canRunPolls(role, snapshot.call) || snapshot.polls.some((poll) => poll.status !== 'draft'));
  const available = PHONE_TABS.filter((id) => id !== 'polls' || hasPolls);
  const requested = isPhoneTab(storedTab) ? storedTab : 'now';
  const tab = available.includes(requested) ? requested : 'now';

  // One's own questions are no news; dismissed ones are gone from the list.
  const questionIds = snapshot ? snapshot.questions.filter((question) => question.state !== 'dismissed' && !myQuestions.includes(question.id)).map((question) => question.id) : null;
  const openPollIds = snapshot ? snapshot.polls.filter((poll) => poll.status === 'open').map((poll) => poll.id) : null;
  // What the minutes bring that an attendee acts on: the action items and decisions read out of them.
  const outcomeIds = snapshot ? [...actions.actions, ...actions.decisions].map((outcome) => outcome.id) : null;
  // From md up every panel is on screen, so everything counts as seen.
  const newQuestions = useUnseenCount(questionIds, !isPhone || tab === 'qa');
  const newPolls = useUnseenCount(openPollIds, !isPhone || tab === 'polls');
  const newOutcomes = useUnseenCount(outcomeIds, !isPhone || tab === 'minutes');
  const unseen: Partial<Record<PhoneTab, number>> = { qa: newQuestions, polls: newPolls, minutes: newOutcomes };

  return {
    isPhone,
    tab,
    tabs: available.map((id): PhoneTabEntry => ({ id, unseen: unseen[id] ?? 0 })),
    selectTab(next: PhoneTab) {
      storeTab(next);
      // Each tab starts at its top, not wherever the previous one was scrolled to.
      window.scrollTo({ top: 0 });
    },
    /** Whether the not-yet-checked-in participant put the check-in off for now (this browser tab remembers it). */
    isCheckInSkipped: skipped === 'yes',
    /** True after "Not now" on this page (not after a reload): focus then goes to the way back, as the card it was in goes. */
    hasJustSkipped,
    skipCheckIn() {
      storeSkipped('yes');
      setJustSkipped(true);
    },
    /** Counts the requests to bring the check-in card back; each one moves focus into it. */
    checkInFocusRequest,
    resumeCheckIn() {
      storeSkipped('no');
      storeTab('now');
      setCheckInFocusRequest(checkInFocusRequest + 1);
      window.scrollTo({ top: 0 });
    },
  };
}
