import { describe, expect, it } from 'vitest';
import { DEFAULT_PATH_TEMPLATE } from '@/lib/protocol';
import { checkPathTemplate, commitUrlOf, compareUrlOf, gitHostOf, publishBranch, recordPath, titleSegment, tokenCredentials, type PublishedCall } from './publishing';

const call = (patch: Partial<PublishedCall> = {}): PublishedCall => ({
  slug: 'abc123',
  title: 'Flatcar Community Call: July',
  // 23:30 UTC on the 13th is already the 14th in Berlin: the call's own date counts.
  startsAt: '2021-07-13T23:30:00.000Z',
  startedAt: null,
  timezone: 'Europe/Berlin',
  ...patch,
});
const refusal = (message: string) => expect.objectContaining({ code: 'invalid_payload', message });

describe('recordPath', () => {
  it('fills the date in the call’s own timezone, the slug and a file-safe title', () => {
    expect(recordPath(DEFAULT_PATH_TEMPLATE, call())).toBe('community-meetings/2021-07-14.md');
    expect(recordPath('{yyyy}/{slug}-{title}.md', call())).toBe('2021/abc123-flatcar-community-call-july.md');
    expect(recordPath(DEFAULT_PATH_TEMPLATE, call({ startedAt: '2021-07-20T15:00:00.000Z' }))).toBe('community-meetings/2021-07-20.md');
  });

  it('refuses a date placeholder for a call whose date is to be announced, but not a template without one', () => {
    expect(() => recordPath(DEFAULT_PATH_TEMPLATE, call({ startsAt: null }))).toThrow(refusal('The call has no date yet: set one, or use a template without {yyyy}, {mm} and {dd}.'));
    expect(recordPath('calls/{slug}.md', call({ startsAt: null }))).toBe('calls/abc123.md');
  });

  it('keeps every path inside the repository', () => {
    expect(() => checkPathTemplate('../outside/{slug}.md')).toThrow(refusal('The path must stay inside the repository (no empty, "." or ".." parts).'));
    expect(() => checkPathTemplate('/etc/{slug}.md')).toThrow(refusal('The path must be relative to the repository, without a leading slash.'));
    expect(() => checkPathTemplate('.git/hooks/{slug}.md')).toThrow(refusal('The path must not point into .git.'));
    expect(() => checkPathTemplate('notes//{slug}.md')).toThrow(refusal('The path must stay inside the repository (no empty, "." or ".." parts).'));
    expect(() => checkPathTemplate('C:\\calls\\{slug}.md')).toThrow(refusal('The path must be relative to the repository, without a leading slash.'));
    expect(() => checkPathTemplate('calls/{slug}.txt')).toThrow(refusal('The path must end in .md.'));
    expect(() => checkPathTemplate('calls/{week}.md')).toThrow(refusal('Unknown placeholder {week}: use {yyyy}, {mm}, {dd}, {slug} or {title}.'));
    // A title can never smuggle a path in: it becomes one segment.
    expect(recordPath('{title}.md', call({ title: '../../etc/passwd' }))).toBe('etc-passwd.md');
  });

  it('turns any title into a non-empty segment', () => {
    expect(titleSegment('Café Überlingen — Q&A')).toBe('cafe-uberlingen-q-a');
    expect(titleSegment('🎉🎉')).toBe('call');
  });
});

describe('publishBranch', () => {
  it('names the branch after the call’s date and slug', () => {
    expect(publishBranch(call())).toBe('roundtable/2021-07-14-abc123');
    expect(publishBranch(call({ startsAt: null }))).toBe('roundtable/abc123');
  });
});

describe('compareUrlOf', () => {
  it('opens a pull or merge request on GitHub, GitLab and Gitea-style hosts', () => {
    expect(compareUrlOf('https://github.com/flatcar/community.git', 'main', 'roundtable/2021-07-14-abc123')).toBe(
      'https://github.com/flatcar/community/compare/main...roundtable%2F2021-07-14-abc123?expand=1',
    );
    expect(compareUrlOf('https://gitlab.com/group/sub/minutes', 'main', 'roundtable/x')).toBe(
      'https://gitlab.com/group/sub/minutes/-/merge_requests/new?merge_request%5Bsource_branch%5D=roundtable%2Fx&merge_request%5Btarget_branch%5D=main',
    );
    expect(compareUrlOf('https://codeberg.org/org/minutes/', 'main', 'roundtable/x')).toBe('https://codeberg.org/org/minutes/compare/main...roundtable%2Fx');
    expect(gitHostOf('https://gitlab.example.org/a/b')?.kind).toBe('gitlab');
    expect(gitHostOf('https://gitea.example.org/a/b')?.kind).toBe('gitea');
  });

  it('has none for unknown hosts, local repositories, a repository root path, or a push to the target branch', () => {
    expect(compareUrlOf('https://git.example.org/a/b.git', 'main', 'roundtable/x')).toBeNull();
    expect(compareUrlOf('file:///srv/git/minutes.git', 'main', 'roundtable/x')).toBeNull();
    expect(compareUrlOf('/srv/git/minutes.git', 'main', 'roundtable/x')).toBeNull();
    expect(compareUrlOf('https://github.com/flatcar', 'main', 'roundtable/x')).toBeNull();
    expect(compareUrlOf('https://github.com/flatcar/community', 'main', 'main')).toBeNull();
  });

  it('takes the kind of host the series set, for self-hosted instances the URL does not tell', () => {
    expect(compareUrlOf('https://salsa.debian.org/team/minutes.git', 'main', 'roundtable/x', 'gitlab')).toBe(
      'https://salsa.debian.org/team/minutes/-/merge_requests/new?merge_request%5Bsource_branch%5D=roundtable%2Fx&merge_request%5Btarget_branch%5D=main',
    );
    expect(compareUrlOf('http://127.0.0.1:8080/org/minutes.git', 'main', 'roundtable/x', 'gitea')).toBe('http://127.0.0.1:8080/org/minutes/compare/main...roundtable%2Fx');
    expect(compareUrlOf('https://github.com/flatcar/community.git', 'main', 'roundtable/x', 'none')).toBeNull();
    expect(compareUrlOf('file:///srv/git/minutes.git', 'main', 'roundtable/x', 'github')).toBeNull();
  });
});

describe('commitUrlOf', () => {
  it('links to the commit on GitHub, GitLab and Gitea-style hosts, and nowhere else', () => {
    expect(commitUrlOf('https://github.com/flatcar/community.git', 'abc123')).toBe('https://github.com/flatcar/community/commit/abc123');
    expect(commitUrlOf('https://gitlab.com/group/minutes', 'abc123')).toBe('https://gitlab.com/group/minutes/-/commit/abc123');
    expect(commitUrlOf('https://codeberg.org/org/minutes', 'abc123')).toBe('https://codeberg.org/org/minutes/commit/abc123');
    expect(commitUrlOf('https://git.example.org/a/b.git', 'abc123')).toBeNull();
  });
});

describe('tokenCredentials', () => {
  it('uses the user name each host documents for tokens', () => {
    expect(tokenCredentials('https://github.com/a/b', 't0k')).toEqual({ username: 'x-access-token', password: 't0k' });
    expect(tokenCredentials('https://gitlab.com/a/b', 't0k')).toEqual({ username: 'oauth2', password: 't0k' });
    expect(tokenCredentials('https://codeberg.org/a/b', 't0k')).toEqual({ username: 'x-access-token', password: 't0k' });
  });
});
