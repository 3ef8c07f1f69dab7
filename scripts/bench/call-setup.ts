import type { CreatedCall } from '@/lib/protocol';

/** An agenda long enough for the host to keep moving. */
const benchCall = {
  title: 'Benchmark community call',
  description: 'A call created by the bench.',
  startsAt: '2026-12-03T17:30',
  timezone: 'Europe/Berlin',
  plannedMinutes: 60,
  links: [{ label: 'Slides', url: 'https://example.org/slides' }],
  sections: Array.from({ length: 4 }, (_, section) => ({
    title: `Section ${section + 1}`,
    items: Array.from({ length: 5 }, (_, item) => ({ title: `Item ${section + 1}.${item + 1}`, presenter: 'Kai', plannedMinutes: 5 })),
  })),
};

export type BenchCall = CreatedCall & { keys: { host: string; scribe: string } };

export async function createCall(baseUrl: string): Promise<BenchCall> {
  const response = await fetch(`${baseUrl}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(benchCall),
  });
  if (response.status !== 201) throw new Error(`creating the call failed: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as CreatedCall;
  const keyOf = (url: string) => new URL(url).hash.replace('#key=', '');
  return { ...created, keys: { host: keyOf(created.hostUrl), scribe: keyOf(created.scribeUrl) } };
}
