/** The call record (agenda, minutes, Q&A) as a Markdown file. */
export function RecordLink({ slug }: { slug: string }) {
  return (
    <a
      href={`/api/calls/${encodeURIComponent(slug)}/minutes.md`}
      download={`minutes-${slug}.md`}
      className="flex w-fit min-h-10 items-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:outline-none"
    >
      Download Markdown<span className="sr-only"> of the agenda, minutes and questions</span>
    </a>
  );
}
