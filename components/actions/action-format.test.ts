import { describe, expect, it } from 'vitest';
import { agendaItemTitles, formatDueDate, groupByOwner, isOverdue, localDate, splitByState } from './action-format';

const item = (id: string, owner: string | null, due: string | null = null) => ({ id, owner, due });

describe('groupByOwner', () => {
  it('groups owners alphabetically with "no owner" last', () => {
    const groups = groupByOwner([item('1', null), item('2', 'zoe'), item('3', 'Ana'), item('4', 'zoe')]);
    expect(groups.map((group) => [group.owner, group.actions.map((action) => action.id)])).toEqual([
      ['Ana', ['3']],
      ['zoe', ['2', '4']],
      [null, ['1']],
    ]);
  });

  it('counts @Hugo, hugo and HUGO as one owner, named as first written', () => {
    const groups = groupByOwner([item('1', '@Hugo'), item('2', 'hugo'), item('3', 'HUGO ')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ owner: 'Hugo' });
  });

  it('treats a blank owner as no owner', () => {
    expect(groupByOwner([item('1', '  '), item('2', null)])).toEqual([{ owner: null, actions: [item('1', '  '), item('2', null)] }]);
  });

  it('puts the earliest due first in a group, undated ones after in their order', () => {
    const groups = groupByOwner([item('a', 'x'), item('b', 'x', '2026-12-20'), item('c', 'x'), item('d', 'x', '2026-12-01')]);
    expect(groups[0]!.actions.map((action) => action.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('answers no groups for no items', () => {
    expect(groupByOwner([])).toEqual([]);
  });
});

describe('splitByState', () => {
  it('keeps the order within open and done', () => {
    const actions = [
      { id: '1', isDone: true },
      { id: '2', isDone: false },
      { id: '3', isDone: true },
      { id: '4', isDone: false },
    ];
    expect(splitByState(actions)).toEqual({ open: [actions[1], actions[3]], done: [actions[0], actions[2]] });
  });
});

describe('dates', () => {
  it('shows a due day as that day whatever the timezone', () => {
    expect(formatDueDate('2026-12-20', 'en-US')).toBe('Dec 20, 2026');
    expect(formatDueDate('2026-01-01', 'de-DE')).toBe('01.01.2026');
    expect(formatDueDate('garbled', 'en-US')).toBe('garbled');
  });

  it('is overdue only when open and due before today', () => {
    expect(isOverdue({ due: '2026-12-01', isDone: false }, '2026-12-02')).toBe(true);
    expect(isOverdue({ due: '2026-12-02', isDone: false }, '2026-12-02')).toBe(false);
    expect(isOverdue({ due: '2026-12-01', isDone: true }, '2026-12-02')).toBe(false);
    expect(isOverdue({ due: null, isDone: false }, '2026-12-02')).toBe(false);
  });

  it('reads the local date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('agendaItemTitles', () => {
  it('maps every item of every section', () => {
    const sections = [
      { items: [{ id: 'a', title: 'Intro' }] },
      { items: [{ id: 'b', title: 'Release' }, { id: 'c', title: 'AOB' }] },
    ];
    expect([...agendaItemTitles({ sections })]).toEqual([
      ['a', 'Intro'],
      ['b', 'Release'],
      ['c', 'AOB'],
    ]);
  });
});
