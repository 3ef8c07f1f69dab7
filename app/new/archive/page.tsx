import type { Metadata } from 'next';
import { ArchiveImport } from '@/components/import/archive-import';
import { SeriesImport } from '@/components/import/series-import';

export const metadata: Metadata = { title: 'Import past calls' };

export default function ImportArchivePage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <a href="/" className="text-sm font-bold text-indigo-700">
        Roundtable
      </a>
      <h1 className="mt-2 mb-2 text-3xl font-bold">Bring your archive</h1>
      <p className="mb-6 text-slate-600">
        Planning one call instead? <a href="/new" className="font-medium text-indigo-700 underline">Plan a community call</a>. Imported calls appear under “Past” in the{' '}
        <a href="/calls" className="font-medium text-indigo-700 underline">calls list</a>.
      </p>
      <div className="space-y-6">
        <ArchiveImport />
        <SeriesImport />
      </div>
    </main>
  );
}
