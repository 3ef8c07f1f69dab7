import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallMarkdown } from './index';

/** Markdown-ish noise: the characters and line starts that steer a Markdown parser. */
const piece = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('# ', '## ', '### ', '- ', '* ', '1. ', '  ', '\t', '> ', '```', '---', '|', '[', '](', ')', '<', '>', '**', '_', '`', '[x] ', 'Q (A): ', 'A: ', '@kai', '(10m)', '\n', '\r\n', '\n\n', '# Call Minutes\n', '## Q&A\n', '## Attendees\n', 'Tuesday, 13th of July, 17:30 CEST', '\uFEFF'),
);

describe('parseCallMarkdown on any text', () => {
  it('never throws, and refuses only a blank document', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (markdown) => {
        const result = parseCallMarkdown(markdown, { filename: '2021-07-13.md', today: new Date('2026-12-02T12:00:00Z') });
        expect(result.ok).toBe(markdown.replace(/^\uFEFF/, '').trim() !== '');
        if (!result.ok) return;
        for (const notice of result.notices) expect(notice.line).toBeGreaterThanOrEqual(1);
        expect(result.draft.title.trim()).not.toBe('');
        for (const section of result.draft.sections) expect(section.title.trim()).not.toBe('');
        for (const question of result.draft.questions) expect(question.text.trim()).not.toBe('');
        for (const attendee of result.draft.attendees) expect(attendee.displayName.trim()).not.toBe('');
        for (const section of result.draft.sections) for (const item of section.items) expect(item.title.trim()).not.toBe('');
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
