export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-[calc(100svh-5rem)] max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-bold tracking-wide text-indigo-700 uppercase">Roundtable</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight sm:text-5xl">Run your community call in one place.</h1>
      <p className="mt-4 text-lg text-slate-600">
        A live agenda everyone follows, check-ins, an audience Q&amp;A and shared minutes — for the public calls open-source projects hold every month.
      </p>
      <div className="mt-8">
        <a href="/new" className="inline-flex rounded-lg bg-indigo-600 px-5 py-3 font-semibold text-white hover:bg-indigo-700">
          Plan a call
        </a>
        <a href="/calls" className="ml-3 inline-flex rounded-lg px-5 py-3 font-semibold text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50">Browse calls</a>
      </div>
    </main>
  );
}
