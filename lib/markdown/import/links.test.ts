import { describe, expect, it } from 'vitest';
import { importCall } from './test-support';

const withLinks = (lines: string) => importCall(`# Call on Thursday, December 3, 2026, 17:30–18:30 UTC\n\n## Links for participants\n${lines}\n\n## Welcome\n- Hi\n`);

describe('links', () => {
  it('reads the link node: the text before it is the label, a URL written as its text is not', () => {
    const { draft } = withLinks('- Youtube live stream link (for passively watching): [http://www.youtube.com/x](http://www.youtube.com/x)');
    expect(draft.links).toEqual([{ label: 'Youtube live stream link (for passively watching)', url: 'http://www.youtube.com/x', line: 4 }]);
    expect(draft.description).toBe('');
  });

  it('keeps relative URLs as written, and reads reference-style links and autolinks', () => {
    const { draft } = withLinks('- [Slide deck](2021-07-13-slides.pdf)\n- [Notes][notes]\n- Recording: <https://example.org/rec>\n- Chat: https://chat.example.org/room\n\n[notes]: ../notes/2021-07-13.md');
    expect(draft.links.map(({ label, url }) => [label, url])).toEqual([
      ['Slide deck', '2021-07-13-slides.pdf'],
      ['Notes', '../notes/2021-07-13.md'],
      ['Recording', 'https://example.org/rec'],
      ['Chat', 'https://chat.example.org/room'],
    ]);
  });

  it('keeps placeholder and empty links as text in the description, each with a notice', () => {
    const { draft, notices } = withLinks('- Zoom link: ***[TODO: add link]***\n- [Meetecho]()\n- Planning board (archived, link no longer available)\n- Stream: *will be added briefly before the call starts*');
    expect(draft.links).toEqual([]);
    expect(draft.description).toBe('Zoom link: ***[TODO: add link]***\n\n[Meetecho]()\n\nPlanning board (archived, link no longer available)\n\nStream: *will be added briefly before the call starts*');
    expect(notices.map((notice) => notice.line)).toEqual([4, 5, 6, 7]);
  });

  it('keeps lines nested under a link (meeting ID, passcode) and text after it in the description', () => {
    const { draft, notices } = withLinks('- Zoom: [join](https://zoom.us/j/1) - waiting room on\n  - Meeting ID: 843 3611 6610\n  - Passcode: 444888');
    expect(draft.links).toEqual([{ label: 'Zoom', url: 'https://zoom.us/j/1', line: 4 }]);
    expect(draft.description).toBe('Zoom: join\n\nZoom: waiting room on\n\nZoom:\n\n- Meeting ID: 843 3611 6610\n- Passcode: 444888');
    expect(notices[0]!.message).toContain('waiting room on');
  });

  it('reads link lists anywhere in the preamble, a paragraph that is only a link, and a heading that is only a link', () => {
    const { draft } = importCall('# Call\n\n[Video Conference Link](https://zoom.us/j/9)\n\n## [Recording](https://youtu.be/x)\n\n- Slides: [deck](slides.pdf)\n- Zoom: https://zoom.us/j/1\n\n## Agenda\n- One\n');
    expect(draft.links.map(({ label, url }) => [label, url])).toEqual([
      ['Video Conference Link', 'https://zoom.us/j/9'],
      ['Recording', 'https://youtu.be/x'],
      ['Slides', 'slides.pdf'],
      ['Zoom', 'https://zoom.us/j/1'],
    ]);
    expect(draft.sections.map((section) => section.title)).toEqual(['Agenda']);
  });

  it('keeps a link with a URL the call cannot take (ftp:, javascript:) as text', () => {
    const { draft, notices } = withLinks('- Files: [mirror](ftp://example.org/pub)\n- Bad: [click](javascript:alert(1))\n- Ok: [docs](docs/)');
    expect(draft.links.map((link) => link.url)).toEqual(['docs/']);
    expect(draft.description).toContain('[Files](<ftp://example.org/pub>)');
    expect(notices.filter((notice) => notice.message.includes('cannot be a call link'))).toHaveLength(2);
  });

  it('moves links over the limit into the description', () => {
    const lines = Array.from({ length: 52 }, (_, index) => `- L${index}: https://x.org/${index}`).join('\n');
    const { draft, notices } = withLinks(lines);
    expect(draft.links).toHaveLength(50);
    expect(draft.description).toContain('- [L50](<https://x.org/50>)');
    expect(notices.some((notice) => notice.message.includes('at most 50 links'))).toBe(true);
  });
});
