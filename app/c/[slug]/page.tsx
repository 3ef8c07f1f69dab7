import { CallPage } from '@/components/call/call-page';

export default async function Page({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <CallPage slug={slug} />;
}
