import { describe, expect, it } from 'vitest';
import { createCallQuerySchema, createCallSchema } from '@/lib/protocol';
import { callInputFromMarkdown, lineInDraft, overridesFromQuery } from './markdown-call-input';

const agenda = '# Flatcar community call\n\n## News\n- Release 2905 (10m) @Thilo\n- ARM64 status\n';

describe('callInputFromMarkdown', () => {
  it('turns a document without a date into a call to be announced, with a notice', () => {
    const { input, notices } = callInputFromMarkdown(agenda, {}, undefined);
    const call = createCallSchema.parse(input);
    expect(call.startsAt).toBeUndefined();
    expect(call.sections).toMatchObject([{ title: 'News', items: [{ title: 'Release 2905', presenter: 'Thilo', plannedMinutes: 10 }, { title: 'ARM64 status' }] }]);
    expect(notices).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringContaining('to be announced') })]));
  });

  it('reads a start without a timezone as UTC and says so', () => {
    const { input, notices } = callInputFromMarkdown('# Call on 2026-12-03 17:30\n\n## A\n- b\n', {}, undefined);
    expect(createCallSchema.parse(input)).toMatchObject({ startsAt: '2026-12-03T17:30', timezone: 'UTC' });
    expect(notices).toContainEqual({ line: 1, message: expect.stringContaining('read as UTC') });
  });

  it('lets overrides win over the document and dates the call from the file name', () => {
    const { input } = callInputFromMarkdown(agenda, { startsAt: '2026-12-03T16:30:00Z', plannedMinutes: 30 }, undefined);
    expect(createCallSchema.parse(input)).toMatchObject({ startsAt: '2026-12-03T16:30', timezone: 'UTC', plannedMinutes: 30 });
    const named = callInputFromMarkdown('# Flatcar community call, 17:30 CEST\n\n## News\n- x\n', {}, '2021-07-13.md');
    expect(createCallSchema.parse(named.input)).toMatchObject({ startsAt: '2021-07-13T17:30', timezone: 'Europe/Berlin' });
  });

  it('takes the query parameters a text/markdown request may add', () => {
    const query = new URLSearchParams('startsAt=2026-12-03T17:30&timezone=Europe/Berlin&plannedMinutes=45&documentsBaseUrl=https://example.org/&title=ignored');
    expect(overridesFromQuery(createCallQuerySchema.parse(Object.fromEntries(query)))).toEqual({ startsAt: '2026-12-03T17:30', timezone: 'Europe/Berlin', plannedMinutes: 45, documentsBaseUrl: 'https://example.org/' });
  });
});

describe('lineInDraft', () => {
  const draft = {
    title: 'Call',
    sections: [{ title: 'A', line: 3, items: [{ title: '', line: 4 }] }],
    links: [{ label: 'Slides', url: 'javascript:1', line: 9 }],
  };

  it('finds the line of the deepest part of the draft on the path', () => {
    expect(lineInDraft(draft, ['sections', 0, 'items', 0, 'title'])).toBe(4);
    expect(lineInDraft(draft, ['sections', 0, 'notes'])).toBe(3);
    expect(lineInDraft(draft, ['links', 0, 'url'])).toBe(9);
  });

  it('falls back to the line of the part, or none', () => {
    expect(lineInDraft(draft, ['title'], { title: 1 })).toBe(1);
    expect(lineInDraft(draft, ['plannedMinutes'], { title: 1 })).toBeUndefined();
    expect(lineInDraft(draft, ['sections', 7, 'title'])).toBeUndefined();
  });
});
