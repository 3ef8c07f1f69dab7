import type { Metadata } from 'next';
import { SeriesActions } from '@/components/actions/series-actions';

export const metadata: Metadata = { title: 'Action items of the series' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <SeriesActions seriesId={id} />
    </main>
  );
}
