import type { Metadata } from 'next';
import { CreateCallForm } from '@/components/create/create-call-form';

export const metadata: Metadata = { title: 'New call' };

export default function NewCallPage() {
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <a href="/" className="text-sm font-bold text-indigo-700">
        Roundtable
      </a>
      <h1 className="mt-2 mb-2 text-3xl font-bold">Plan a community call</h1>
      <p className="mb-6 text-slate-600">
        Bringing the agendas and minutes of past calls?{' '}
        <a href="/new/archive" className="font-medium text-indigo-700 underline">
          Import past calls
        </a>{' '}
        from several files or a .zip.
      </p>
      <CreateCallForm />
    </main>
  );
}
