import type { Metadata } from 'next';
import { PresentView } from '@/components/call/present-view';

export const metadata: Metadata = { title: 'Projector view' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // `projector` keeps this page out of the dark theme's palette swap (app/dark-theme.css): its colours are its own, dark from the first paint.
  return (
    <div className="projector min-h-screen bg-slate-950 text-white">
      <PresentView slug={slug} />
    </div>
  );
}
