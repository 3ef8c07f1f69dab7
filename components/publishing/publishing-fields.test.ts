import { describe, expect, it } from 'vitest';
import { describeProgress, fieldOfIssue, NEW_REPOSITORY, repositoryLabel, toPublishingRequest } from './publishing-fields';

describe('toPublishingRequest', () => {
  it('sends the repository, leaves empty defaults to the server and a blank token out', () => {
    const checked = toPublishingRequest({ ...NEW_REPOSITORY, url: 'https://github.com/org/community', targetBranch: ' ', token: '  ' });
    expect(checked).toEqual({
      request: {
        repository: {
          url: 'https://github.com/org/community',
          targetBranch: undefined,
          pathTemplate: NEW_REPOSITORY.pathTemplate,
          authorName: 'Roundtable',
          authorEmail: undefined,
          documentsBaseUrl: '',
          pushToTarget: false,
          hostKind: 'auto',
        },
      },
    });
  });

  it('carries a token', () => {
    const checked = toPublishingRequest({ ...NEW_REPOSITORY, url: '/srv/git/community.git', token: 'github_pat_1' });
    expect('request' in checked && checked.request.token).toBe('github_pat_1');
  });

  it('reports problems with the paths the server uses', () => {
    const checked = toPublishingRequest({ ...NEW_REPOSITORY, url: 'https://user:secret@example.org/repo', authorEmail: 'not an address' });
    expect('issues' in checked && checked.issues.map((issue) => issue.path)).toEqual(['repository.url', 'repository.authorEmail']);
  });
});

describe('fieldOfIssue', () => {
  it('maps repository fields and the token, nothing else', () => {
    expect(fieldOfIssue('repository.url')).toBe('url');
    expect(fieldOfIssue('repository.pathTemplate')).toBe('pathTemplate');
    expect(fieldOfIssue('token')).toBe('token');
    expect(fieldOfIssue('url')).toBeNull();
    expect(fieldOfIssue('webhooks.0.url')).toBeNull();
    expect(fieldOfIssue('')).toBeNull();
  });
});

describe('describeProgress', () => {
  it('counts imported files from one', () => {
    expect(describeProgress({ operation: 'import', phase: 'importing', done: 2, total: 12, message: 'Importing a.md (3 of 12)…' })).toBe('Importing 3 of 12…');
  });

  it('names the phase of a publish', () => {
    expect(describeProgress({ operation: 'publish', phase: 'pushing', message: '' })).toBe('Pushing the commit…');
    expect(describeProgress({ operation: 'publish', phase: 'done', message: 'Published commit abc1234 to main.' })).toBe('Published commit abc1234 to main.');
  });
});

it('repositoryLabel drops the scheme and .git', () => {
  expect(repositoryLabel('https://gitlab.com/group/project.git')).toBe('gitlab.com/group/project');
});
