import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../testing/test-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ rateLimits: { callsPerMinute: 1000, apiPerMinute: 10_000 } });
});
afterAll(() => server.close());

const fixtures = path.resolve('lib/markdown/import/fixtures');
const documents = (
  await Promise.all(
    ['corpus', 'extra'].map(async (folder) =>
      (await readdir(path.join(fixtures, folder))).filter((name) => name.endsWith('.md') && name !== 'SOURCES.md').map((name) => path.join(folder, name)),
    ),
  )
).flat();

async function upload(markdown: string, filename: string) {
  const response = await fetch(`${server.url}/api/calls?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/markdown; charset=utf-8' },
    body: markdown,
  });
  return { status: response.status, body: await response.json() };
}

describe('real community documents through POST /api/calls', () => {
  it.each(documents)('creates a call from %s as it is, and its minutes.md imports back to a call with the same title, start and status', async (file) => {
    const markdown = await readFile(path.join(fixtures, file), 'utf8');
    const first = await upload(markdown, path.basename(file));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const { call } = await (await fetch(`${server.url}/api/calls/${first.body.slug}`)).json();
    expect(call.title.length).toBeGreaterThan(0);
    const record = await (await fetch(`${server.url}/api/calls/${first.body.slug}/minutes.md`)).text();

    const second = await upload(record, `minutes-${first.body.slug}.md`);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const again = (await (await fetch(`${server.url}/api/calls/${second.body.slug}`)).json()).call;
    expect(again).toMatchObject({ title: call.title, startsAt: call.startsAt, timezone: call.timezone, status: call.status });
    expect(again.sections.length).toBeGreaterThanOrEqual(call.sections.length);
    // Byte-identical records are the importer's round-trip property (lib/markdown); here: the server keeps what it reads.
  });
});
