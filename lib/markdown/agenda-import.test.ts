import { describe, expect, it } from 'vitest';
import { parseAgendaMarkdown } from './agenda-import';
import { parseCallMarkdown } from './import';

const document = `# Agenda for the Jenkins call on Thursday, December 3, 2026, 17:30 CET

## Links for participants
- [Slides](slides.pdf)

## Welcome
- Intro round (5m) @kai
  - say hi

# Call Minutes

Everybody said hi.
`;

describe('parseAgendaMarkdown (the agenda part of parseCallMarkdown, until its callers switch)', () => {
  it('gives the agenda fields of the call draft without line numbers or record parts', () => {
    const result = parseAgendaMarkdown(document);
    expect(result).toEqual({
      ok: true,
      notices: [],
      draft: {
        title: 'Jenkins call',
        description: '',
        startsAt: '2026-12-03T17:30',
        timezone: 'Europe/Berlin',
        links: [{ label: 'Slides', url: 'slides.pdf' }],
        sections: [{ title: 'Welcome', notes: '', items: [{ title: 'Intro round', notes: '- say hi', presenter: 'kai', plannedMinutes: 5 }] }],
      },
    });
    const full = parseCallMarkdown(document);
    expect(full.ok && full.draft.minutes).toBe('Everybody said hi.');
  });

  it('refuses only an empty document', () => {
    expect(parseAgendaMarkdown(' \r\n\t\n')).toEqual({ ok: false, errors: [{ line: 1, message: expect.stringContaining('empty') }] });
    expect(parseAgendaMarkdown('just some words').ok).toBe(true);
  });
});
