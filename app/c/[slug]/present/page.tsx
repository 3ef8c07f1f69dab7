import type { Metadata } from 'next';
import { PresentView } from '@/components/call/present-view';

export const metadata: Metadata = { title: 'Projector view' };

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <PresentView slug={slug} />;
}
