'use client';

import type { ReactNode } from 'react';
import { PHONE_TAB_LABELS, tabLabel, type PhoneTab } from './phone-tabs';
import type { PhoneTabEntry } from './use-phone-layout';

const iconPaths: Record<PhoneTab, ReactNode> = {
  now: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.5V12l3 2" />
    </>
  ),
  qa: <path d="M4.5 5.5h15v10h-8l-4.5 3.5v-3.5h-2.5z" />,
  polls: <path d="M5 19.5V13M10 19.5V5M15 19.5v-9M20 19.5v-4" />,
  agenda: <path d="M9 6.5h11M9 12h11M9 17.5h11M4.5 6.5h.5M4.5 12h.5M4.5 17.5h.5" />,
  minutes: (
    <>
      <path d="M6 3.5h8.5l3.5 3.5v13.5H6z" />
      <path d="M9 11h6M9 14.5h6M9 18h3.5" />
    </>
  ),
  people: (
    <>
      <circle cx="9" cy="8.5" r="3" />
      <path d="M3.5 19.5c.5-3.5 2.7-5.5 5.5-5.5s5 2 5.5 5.5" />
      <circle cx="17" cy="9.5" r="2.25" />
      <path d="M16.5 14.2c2.3.2 3.7 1.9 4 5.3" />
    </>
  ),
};

/**
 * The phone's bottom navigation between the call's sections. Plain buttons with `aria-current`: the sections are
 * groups of panels spread over the page (one column from md up), not tab panels of their own.
 */
export function PhoneTabBar({ tabs, shown, onSelect }: { tabs: PhoneTabEntry[]; shown: PhoneTab; onSelect: (tab: PhoneTab) => void }) {
  return (
    <nav aria-label="Call sections" className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white pb-[env(safe-area-inset-bottom)] shadow-[0_-2px_8px_rgb(15_23_42/0.06)] md:hidden">
      <ul className="flex">
        {tabs.map((tab) => {
          const isShown = tab.id === shown;
          return (
            <li key={tab.id} className="min-w-0 flex-1">
              <button
                type="button"
                aria-current={isShown ? 'page' : undefined}
                aria-label={tabLabel(tab.id, tab.unseen)}
                onClick={() => onSelect(tab.id)}
                className={`relative flex min-h-14 w-full flex-col items-center justify-center gap-0.5 px-1 text-[11px] font-semibold ${
                  isShown ? 'text-indigo-700' : 'text-slate-600 hover:text-slate-900'
                }`}
              >
                <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
                  {iconPaths[tab.id]}
                </svg>
                <span className="truncate">{PHONE_TAB_LABELS[tab.id]}</span>
                {isShown ? <span className="absolute inset-x-3 top-0 h-0.5 rounded-full bg-indigo-600" aria-hidden="true" /> : null}
                {tab.unseen > 0 ? (
                  <span
                    className="absolute top-1 left-1/2 ml-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-bold text-white"
                    aria-hidden="true"
                    data-testid={`tab-badge-${tab.id}`}
                  >
                    {tab.unseen > 9 ? '9+' : tab.unseen}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
