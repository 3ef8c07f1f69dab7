import { describe, expect, it } from 'vitest';
import type { PublicCall, PublicSection } from '@/lib/protocol';
import { applyAgendaEdit, decideAgendaEdit } from './agenda-edits';

const item = (id: string, plannedMinutes: number | null = 5) => ({ id, title: `Item ${id}`, notes: '', presenter: '', plannedMinutes });
const sections: PublicSection[] = [
  { id: 's1', title: 'Welcome', notes: '', items: [item('a'), item('b')] },
  { id: 's2', title: 'Spotlight', notes: '', items: [item('c')] },
];
const titles = (result: PublicSection[]) => result.map((section) => `${section.title}: ${section.items.map((each) => each.id).join(',')}`);

describe('applyAgendaEdit', () => {
  it('adds, renames and deletes sections', () => {
    let result = applyAgendaEdit(sections, { type: 'addSection', id: 's3', title: 'Q&A', notes: '', index: 1 });
    expect(titles(result)).toEqual(['Welcome: a,b', 'Q&A: ', 'Spotlight: c']);
    result = applyAgendaEdit(result, { type: 'updateSection', sectionId: 's3', title: 'Questions' });
    expect(result[1]).toMatchObject({ title: 'Questions', notes: '' });
    expect(titles(applyAgendaEdit(result, { type: 'deleteSection', sectionId: 's1' }))).toEqual(['Questions: ', 'Spotlight: c']);
  });

  it('reorders sections and moves items within and across sections', () => {
    expect(titles(applyAgendaEdit(sections, { type: 'moveSection', sectionId: 's2', toIndex: 0 }))).toEqual(['Spotlight: c', 'Welcome: a,b']);
    expect(titles(applyAgendaEdit(sections, { type: 'moveItem', itemId: 'b', toSectionId: 's1', toIndex: 0 }))).toEqual([
      'Welcome: b,a',
      'Spotlight: c',
    ]);
    expect(titles(applyAgendaEdit(sections, { type: 'moveItem', itemId: 'a', toSectionId: 's2', toIndex: 5 }))).toEqual([
      'Welcome: b',
      'Spotlight: c,a',
    ]);
  });

  it('adds and edits items, keeping fields that were not sent', () => {
    const added = applyAgendaEdit(sections, { type: 'addItem', id: 'd', sectionId: 's2', title: 'Demo', notes: '', presenter: 'Kai', plannedMinutes: 10 });
    expect(added[1]!.items[1]).toEqual({ id: 'd', title: 'Demo', notes: '', presenter: 'Kai', plannedMinutes: 10 });
    const edited = applyAgendaEdit(added, { type: 'updateItem', itemId: 'd', presenter: 'Mia', plannedMinutes: null });
    expect(edited[1]!.items[1]).toEqual({ id: 'd', title: 'Demo', notes: '', presenter: 'Mia', plannedMinutes: null });
  });

  it('reports unknown sections and items', () => {
    expect(() => applyAgendaEdit(sections, { type: 'deleteItem', itemId: 'zz' })).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => applyAgendaEdit(sections, { type: 'moveItem', itemId: 'a', toSectionId: 'zz', toIndex: 0 })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});

describe('decideAgendaEdit', () => {
  const live = { status: 'live', currentItemId: 'b', sections } as unknown as PublicCall;
  const now = new Date('2026-11-26T17:00:00.000Z');

  it('publishes the whole new agenda', () => {
    expect(decideAgendaEdit(live, { type: 'deleteItem', itemId: 'a' }, now)).toEqual([
      { type: 'agenda.updated', sections: [{ ...sections[0], items: [item('b')] }, sections[1]] },
    ]);
  });

  it('moves the call on when the running item is deleted', () => {
    const events = decideAgendaEdit(live, { type: 'deleteItem', itemId: 'b' }, now);
    expect(events[1]).toEqual({ type: 'agenda.current', currentItemId: 'c', itemStartedAt: now.toISOString() });
  });
});
