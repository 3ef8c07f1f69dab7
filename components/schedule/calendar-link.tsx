const linkClass = 'inline-flex min-h-10 items-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold ring-1';

function CalendarIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4">
      <rect x="3" y="4.5" width="14" height="12" rx="2" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
    </svg>
  );
}

/**
 * Downloads the call as an .ics file that calendar apps import; the event's UID keeps re-imports from duplicating it.
 * A call whose date is to be announced has no calendar event yet (the server answers 409), so the link is disabled.
 */
export function CalendarLink({ slug, isDateAnnounced = true }: { slug: string; isDateAnnounced?: boolean }) {
  if (!isDateAnnounced) {
    return (
      <p className="text-sm text-slate-500" data-testid="calendar-link">
        <span role="link" aria-disabled="true" className={`${linkClass} cursor-not-allowed text-slate-400 ring-slate-200`}>
          <CalendarIcon />
          Add to calendar
        </span>
        <span className="mt-1 block">Available once the date is announced.</span>
      </p>
    );
  }
  return (
    <a
      href={`/api/calls/${encodeURIComponent(slug)}/calendar.ics`}
      download
      data-testid="calendar-link"
      className={`${linkClass} text-indigo-700 ring-indigo-200 hover:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none`}
    >
      <CalendarIcon />
      Add to calendar<span className="sr-only"> (downloads an .ics file)</span>
    </a>
  );
}
