import type { PublicItem, PublicSection } from '@/lib/protocol';
import type { Transaction } from './database';

const sameItem = (a: PublicItem, b: PublicItem) =>
  a.title === b.title && a.notes === b.notes && a.presenter === b.presenter && a.plannedMinutes === b.plannedMinutes;

/** Writes only the rows an agenda edit changed: created, updated, moved and deleted sections and items. */
export async function saveAgendaChanges(transaction: Transaction, callId: string, before: PublicSection[], after: PublicSection[]) {
  const oldSections = new Map(before.map((section, position) => [section.id, { section, position }]));
  const oldItems = new Map(
    before.flatMap((section) => section.items.map((item, position) => [item.id, { item, position, sectionId: section.id }] as const)),
  );
  const keptSections = new Set(after.map((section) => section.id));
  const keptItems = new Set(after.flatMap((section) => section.items.map((item) => item.id)));

  const goneItems = [...oldItems.keys()].filter((id) => !keptItems.has(id));
  if (goneItems.length > 0) await transaction.item.deleteMany({ where: { callId, id: { in: goneItems } } });

  for (const [position, section] of after.entries()) {
    const old = oldSections.get(section.id);
    const fields = { title: section.title, notes: section.notes, position };
    if (!old) await transaction.section.create({ data: { id: section.id, callId, ...fields } });
    else if (old.position !== position || old.section.title !== section.title || old.section.notes !== section.notes) {
      await transaction.section.update({ where: { id: section.id }, data: fields });
    }
    for (const [itemPosition, item] of section.items.entries()) {
      const previous = oldItems.get(item.id);
      const { id, ...itemFields } = item;
      const data = { ...itemFields, sectionId: section.id, position: itemPosition };
      if (!previous) await transaction.item.create({ data: { id, callId, ...data } });
      else if (previous.position !== itemPosition || previous.sectionId !== section.id || !sameItem(previous.item, item)) {
        await transaction.item.update({ where: { id }, data });
      }
    }
  }
  // Sections go last: their items may have moved to sections that stay.
  const goneSections = [...oldSections.keys()].filter((id) => !keptSections.has(id));
  if (goneSections.length > 0) await transaction.section.deleteMany({ where: { callId, id: { in: goneSections } } });
}
