/** Downloads the call as an .ics file that calendar apps import; the event's UID keeps re-imports from duplicating it. */
export function CalendarLink({ slug }: { slug: string }) {
  return (
    <a
      href={`/api/calls/${encodeURIComponent(slug)}/calendar.ics`}
      download
      className="inline-flex min-h-10 items-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none"
    >
      <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="size-4">
        <rect x="3" y="4.5" width="14" height="12" rx="2" />
        <path d="M3 8.5h14M7 2.5v4M13 2.5v4" />
      </svg>
      Add to calendar<span className="sr-only"> (downloads an .ics file)</span>
    </a>
  );
}
