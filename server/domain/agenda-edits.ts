import { listItems } from '@/lib/call-state';
import { CommandError, LIMITS, type CallEvent, type PublicCall, type PublicItem, type PublicSection } from '@/lib/protocol';

type ItemFields = Omit<PublicItem, 'id'>;

export type AgendaEdit =
  | { type: 'addSection'; id: string; title: string; notes: string; index?: number }
  | { type: 'updateSection'; sectionId: string; title?: string; notes?: string }
  | { type: 'deleteSection'; sectionId: string }
  | { type: 'moveSection'; sectionId: string; toIndex: number }
  | ({ type: 'addItem'; id: string; sectionId: string; index?: number } & ItemFields)
  | ({ type: 'updateItem'; itemId: string } & Partial<ItemFields>)
  | { type: 'deleteItem'; itemId: string }
  | { type: 'moveItem'; itemId: string; toSectionId: string; toIndex: number };

function insertAt<T>(list: T[], value: T, index = list.length): T[] {
  const at = Math.min(Math.max(index, 0), list.length);
  return [...list.slice(0, at), value, ...list.slice(at)];
}

function findSection(sections: PublicSection[], sectionId: string): PublicSection {
  const section = sections.find((candidate) => candidate.id === sectionId);
  if (!section) throw new CommandError('not_found', 'That section no longer exists.');
  return section;
}

function findItem(sections: PublicSection[], itemId: string): { section: PublicSection; item: PublicItem } {
  for (const section of sections) {
    const item = section.items.find((candidate) => candidate.id === itemId);
    if (item) return { section, item };
  }
  throw new CommandError('not_found', 'That item no longer exists.');
}

function checkRoom(section: PublicSection) {
  if (section.items.length >= LIMITS.itemsPerSection) {
    throw new CommandError('invalid_state', `A section can hold at most ${LIMITS.itemsPerSection} items.`);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** The agenda after one edit. Pure; throws CommandError for edits that cannot apply. */
export function applyAgendaEdit(sections: PublicSection[], edit: AgendaEdit): PublicSection[] {
  const replaceSection = (sectionId: string, change: (section: PublicSection) => PublicSection) =>
    sections.map((section) => (section.id === sectionId ? change(section) : section));

  switch (edit.type) {
    case 'addSection':
      if (sections.length >= LIMITS.sections) throw new CommandError('invalid_state', `An agenda can hold at most ${LIMITS.sections} sections.`);
      return insertAt(sections, { id: edit.id, title: edit.title, notes: edit.notes, items: [] }, edit.index);
    case 'updateSection': {
      findSection(sections, edit.sectionId);
      const { title, notes } = edit;
      return replaceSection(edit.sectionId, (section) => ({ ...section, ...withoutUndefined({ title, notes }) }));
    }
    case 'deleteSection':
      findSection(sections, edit.sectionId);
      return sections.filter((section) => section.id !== edit.sectionId);
    case 'moveSection': {
      const section = findSection(sections, edit.sectionId);
      return insertAt(
        sections.filter((candidate) => candidate.id !== edit.sectionId),
        section,
        edit.toIndex,
      );
    }
    case 'addItem': {
      const section = findSection(sections, edit.sectionId);
      checkRoom(section);
      const { id, title, notes, presenter, plannedMinutes } = edit;
      return replaceSection(section.id, (current) => ({
        ...current,
        items: insertAt(current.items, { id, title, notes, presenter, plannedMinutes }, edit.index),
      }));
    }
    case 'updateItem': {
      const { section } = findItem(sections, edit.itemId);
      const { title, notes, presenter, plannedMinutes } = edit;
      const patch = withoutUndefined({ title, notes, presenter, plannedMinutes });
      return replaceSection(section.id, (current) => ({
        ...current,
        items: current.items.map((item) => (item.id === edit.itemId ? { ...item, ...patch } : item)),
      }));
    }
    case 'deleteItem': {
      const { section } = findItem(sections, edit.itemId);
      return replaceSection(section.id, (current) => ({ ...current, items: current.items.filter((item) => item.id !== edit.itemId) }));
    }
    case 'moveItem': {
      const { item } = findItem(sections, edit.itemId);
      const target = findSection(sections, edit.toSectionId);
      const withoutItem = sections.map((section) => ({ ...section, items: section.items.filter((candidate) => candidate.id !== item.id) }));
      if (target.items.every((candidate) => candidate.id !== item.id)) checkRoom(target);
      return withoutItem.map((section) => (section.id === target.id ? { ...section, items: insertAt(section.items, item, edit.toIndex) } : section));
    }
  }
}

/**
 * Decides the events for an agenda edit: the new agenda, and if the edit removed the running item, a move to
 * the item that took its place so a live call always has a current item.
 */
export function decideAgendaEdit(call: PublicCall, edit: AgendaEdit, now: Date): CallEvent[] {
  const sections = applyAgendaEdit(call.sections, edit);
  const events: CallEvent[] = [{ type: 'agenda.updated', sections }];
  if (call.status === 'live' && call.currentItemId) {
    const after = listItems({ ...call, sections });
    if (!after.some((item) => item.id === call.currentItemId)) {
      const before = listItems(call);
      const index = before.findIndex((item) => item.id === call.currentItemId);
      const replacement = after[Math.min(index, after.length - 1)] ?? null;
      events.push({ type: 'agenda.current', currentItemId: replacement?.id ?? null, itemStartedAt: replacement ? now.toISOString() : null });
    }
  }
  return events;
}
