import type { PublishingSettings } from '@/lib/protocol';
import { Button } from '../ui/button';
import { DescribedField } from './described-field';

const GITHUB_TOKEN_URL = 'https://github.com/settings/personal-access-tokens/new';
const GITLAB_TOKEN_HELP_URL = 'https://docs.gitlab.com/user/project/settings/project_access_tokens/';

type Props = {
  settings: PublishingSettings;
  value: string;
  error?: string;
  isBusy: boolean;
  inputClass: string;
  onChange: (value: string) => void;
  onForget: () => void;
};

/**
 * The access token is write-only: the field is never filled from the server, which only says whether one is
 * stored. Without ROUNDTABLE_SECRET_KEY the server cannot store one, so the field is off and says why.
 */
export function TokenField({ settings, value, error, isBusy, inputClass, onChange, onForget }: Props) {
  const { hasToken, canStoreTokens } = settings;
  return (
    <div className="space-y-2">
      <DescribedField label="Access token" error={error} hint={<TokenHint canStoreTokens={canStoreTokens} hasToken={hasToken} />}>
        {(control) => (
          <input
            {...control}
            name="token"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            className={inputClass}
            value={value}
            disabled={!canStoreTokens}
            placeholder={hasToken ? 'Leave empty to keep the stored token' : 'Not needed for a public or local repository you can push to'}
            onChange={(event) => onChange(event.target.value)}
          />
        )}
      </DescribedField>
      {hasToken ? (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <span>A token is stored.</span>
          <Button variant="danger" className="min-h-9 px-3 py-1" disabled={isBusy} onClick={onForget}>
            Forget token
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function TokenHint({ canStoreTokens, hasToken }: { canStoreTokens: boolean; hasToken: boolean }) {
  return (
    <>
      {canStoreTokens ? (
        <span className="block">{hasToken ? 'A new token replaces the stored one. ' : ''}Stored encrypted and never shown again.</span>
      ) : (
        <span className="block text-amber-800">
          This server cannot store tokens: its operator must set ROUNDTABLE_SECRET_KEY (at least 32 characters). Publishing still works with repositories that need no token.
        </span>
      )}
      <details className="mt-1">
        <summary className="cursor-pointer font-medium text-indigo-700">Which token to create</summary>
        <ul className="mt-1 list-disc space-y-1 pl-4">
          <li>
            GitHub: a{' '}
            <a href={GITHUB_TOKEN_URL} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline">
              fine-grained personal access token
            </a>{' '}
            limited to this one repository, with the permission “Contents: read and write”.
          </li>
          <li>
            GitLab: a{' '}
            <a href={GITLAB_TOKEN_HELP_URL} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline">
              project access token
            </a>{' '}
            with the <code>write_repository</code> scope and the Developer role.
          </li>
        </ul>
      </details>
    </>
  );
}
