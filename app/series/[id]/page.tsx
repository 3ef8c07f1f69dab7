import type { Metadata } from 'next';
import { SeriesActions } from '@/components/actions/series-actions';
import { SeriesArchive } from '@/components/export/series-archive';

export const metadata: Metadata = { title: 'Action items of the series' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="mx-auto max-w-3xl space-y-8 px-4 py-8 sm:px-6">
      <SeriesActions seriesId={id} />
      <SeriesArchive seriesId={id} />
    </main>
  );
}
