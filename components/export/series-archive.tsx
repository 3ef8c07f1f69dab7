'use client';

import { useState } from 'react';
import { hostKeyOf } from '../import/archive-upload';
import { Field, TextInput } from '../ui/field';
import { Panel } from '../ui/panel';
import { useIsClient } from '../ui/use-clock';
import { ArchiveDownload } from './archive-download';

/** A key as pasted: a host link (`…/c/abc#key=…`) or the key itself. */
const keyOf = (pasted: string) => (pasted.includes('#') ? hostKeyOf(pasted.trim()) : pasted.trim());

/**
 * The series page's "Take it away" panel: a host (who came from a call's host page, the key in this page's
 * fragment, or who pastes a host link) downloads the whole series as one archive.
 */
export function SeriesArchive({ seriesId }: { seriesId: string }) {
  // The key is in the fragment, which only the browser sees.
  return useIsClient() ? <SeriesArchiveForm seriesId={seriesId} /> : null;
}

function SeriesArchiveForm({ seriesId }: { seriesId: string }) {
  const [pasted, setPasted] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('key') ?? '');
  const key = keyOf(pasted);
  return (
    <Panel title="Take the series away">
      <p className="mb-3 text-sm text-slate-600">
        One .zip with every call of the series — agenda, attendees, questions, polls, minutes and action items — that another Roundtable imports under{' '}
        <a href="/new/archive" className="font-medium text-indigo-700 underline">
          Bring your archive
        </a>
        . Hosts only: it takes the host link of one of the series’ calls.
      </p>
      <Field label="Host link or host key of a call of this series" hint="Kept in this page only; it is sent to this server, never stored.">
        <TextInput type="password" autoComplete="off" value={pasted} onChange={(event) => setPasted(event.target.value)} />
      </Field>
      <div className="mt-3">{key ? <ArchiveDownload target={{ seriesId }} hostKey={key} /> : null}</div>
    </Panel>
  );
}
