import type { PublicAction, PublicCall } from '@/lib/protocol';

/** A due date (`2026-12-20`) as the viewer writes dates, without a time: it is the same day everywhere. */
export function formatDueDate(due: string, locale?: string): string {
  const [year, month, day] = due.split('-').map(Number);
  if (!year || !month || !day) return due;
  return new Date(year, month - 1, day).toLocaleDateString(locale, { dateStyle: 'medium' });
}

/** True when an open item's due day is before `today` (the viewer's `YYYY-MM-DD`). */
export function isOverdue(action: Pick<PublicAction, 'due' | 'isDone'>, today: string): boolean {
  return !action.isDone && action.due !== null && action.due < today;
}

/** The viewer's own date, `YYYY-MM-DD`. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The title of each agenda item of the call, by id. */
export function agendaItemTitles(call: { sections: { items: Pick<PublicCall['sections'][number]['items'][number], 'id' | 'title'>[] }[] }): Map<string, string> {
  return new Map(call.sections.flatMap((section) => section.items.map((item) => [item.id, item.title] as const)));
}

/** Open items first, then done ones, each keeping the order they were given in. */
export function splitByState<Item extends { isDone: boolean }>(actions: Item[]): { open: Item[]; done: Item[] } {
  return { open: actions.filter((action) => !action.isDone), done: actions.filter((action) => action.isDone) };
}

export type OwnerGroup<Item> = { owner: string | null; actions: Item[] };

/**
 * Items grouped by owner: owners alphabetically (ignoring case and `@`, a name written twice in different case is
 * one owner), "no owner" last; in a group, the earliest due first, undated ones after, otherwise as given.
 */
export function groupByOwner<Item extends { owner: string | null; due: string | null }>(actions: Item[]): OwnerGroup<Item>[] {
  const groups = new Map<string, OwnerGroup<Item>>();
  for (const action of actions) {
    const name = action.owner?.replace(/^@/, '').trim() ?? '';
    const key = name.toLocaleLowerCase();
    const group = groups.get(key) ?? { owner: name || null, actions: [] };
    group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([, group]) => ({ ...group, actions: [...group.actions].sort(byDue) }));
}

function byDue(a: { due: string | null }, b: { due: string | null }): number {
  if (a.due === b.due) return 0;
  if (a.due === null) return 1;
  if (b.due === null) return -1;
  return a.due < b.due ? -1 : 1;
}
