export const PHONE_TABS = ['now', 'qa', 'polls', 'agenda', 'minutes', 'people'] as const;
export type PhoneTab = (typeof PHONE_TABS)[number];

export const PHONE_TAB_LABELS: Record<PhoneTab, string> = {
  now: 'Now',
  qa: 'Q&A',
  polls: 'Polls',
  agenda: 'Agenda',
  minutes: 'Minutes',
  people: 'People',
};

export function isPhoneTab(value: string | null): value is PhoneTab {
  return PHONE_TABS.some((tab) => tab === value);
}

/** What a screen reader says for a tab: its name, then what is new on it. */
export function tabLabel(tab: PhoneTab, unseen: number): string {
  return unseen > 0 ? `${PHONE_TAB_LABELS[tab]}, ${unseen} new` : PHONE_TAB_LABELS[tab];
}

/**
 * Hides a panel on phones unless the shown tab is one of its own. CSS only, so every panel stays mounted once (the
 * minutes editor holds a live Yjs document) and md and up keep every column as before.
 */
export function phoneTabClass(shown: PhoneTab, ...tabs: PhoneTab[]): string {
  return tabs.includes(shown) ? '' : 'max-md:hidden';
}
