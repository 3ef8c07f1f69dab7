import { HttpError } from './http-utils';

const BINARY_MESSAGE = 'The document is a binary file (it contains NUL bytes), not text. Upload the Markdown (.md) or plain-text file itself.';
const NOT_UTF8_MESSAGE =
  'The document is not UTF-8 text: it is in another encoding (such as Windows-1252 or Latin-1) or not a text file. Save it as UTF-8 and upload it again.';
const EMPTY_MESSAGE = 'The document is empty. Send the agenda or minutes as Markdown, or the call as JSON.';

function decode(bytes: Uint8Array, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(415, 'unreadable', NOT_UTF8_MESSAGE);
  }
}

/**
 * The text of an uploaded document: UTF-8 (a byte-order mark is dropped), or UTF-16 when it starts with that
 * byte-order mark (Windows editors save "Unicode" so). A binary or otherwise encoded body is refused (415), an
 * empty one too (400).
 */
export function decodeUploadText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return requireText(decode(bytes, 'utf-16le'));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return requireText(decode(bytes, 'utf-16be'));
  if (bytes.includes(0)) throw new HttpError(415, 'unreadable', BINARY_MESSAGE);
  return requireText(decode(bytes, 'utf-8'));
}

/** `text` when it is a document to read: not a binary file's contents and not only white space. */
export function requireText(text: string): string {
  if (text.includes('\u0000')) throw new HttpError(415, 'unreadable', BINARY_MESSAGE);
  if (text.trim() === '') throw new HttpError(400, 'empty', EMPTY_MESSAGE);
  return text;
}
