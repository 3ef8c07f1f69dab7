'use client';

import { useCallback, useEffect, useId, useState } from 'react';
import type { CallStatus, PublishingSettings, PublishResult } from '@/lib/protocol';
import type { CallStore } from '../client/call-store';
import { readPublishing } from '../client/http';
import { Button } from '../ui/button';
import { Panel } from '../ui/panel';
import { ImportButton } from './import-button';
import { LastPublication, PublishButton } from './publish-button';
import { isFinished, repositoryLabel } from './publishing-fields';
import { RepositoryForm } from './repository-form';
import { usePublishProgress } from './use-publish-progress';
import { WebhooksEditor } from './webhooks-editor';

type Loaded = { settings: PublishingSettings | null; error: string | null };

/**
 * Host only (issue 14): where the series publishes its call records, the publish and import buttons with their
 * live progress, and the series' webhooks.
 */
export function PublishingPanel({ store, slug, hostKey, callStatus }: { store: CallStore; slug: string; hostKey: string; callStatus: CallStatus }) {
  const [loaded, setLoaded] = useState<Loaded>({ settings: null, error: null });
  const { progress, clear } = usePublishProgress(store);

  const load = useCallback(() => {
    void readPublishing(slug, hostKey).then((result) =>
      setLoaded((current) => (result.ok ? { settings: result.data, error: null } : { settings: current.settings, error: result.error.message })),
    );
  }, [slug, hostKey]);
  // A call that starts is filed under the day it started: where its record goes may change with its status.
  useEffect(load, [load, callStatus]);

  const { settings, error } = loaded;
  const setSettings = (next: PublishingSettings) => setLoaded({ settings: next, error: null });

  if (!settings) {
    return (
      <Panel title="Publishing">
        {error ? (
          <div role="alert" className="text-sm text-red-800">
            <p>The publishing settings could not be loaded. {error}</p>
            <Button variant="secondary" className="mt-2" onClick={load}>
              Try again
            </Button>
          </div>
        ) : (
          <p role="status" className="text-sm text-slate-600">
            Loading the publishing settings…
          </p>
        )}
      </Panel>
    );
  }

  function published(result: PublishResult) {
    if (!settings) return;
    const { changed: _changed, ...publication } = result;
    setSettings({ ...settings, lastPublication: publication });
    // The webhooks' record.published deliveries, and anything else that moved.
    load();
  }

  return (
    <>
      <Panel title="Publishing">
        <div className="space-y-4">
          <RepositorySection slug={slug} hostKey={hostKey} settings={settings} onSaved={setSettings} />
          {settings.isBusy && isFinished(progress.publish) && isFinished(progress.import) ? (
            <p className="text-sm text-amber-800">A publish or an import for this series is running. Wait for it to finish before starting another.</p>
          ) : null}
          <PublishButton slug={slug} hostKey={hostKey} isConfigured={settings.repository !== null} progress={progress.publish} onStart={() => clear('publish')} onPublished={published} />
          <LastPublication publication={settings.lastPublication} />
          {settings.repository ? <ImportButton slug={slug} hostKey={hostKey} progress={progress.import} onStart={() => clear('import')} /> : null}
          {error ? (
            <p role="alert" className="text-sm text-red-800">
              Could not refresh the settings: {error}
            </p>
          ) : null}
        </div>
      </Panel>
      <WebhooksEditor slug={slug} hostKey={hostKey} webhooks={settings.webhooks} onSaved={setSettings} onRefresh={load} />
    </>
  );
}

/** A one-line summary once set up, the form to set it up (open from the start until then) or to edit it. */
function RepositorySection({ slug, hostKey, settings, onSaved }: { slug: string; hostKey: string; settings: PublishingSettings; onSaved: (settings: PublishingSettings) => void }) {
  const { repository, target } = settings;
  const [isEditing, setEditing] = useState(repository === null);
  const [status, setStatus] = useState('');
  const toggleId = useId();
  const formId = useId();

  function saved(next: PublishingSettings, message: string, isDone: boolean) {
    onSaved(next);
    setStatus(message);
    if (isDone && next.repository) {
      setEditing(false);
      document.getElementById(toggleId)?.focus();
    }
  }

  function cancel() {
    setEditing(false);
    document.getElementById(toggleId)?.focus();
  }

  return (
    <div className="space-y-3">
      {repository ? (
        <>
          <p className="text-sm break-words text-slate-700" data-testid="publishing-summary">
            Publishes to <strong className="break-all">{repositoryLabel(repository.url)}</strong>
            {target && 'path' in target ? (
              <>
                {' '}
                · <code className="break-all">{target.path}</code> on <code className="break-all">{target.branch}</code>
              </>
            ) : null}
          </p>
          {target && 'problem' in target ? <p className="text-sm text-amber-800">{target.problem}</p> : null}
          {!settings.hasToken ? <p className="text-xs text-slate-500">No access token stored.</p> : null}
          <Button id={toggleId} variant="secondary" className="w-full" aria-expanded={isEditing} aria-controls={formId} onClick={() => (isEditing ? cancel() : setEditing(true))}>
            Edit publishing settings
          </Button>
        </>
      ) : (
        <p className="text-sm text-slate-600">
          Publish this call’s record (agenda, minutes, answered questions) as a Markdown file to the series’ Git repository, on a branch for a pull request or straight to the main branch.
        </p>
      )}
      <p role="status" className="text-sm text-emerald-800 empty:hidden">
        {status}
      </p>
      {isEditing ? (
        <div id={formId}>
          <RepositoryForm slug={slug} hostKey={hostKey} settings={settings} onSaved={saved} onCancel={repository ? cancel : undefined} />
        </div>
      ) : null}
    </div>
  );
}
