import { unzipSync } from 'fflate';
import { EXPORT_MANIFEST_FILE } from '@/lib/protocol';

/** The API's limit on one document; the browser says so before uploading. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

export const DOCUMENT_EXTENSIONS = /\.(md|markdown|txt)$/i;

export type DocumentFile = { filename: string; markdown: string } | { filename: string; error: string };

/** The text of a document as UTF-8, or why it cannot be one (binary, another encoding, too big). */
export function decodeDocument(filename: string, bytes: Uint8Array): DocumentFile {
  if (bytes.byteLength === 0) return { filename, error: 'The file is empty.' };
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    return { filename, error: `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; a document can be at most 1 MB.` };
  }
  if (bytes.includes(0)) return { filename, error: 'The file is binary, not a Markdown text file.' };
  try {
    return { filename, markdown: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { filename, error: 'The file is not UTF-8 text: save it as UTF-8 and upload it again.' };
  }
}

export async function readDocumentFile(file: File): Promise<DocumentFile> {
  if (file.size > MAX_DOCUMENT_BYTES) {
    return { filename: file.name, error: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a document can be at most 1 MB.` };
  }
  try {
    return decodeDocument(file.name, new Uint8Array(await file.arrayBuffer()));
  } catch {
    return { filename: file.name, error: 'The file could not be read.' };
  }
}

const isZip = (file: File) => /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
const isSkippedEntry = (path: string) => path.endsWith('/') || path.startsWith('__MACOSX/') || /(^|\/)\./.test(path);

/** The Markdown documents of a .zip, each named by its path inside the archive (`2023/CG-02-14.md`). */
export async function readZipFile(file: File): Promise<DocumentFile[]> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
      filter: (entry) => entry.name === EXPORT_MANIFEST_FILE || (!isSkippedEntry(entry.name) && DOCUMENT_EXTENSIONS.test(entry.name)),
    });
  } catch {
    return [{ filename: file.name, error: 'The .zip file could not be opened.' }];
  }
  if (entries[EXPORT_MANIFEST_FILE]) {
    return [{ filename: file.name, error: 'This .zip is a Roundtable archive: import it under “Move a series from another Roundtable” on this page, which keeps everything in it.' }];
  }
  const paths = Object.keys(entries).sort((a, b) => a.localeCompare(b, 'en'));
  if (paths.length === 0) return [{ filename: file.name, error: 'The .zip file holds no .md, .markdown or .txt documents.' }];
  return paths.map((path) => decodeDocument(path, entries[path]!));
}

/** Every document among the chosen files, in file-name order (so dated file names import oldest first). */
export async function readDocumentFiles(files: File[]): Promise<DocumentFile[]> {
  const read: DocumentFile[][] = [];
  for (const file of files) {
    if (isZip(file)) read.push(await readZipFile(file));
    else if (DOCUMENT_EXTENSIONS.test(file.name)) read.push([await readDocumentFile(file)]);
    else read.push([{ filename: file.name, error: 'Only .md, .markdown, .txt and .zip files can be imported.' }]);
  }
  return read.flat().sort((a, b) => a.filename.localeCompare(b.filename, 'en'));
}
