import type { PublicLink } from '@/lib/protocol';
import { Panel } from '../ui/panel';

export function ParticipantLinks({ links }: { links: PublicLink[] }) {
  if (links.length === 0) return null;
  return (
    <Panel title="Links for participants">
      <ul className="space-y-2">
        {links.map((link) => (
          <li key={link.id}>
            <a href={link.url} target="_blank" rel="noopener noreferrer" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
