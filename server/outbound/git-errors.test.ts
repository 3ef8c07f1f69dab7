import { describe, expect, it } from 'vitest';
import { classifyStderr, messageFor, scrub, stderrExcerpt } from './git-errors';

describe('classifyStderr', () => {
  it.each([
    ["fatal: Authentication failed for 'https://gitlab.com/a/b.git/'", 'git_auth_failed'],
    ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'git_auth_failed'],
    ['remote: HTTP Basic: Access denied', 'git_auth_failed'],
    ["remote: Permission to a/b.git denied to bot.\nfatal: unable to access 'https://github.com/a/b.git/': The requested URL returned error: 403", 'git_forbidden'],
    ["remote: Repository not found.\nfatal: repository 'https://github.com/a/b.git/' not found", 'git_not_found'],
    ["fatal: '/srv/git/b.git' does not appear to be a git repository", 'git_not_found'],
    ['warning: Could not find remote branch trunk to clone.\nfatal: Remote branch trunk not found in upstream origin', 'git_branch_not_found'],
    ["fatal: couldn't find remote ref refs/heads/trunk", 'git_branch_not_found'],
    [' ! [rejected]        abc -> roundtable/x (fetch first)\nerror: failed to push some refs', 'git_rejected'],
    [' ! [rejected]        abc -> main (non-fast-forward)', 'git_rejected'],
    ["fatal: unable to access 'https://nowhere.invalid/a.git/': Could not resolve host: nowhere.invalid", 'git_unreachable'],
    ["fatal: unable to access 'http://127.0.0.1:9/a.git/': Failed to connect to 127.0.0.1 port 9 after 0 ms: Couldn't connect to server", 'git_unreachable'],
    [' ! [remote rejected] main -> main (pre-receive hook declined)', 'git_failed'],
  ])('reads %j as %s', (stderr, code) => {
    expect(classifyStderr(stderr)).toBe(code);
  });
});

describe('scrub and stderrExcerpt', () => {
  it('removes every occurrence of every secret', () => {
    expect(scrub('Authorization: Basic c2VjcmV0 for secret and secret', ['secret', 'c2VjcmV0', ''])).toBe('Authorization: Basic *** for *** and ***');
  });

  it('keeps the error lines, drops hints, and shortens long output', () => {
    expect(stderrExcerpt('Cloning into x...\nhint: try this\nfatal: something broke\n')).toBe('fatal: something broke');
    expect(stderrExcerpt('just one line')).toBe('just one line');
    expect(stderrExcerpt(`fatal: ${'x'.repeat(500)}`)).toHaveLength(300);
  });
});

describe('messageFor', () => {
  const context = { hasToken: true, timeoutMs: 60_000, maxRepositoryBytes: 200 * 1024 * 1024 };

  it('says what to check, with the numbers that apply', () => {
    expect(messageFor('git_auth_failed', context)).toMatch(/refused the token/);
    expect(messageFor('git_auth_failed', { ...context, hasToken: false })).toMatch(/asks for a token/);
    expect(messageFor('git_timeout', context)).toContain('60 s');
    expect(messageFor('git_too_large', context)).toContain('200 MB');
    expect(messageFor('git_branch_not_found', { ...context, branch: 'trunk' })).toContain('"trunk"');
    expect(messageFor('git_failed', context, 'fatal: broke')).toBe('Git failed: fatal: broke');
  });
});
