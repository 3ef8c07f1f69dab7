import type { ImportNotice } from '@/lib/markdown/call-draft';

/** The importer's (or the API's) notices, each with the line of the document it is about. */
export function NoticeList({ notices, heading }: { notices: ImportNotice[]; heading: string }) {
  return (
    <div className="mt-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="import-notices">
      <p className="font-semibold">{heading}</p>
      {notices.length > 0 ? (
        <ul className="mt-1 list-disc pl-5">
          {notices.map((notice, index) => (
            <li key={`${notice.line}:${index}`}>
              Line {notice.line}: {withoutLinePrefix(notice.message)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Some messages already start with "Line N:"; the list says the line itself. */
export const withoutLinePrefix = (message: string) => message.replace(/^Line \d+:\s*/i, '');
