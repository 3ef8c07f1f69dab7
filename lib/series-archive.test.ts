import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedCallInput, type ExportManifest } from './protocol';
import { archiveFilenameOf, folderNameOf, packArchive, readArchive } from './series-archive';

const manifest = (folders: string[]): ExportManifest => ({
  format: EXPORT_FORMAT,
  version: EXPORT_VERSION,
  exportedAt: '2026-12-05T10:00:00.000Z',
  series: { title: 'Café SIG' },
  calls: folders.map((folder) => ({ folder, title: folder })),
});

const state: ExportedCallInput = {
  title: 'Café SIG call',
  startsAt: '2026-11-05T16:30:00.000Z',
  timezone: 'Europe/Berlin',
  status: 'ended',
  startedAt: '2026-11-05T16:30:00.000Z',
  endedAt: '2026-11-05T17:30:00.000Z',
  sections: [{ title: 'Welcome', items: [{ title: 'Intro' }] }],
  attendees: [{ displayName: 'Ada', checkedInAt: '2026-11-05T16:31:00.000Z' }],
  questions: [{ text: 'Why?', state: 'open', askedAt: '2026-11-05T16:32:00.000Z', item: 0, author: 0 }],
};

describe('folderNameOf and archiveFilenameOf', () => {
  it('names a folder by position and the title’s words, in ASCII', () => {
    expect(folderNameOf(0, 'Café ☕ community call — Zürich')).toBe('01-cafe-community-call-zurich');
    expect(folderNameOf(11, '☕')).toBe('12');
    expect(archiveFilenameOf('Grüße SIG')).toBe('grusse-sig-roundtable.zip');
    expect(archiveFilenameOf('☕')).toBe('series-roundtable.zip');
  });
});

describe('readArchive', () => {
  it('reads back what packArchive wrote, and lists files it does not import', () => {
    const packed = packArchive(manifest(['01-cafe']), [{ folder: '01-cafe', state, record: '# Agenda\n' }]);
    const read = readArchive(zipSync({ ...unzipSync(packed), 'extra/notes.txt': strToU8('mine') }));
    expect('issues' in read).toBe(false);
    if ('issues' in read) return;
    expect(read.calls).toEqual([{ folder: '01-cafe', state: expect.objectContaining({ title: 'Café SIG call', questions: [expect.objectContaining({ text: 'Why?', votes: 0 })] }), record: '# Agenda\n' }]);
    expect(read.notices).toEqual([{ file: 'extra/notes.txt', message: expect.stringContaining('not imported') }]);
  });

  it('names the file of every problem: a missing file, a reference out of range, a wrong version', () => {
    const packed = unzipSync(packArchive(manifest(['01-cafe', '02-gone']), [{ folder: '01-cafe', state: { ...state, questions: [{ ...state.questions![0]!, item: 3 }] }, record: '' }]));
    const read = readArchive(zipSync(packed));
    expect('issues' in read && read.issues.map((issue) => issue.path)).toEqual(['01-cafe/call.json › questions › 0 › item', '02-gone/call.json', '02-gone/minutes.md']);
    const wrongVersion = readArchive(zipSync({ ...packed, 'roundtable-export.json': strToU8(JSON.stringify({ ...manifest(['01-cafe']), version: 2 })) }));
    expect('issues' in wrongVersion && wrongVersion.issues).toEqual([{ path: 'roundtable-export.json › version', message: expect.stringContaining('version 1') }]);
    expect(readArchive(strToU8('not a zip'))).toEqual({ issues: [{ path: 'archive', message: expect.stringContaining('Not a .zip') }] });
  });
});
