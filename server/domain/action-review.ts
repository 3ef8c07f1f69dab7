import type { PublicAction } from '@/lib/protocol';
import { utcToZonedLocal } from '@/lib/time';

export const REVIEW_ITEM_TITLE = 'Review action items';
/** The section a call without sections gets for its review item. */
export const REVIEW_SECTION_TITLE = 'Review';
/** An agenda item's notes hold at most 20,000 characters (createCallSchema); a longer list ends with a count. */
const MAX_NOTES = 20_000;

type AgendaItem = { title: string; notes: string; presenter: string; plannedMinutes: number | null };
type AgendaSection = { title: string; notes: string; items: AgendaItem[] };

/** `- @owner text (from <call title>, <YYYY-MM-DD>)`, the day in the next call's time zone. */
export function reviewLine(action: Pick<PublicAction, 'owner' | 'text' | 'call'>, timezone: string): string {
  const owner = action.owner ? `@${action.owner} ` : '';
  const day = action.call.startsAt ? `, ${utcToZonedLocal(new Date(action.call.startsAt), timezone).slice(0, 10)}` : '';
  return `- ${owner}${action.text} (from ${action.call.title}${day})`;
}

function reviewNotes(actions: Pick<PublicAction, 'owner' | 'text' | 'call'>[], timezone: string): string {
  const lines: string[] = [];
  let length = 0;
  for (const [index, action] of actions.entries()) {
    const line = reviewLine(action, timezone);
    const rest = `- … and ${actions.length - index} more`;
    if (length + line.length + 1 + rest.length > MAX_NOTES) {
      lines.push(rest);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** What a copied review item says when nothing is left open. */
export const NOTHING_OPEN = 'No open action items.';

const isReviewTitle = (title: string) => title.trim().toLowerCase() === REVIEW_ITEM_TITLE.toLowerCase();

/**
 * The next call's agenda with an item reviewing the series' open action items at the start of its first section
 * (a call without sections gets a section for it). A review item copied from the call before gets the current
 * list instead of a second item (or says nothing is open); without open items and such an item, the agenda is unchanged.
 */
export function withReviewItem<Section extends AgendaSection>(
  sections: Section[],
  actions: Pick<PublicAction, 'owner' | 'text' | 'call'>[],
  timezone: string,
): (Section | AgendaSection)[] {
  const notes = actions.length > 0 ? reviewNotes(actions, timezone) : NOTHING_OPEN;
  if (sections.some((section) => section.items.some((item) => isReviewTitle(item.title)))) {
    return sections.map((section) => ({ ...section, items: section.items.map((item) => (isReviewTitle(item.title) ? { ...item, notes } : item)) }));
  }
  if (actions.length === 0) return sections;
  const item: AgendaItem = { title: REVIEW_ITEM_TITLE, notes, presenter: '', plannedMinutes: null };
  const [first, ...rest] = sections;
  if (!first) return [{ title: REVIEW_SECTION_TITLE, notes: '', items: [item] }];
  return [{ ...first, items: [item, ...first.items] }, ...rest];
}
