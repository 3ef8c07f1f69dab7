import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import {
  CALL_RECORD_FILE,
  CALL_STATE_FILE,
  EXPORT_MANIFEST_FILE,
  exportedCallSchema,
  exportManifestSchema,
  type ExportedCall,
  type ExportedCallInput,
  type ExportManifest,
} from './protocol/series-export';
import type { z } from 'zod';

/** One call of an archive: its folder, its state and its record as exported. */
export type ArchivedCall<State = ExportedCall> = { folder: string; state: State; record: string };
export type ArchiveIssue = { path: string; message: string };
export type ArchiveNotice = { file: string; message: string };
export type ReadArchive = { manifest: ExportManifest; calls: ArchivedCall[]; notices: ArchiveNotice[] } | { issues: ArchiveIssue[] };

/** The most an archive may unpack to: far more than a series' JSON and Markdown, far less than memory. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** `03-release-planning`: the call's place in the series and its title, as a folder name any file system takes. */
export function folderNameOf(index: number, title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${String(index + 1).padStart(2, '0')}${words ? `-${words}` : ''}`;
}

/** A file name for the download: the title's words, or `series` when it has none a file name can hold. */
export function archiveFilenameOf(title: string): string {
  return `${folderNameOf(0, title).replace(/^\d+-?/, '') || 'series'}-roundtable.zip`;
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

export function packArchive(manifest: ExportManifest, calls: ArchivedCall<ExportedCallInput>[]): Uint8Array {
  const files: Zippable = { [EXPORT_MANIFEST_FILE]: json(manifest) };
  for (const call of calls) {
    files[`${call.folder}/${CALL_STATE_FILE}`] = json(call.state);
    files[`${call.folder}/${CALL_RECORD_FILE}`] = strToU8(call.record);
  }
  // A fixed time stamp in every entry: the same series exports to the same bytes.
  return zipSync(files, { level: 9, mtime: new Date('2000-01-01T00:00:00Z') });
}

function parseFile<Schema extends z.ZodType>(schema: Schema, bytes: Uint8Array | undefined, file: string, issues: ArchiveIssue[]): z.infer<Schema> | null {
  if (!bytes) {
    issues.push({ path: file, message: 'The archive has no such file.' });
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(strFromU8(bytes));
  } catch {
    issues.push({ path: file, message: 'Not valid JSON.' });
    return null;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push(...parsed.error.issues.map((issue) => ({ path: [file, ...issue.path].join(' › '), message: issue.message })));
  return null;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> | null {
  let unpacked = 0;
  try {
    return unzipSync(bytes, {
      filter: (entry) => {
        unpacked += entry.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw new Error('too large unpacked');
        return !entry.name.endsWith('/');
      },
    });
  } catch {
    return null;
  }
}

/** An export read back: every file checked, or every problem found, each naming its file. */
export function readArchive(bytes: Uint8Array): ReadArchive {
  const files = unzip(bytes);
  if (!files) return { issues: [{ path: 'archive', message: `Not a .zip file this server can open (at most ${MAX_UNPACKED_BYTES / 1024 / 1024} MB unpacked).` }] };
  const issues: ArchiveIssue[] = [];
  const manifest = parseFile(exportManifestSchema, files[EXPORT_MANIFEST_FILE], EXPORT_MANIFEST_FILE, issues);
  if (!manifest) return { issues };
  const placed = new Set([EXPORT_MANIFEST_FILE]);
  const calls: ArchivedCall[] = [];
  for (const { folder } of manifest.calls) {
    const statePath = `${folder}/${CALL_STATE_FILE}`;
    const recordPath = `${folder}/${CALL_RECORD_FILE}`;
    placed.add(statePath).add(recordPath);
    const state = parseFile(exportedCallSchema, files[statePath], statePath, issues);
    const record = files[recordPath];
    if (!record) issues.push({ path: recordPath, message: 'The archive has no such file.' });
    if (state && record) calls.push({ folder, state, record: strFromU8(record) });
  }
  if (new Set(manifest.calls.map((call) => call.folder)).size !== manifest.calls.length) {
    issues.push({ path: `${EXPORT_MANIFEST_FILE} › calls`, message: 'Two calls share a folder.' });
  }
  if (issues.length > 0) return { issues };
  const notices = Object.keys(files)
    .filter((file) => !placed.has(file))
    .sort()
    .map((file) => ({ file, message: 'Not part of a Roundtable export: not imported.' }));
  return { manifest, calls, notices };
}
