import { resolveLinkUrl } from '@/lib/links';
import type { PublicLink } from '@/lib/protocol';
import { Panel } from '../ui/panel';

/** A relative link (`2021-07-13-slides.pdf`) opens against the documents base URL; without one its path shows as text. */
function ParticipantLink({ link, documentsBaseUrl }: { link: PublicLink; documentsBaseUrl: string }) {
  const href = resolveLinkUrl(link.url, documentsBaseUrl);
  if (href === null) {
    return (
      <span title="This link is relative to the call's documents, and no documents base URL is set." data-testid="unresolved-link">
        <span className="font-medium text-slate-800">{link.label}</span>
        <span className="text-slate-500">
          {' '}
          (<code className="break-all">{link.url}</code>)
        </span>
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
      {link.label}
    </a>
  );
}

export function ParticipantLinks({ links, documentsBaseUrl }: { links: PublicLink[]; documentsBaseUrl: string }) {
  if (links.length === 0) return null;
  return (
    <Panel title="Links for participants">
      <ul className="space-y-2">
        {links.map((link) => (
          <li key={link.id}>
            <ParticipantLink link={link} documentsBaseUrl={documentsBaseUrl} />
          </li>
        ))}
      </ul>
    </Panel>
  );
}
