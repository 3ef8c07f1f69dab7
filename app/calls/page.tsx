import type { Metadata } from 'next';
import { CallList } from '@/components/schedule/call-list';

export const metadata: Metadata = { title: 'Calls' };

export default function CallsPage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <a href="/" className="text-sm font-bold text-indigo-700">
          Roundtable
        </a>
        <a href="/new" className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
          Plan a call
        </a>
      </div>
      <h1 className="mt-4 mb-8 text-3xl font-bold">Community calls</h1>
      <CallList />
    </main>
  );
}
