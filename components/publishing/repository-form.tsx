'use client';

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Issue, PublishingSettings } from '@/lib/protocol';
import { describeError, updatePublishing, type HttpClientError } from '../client/http';
import { Button } from '../ui/button';
import { ErrorMessage } from '../ui/panel';
import { DescribedField } from './described-field';
import { fieldOfIssue, fieldsFromSettings, toPublishingRequest, type RepositoryFieldName, type RepositoryFields } from './publishing-fields';
import { TokenField } from './token-field';

const inputClass =
  'mt-1 block w-full min-w-0 rounded-lg border-0 bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50';
const SUMMARY = 'The publishing settings were not saved. Fix the problems marked above.';

type Props = {
  slug: string;
  hostKey: string;
  settings: PublishingSettings;
  /** `isDone`: the form has done its job and may close (not after forgetting the token alone). */
  onSaved: (settings: PublishingSettings, message: string, isDone: boolean) => void;
  onCancel?: () => void;
};

/** Host only: the repository the series publishes to, how its files are named and committed, and its token. */
export function RepositoryForm({ slug, hostKey, settings, onSaved, onCancel }: Props) {
  const [fields, setFields] = useState<RepositoryFields>(() => fieldsFromSettings(settings));
  const [issues, setIssues] = useState<Issue[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { target } = settings;
  const branch = fields.targetBranch.trim() || 'main';

  const errorFor = (field: RepositoryFieldName) => issues.find((issue) => fieldOfIssue(issue.path) === field)?.message;
  const setField = <Field extends RepositoryFieldName>(field: Field, value: RepositoryFields[Field]) => setFields((current) => ({ ...current, [field]: value }));
  const textProps = (field: Exclude<RepositoryFieldName, 'pushToTarget' | 'hostKind'>) => ({
    name: field,
    className: inputClass,
    value: fields[field],
    onChange: (event: { target: { value: string } }) => setField(field, event.target.value),
  });

  function showIssues(found: Issue[], message: string) {
    setIssues(found);
    setFormError(message);
    const first = found.map((issue) => fieldOfIssue(issue.path)).find((field) => field !== null);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  /** Problems with fields show beside them; anything else (no secret key, a refusal, the network) above the buttons. */
  function showError(error: HttpClientError) {
    const found = error.issues ?? [];
    const isAboutFields = found.length > 0 && found.every((issue) => fieldOfIssue(issue.path) !== null);
    if (isAboutFields) showIssues(found, SUMMARY);
    else if (error.code === 'no_secret_key') showIssues([{ path: 'token', message: 'This server cannot store tokens.' }], error.message);
    else showIssues([], describeError(error));
  }

  async function send(request: Parameters<typeof updatePublishing>[2], message: string, isDone: boolean) {
    setBusy(true);
    setFormError(null);
    const result = await updatePublishing(slug, hostKey, request);
    setBusy(false);
    if (!result.ok) return showError(result.error);
    setIssues([]);
    setFields((current) => ({ ...current, token: '' }));
    onSaved(result.data, message, isDone);
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = toPublishingRequest(fields);
    if ('issues' in checked) return showIssues(checked.issues, SUMMARY);
    void send(checked.request, checked.request.token ? 'Publishing settings and token saved.' : 'Publishing settings saved.', true);
  }

  function cancelOnEscape(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape' || !onCancel) return;
    event.preventDefault();
    onCancel();
  }

  return (
    <form ref={formRef} onSubmit={save} onKeyDown={cancelOnEscape} noValidate className="space-y-3" aria-label="Publishing settings">
      <DescribedField label="Repository URL" error={errorFor('url')} hint="The https:// address you would clone, without a user name or token in it.">
        {(control) => <input {...control} {...textProps('url')} type="url" inputMode="url" autoComplete="off" placeholder="https://github.com/org/community" />}
      </DescribedField>
      <DescribedField label="Target branch" error={errorFor('targetBranch')} hint="The branch pull requests go to (main when left empty).">
        {(control) => <input {...control} {...textProps('targetBranch')} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="main" />}
      </DescribedField>
      <DescribedField label="Path template" error={errorFor('pathTemplate')} hint={<PathHint target={target} />}>
        {(control) => <input {...control} {...textProps('pathTemplate')} autoComplete="off" autoCapitalize="none" spellCheck={false} className={`${inputClass} font-mono`} />}
      </DescribedField>
      <DescribedField label="Commit author name" error={errorFor('authorName')}>
        {(control) => <input {...control} {...textProps('authorName')} autoComplete="off" placeholder="Roundtable" />}
      </DescribedField>
      <DescribedField label="Commit author e-mail" error={errorFor('authorEmail')} hint="Left empty: noreply@roundtable.invalid.">
        {(control) => <input {...control} {...textProps('authorEmail')} type="email" inputMode="email" autoComplete="off" placeholder="community@example.org" />}
      </DescribedField>
      <DescribedField label="Documents base URL" error={errorFor('documentsBaseUrl')} hint="Optional. Relative links in imported calls (slides.pdf) open from here.">
        {(control) => <input {...control} {...textProps('documentsBaseUrl')} type="url" inputMode="url" autoComplete="off" placeholder="https://github.com/org/community/blob/main/" />}
      </DescribedField>
      <label className="flex items-start gap-2 text-sm text-slate-700">
        <input type="checkbox" name="pushToTarget" className="mt-0.5 size-4 shrink-0" checked={fields.pushToTarget} onChange={(event) => setField('pushToTarget', event.target.checked)} />
        <span>
          Commit straight to <span className="font-mono break-all">{branch}</span> (no pull request)
        </span>
      </label>
      <DescribedField label="Pull request pages" error={errorFor('hostKind')} hint="For a self-hosted GitLab, Gitea or Forgejo whose address does not say so.">
        {(control) => (
          <select {...control} name="hostKind" className={inputClass} value={fields.hostKind} onChange={(event) => setField('hostKind', event.target.value)}>
            <option value="auto">Tell from the URL</option>
            <option value="github">GitHub</option>
            <option value="gitlab">GitLab</option>
            <option value="gitea">Gitea, Forgejo or Codeberg</option>
            <option value="none">None (no pull request link)</option>
          </select>
        )}
      </DescribedField>
      <TokenField
        settings={settings}
        value={fields.token}
        error={errorFor('token')}
        isBusy={isBusy}
        inputClass={inputClass}
        onChange={(value) => setField('token', value)}
        onForget={() => void send({ forgetToken: true }, 'The token was forgotten.', false)}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={isBusy}>
          Save publishing settings
        </Button>
        {onCancel ? (
          <Button variant="ghost" disabled={isBusy} onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {isBusy ? (
        <p className="text-sm text-slate-600" aria-hidden="true">
          Saving…
        </p>
      ) : null}
      <ErrorMessage message={formError} />
    </form>
  );
}

function PathHint({ target }: { target: PublishingSettings['target'] }) {
  return (
    <>
      Placeholders: <code>{'{yyyy}'}</code> <code>{'{mm}'}</code> <code>{'{dd}'}</code> <code>{'{slug}'}</code> <code>{'{title}'}</code>.
      {target && 'path' in target ? (
        <span className="block">
          This call goes to <code className="break-all">{target.path}</code> (as saved).
        </span>
      ) : null}
      {target && 'problem' in target ? <span className="block text-amber-800">{target.problem}</span> : null}
    </>
  );
}
