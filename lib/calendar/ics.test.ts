import { describe, expect, it } from 'vitest';
import { buildCalendar, calendarFileName, type CalendarCall, describeCall, escapeText, foldLine, formatUtcDateTime, isDatedCall } from './ics';

const call: CalendarCall = {
  slug: 'abc234defg',
  title: 'Jenkins; community, call',
  description: 'Monthly call.\nBring questions!',
  startsAt: '2026-12-03T16:30:00.000Z',
  timezone: 'Europe/Berlin',
  plannedMinutes: 90,
  links: [{ id: 'l1', label: 'Slides', url: 'https://example.org/slides' }],
  sections: [
    {
      id: 's1',
      title: 'Spotlight: release process',
      notes: 'Part one',
      items: [
        { id: 'i1', title: 'Release cadence', notes: '', presenter: 'Kai', plannedMinutes: 15 },
        { id: 'i2', title: 'Demo', notes: 'Live\nif the network holds', presenter: '', plannedMinutes: null },
      ],
    },
  ],
};

const octets = (text: string) => new TextEncoder().encode(text).length;

/** Undoes folding (RFC 5545 §3.1) and returns the content lines. */
function unfold(calendar: string): string[] {
  return calendar.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, character: string) => (character.toLowerCase() === 'n' ? '\n' : character));
}

describe('escapeText', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('leaves colons and quotes alone', () => {
    expect(escapeText('Q&A: "open" floor')).toBe('Q&A: "open" floor');
  });
});

describe('foldLine', () => {
  it('keeps lines of 75 octets or fewer whole', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds at 75 octets with a leading space on continuation lines', () => {
    const line = `DESCRIPTION:${'a'.repeat(200)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of physical.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('never splits a multi-byte character such as an emoji', () => {
    const line = `SUMMARY:${'🎉é'.repeat(40)}`;
    const physical = foldLine(line).split('\r\n');
    for (const part of physical) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      // A split surrogate pair or UTF-8 sequence would not survive the round trip.
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part))).toBe(part);
      expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(physical.join('\r\n').replace(/\r\n /g, '')).toBe(line);
  });
});

describe('buildCalendar', () => {
  const calendar = buildCalendar(call, 'https://calls.example.org/c/abc234defg', new Date('2026-11-20T10:00:00.123Z'));
  const lines = unfold(calendar);
  const value = (name: string) => lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1);

  it('is a published calendar with one confirmed event, CRLF line endings and no bare LF', () => {
    expect(calendar.endsWith('\r\n')).toBe(true);
    expect(calendar.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(value('VERSION')).toBe('2.0');
    expect(value('PRODID')).toMatch(/Roundtable/);
    expect(value('METHOD')).toBe('PUBLISH');
    expect(value('STATUS')).toBe('CONFIRMED');
    for (const line of calendar.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('has a stable UID, a UTC stamp and start, and ends after the planned length', () => {
    expect(value('UID')).toBe('abc234defg@roundtable');
    expect(value('DTSTAMP')).toBe('20261120T100000Z');
    expect(value('DTSTART')).toBe('20261203T163000Z');
    expect(value('DTEND')).toBe('20261203T180000Z');
    expect(formatUtcDateTime(new Date('2027-01-01T00:00:00Z'))).toBe('20270101T000000Z');
  });

  it('escapes the title and puts the agenda, presenters, minutes and links in the description', () => {
    expect(value('SUMMARY')).toBe('Jenkins\\; community\\, call');
    expect(value('URL')).toBe('https://calls.example.org/c/abc234defg');
    const description = unescapeText(value('DESCRIPTION') ?? '');
    expect(description).toContain('Monthly call.\nBring questions!');
    expect(description).toContain('Join: https://calls.example.org/c/abc234defg');
    expect(description).toContain('Agenda\n\nSpotlight: release process\nPart one\n- Release cadence (Kai, 15 mins)\n- Demo\n  Live\n  if the network holds');
    expect(description).toContain('Links\n- Slides: https://example.org/slides');
  });
});

describe('links and dates', () => {
  const withRelative: CalendarCall = {
    ...call,
    links: [...call.links, { id: 'l2', label: 'Slide deck', url: '2021-07-13-slides.pdf' }],
  };

  it('writes a relative link out against the documents base URL, and as written without one', () => {
    expect(describeCall({ ...withRelative, documentsBaseUrl: 'https://example.org/calls' }, 'https://x/c/a')).toContain(
      '- Slides: https://example.org/slides\n- Slide deck: https://example.org/calls/2021-07-13-slides.pdf',
    );
    expect(describeCall({ ...withRelative, documentsBaseUrl: '' }, 'https://x/c/a')).toContain('- Slide deck: 2021-07-13-slides.pdf');
  });

  it('tells a dated call from one whose date is to be announced', () => {
    expect(isDatedCall({ startsAt: '2026-12-03T16:30:00.000Z' })).toBe(true);
    expect(isDatedCall({ startsAt: null })).toBe(false);
  });
});

describe('calendarFileName', () => {
  it('makes a safe ASCII name from the title', () => {
    expect(calendarFileName('Jenkins "community" call; Dec.')).toBe('jenkins-community-call-dec.ics');
    expect(calendarFileName('Réunion')).toBe('reunion.ics');
    expect(calendarFileName('会議')).toBe('call.ics');
  });
});
