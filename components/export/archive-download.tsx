'use client';

import { useState } from 'react';
import { describeError, downloadArchive, readCall } from '../client/http';
import { Button } from '../ui/button';

type Target = { seriesId: string } | { slug: string };

/** Saves a downloaded file under its name, as a link to it would. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The series of a call when it has one, else the call on its own. */
async function targetOf(target: Target): Promise<Target> {
  if ('seriesId' in target) return target;
  const read = await readCall(target.slug);
  return read.ok && read.data.seriesId ? { seriesId: read.data.seriesId } : target;
}

/**
 * "Download archive" (host only): the whole series of the call (or the call on its own) as one .zip another
 * Roundtable can import. The host key goes in a header, so the button fetches the file rather than linking to it.
 */
export function ArchiveDownload({ target, hostKey }: { target: Target; hostKey: string }) {
  const [state, setState] = useState<{ status: 'idle' | 'busy' | 'done' } | { status: 'failed'; message: string }>({ status: 'idle' });

  async function download() {
    setState({ status: 'busy' });
    const result = await downloadArchive(await targetOf(target), hostKey);
    if (!result.ok) {
      setState({ status: 'failed', message: describeError(result.error) });
      return;
    }
    save(result.data.blob, result.data.filename);
    setState({ status: 'done' });
  }

  return (
    <div className="space-y-1">
      <Button variant="secondary" onClick={() => void download()} disabled={state.status === 'busy'}>
        {state.status === 'busy' ? 'Preparing the archive…' : 'Download archive'}
        <span className="sr-only"> of {'seriesId' in target ? 'the series' : 'the call’s series'}: every call’s state and minutes as a .zip</span>
      </Button>
      <p role="status" className="text-xs text-slate-600">
        {state.status === 'done' ? 'Archive downloaded. Import it on another Roundtable under “Bring your archive”.' : ''}
      </p>
      {state.status === 'failed' ? (
        <p role="alert" className="text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
