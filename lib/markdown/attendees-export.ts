import type { IntroState, ParticipantView } from '../protocol';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * `## Attendees` (name, affiliation, what brings them; team marked) and, if there was one, the intro order. Once
 * the names were removed (`removedNotice`), only how many checked in.
 */
export function exportAttendeesMarkdown(participants: ParticipantView[], intro: IntroState | null, removedNotice: string | null = null): string {
  const lines = ['## Attendees', ''];
  if (removedNotice) {
    const count = participants.length === 1 ? '1 person' : `${participants.length} people`;
    return [...lines, `${count} checked in. ${removedNotice}`].join('\n');
  }
  if (participants.length === 0) lines.push('Nobody checked in.');
  for (const participant of participants) {
    const who = [oneLine(participant.displayName), participant.affiliation && `(${oneLine(participant.affiliation)})`, participant.isTeam && '— team']
      .filter(Boolean)
      .join(' ');
    lines.push(`* ${who}${participant.reason ? `: ${oneLine(participant.reason)}` : ''}`);
  }
  const names = new Map(participants.map((participant) => [participant.id, oneLine(participant.displayName)]));
  const spoke = (intro?.order ?? []).slice(0, intro?.status === 'done' ? undefined : intro?.currentIndex).filter((id) => names.has(id));
  if (spoke.length > 0) {
    lines.push('', '### Intro round', '', ...spoke.map((id, index) => `${index + 1}. ${names.get(id)}`));
  }
  return lines.join('\n');
}
