import { describe, expect, it } from 'vitest';
import { HttpError } from './http-utils';
import { decodeUploadText, requireText } from './upload-text';

function refusal(read: () => unknown): { status: number; code: string } | null {
  try {
    read();
    return null;
  } catch (error) {
    return error instanceof HttpError ? { status: error.status, code: error.code } : null;
  }
}

const bytes = (...values: number[]) => new Uint8Array(values);

describe('decodeUploadText', () => {
  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', () => {
    const text = '# Réunion 🎉\n';
    expect(decodeUploadText(new TextEncoder().encode(text))).toBe(text);
    expect(decodeUploadText(bytes(0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)))).toBe(text);
    const units = Array.from({ length: text.length }, (_, index) => text.charCodeAt(index));
    expect(decodeUploadText(bytes(0xff, 0xfe, ...units.flatMap((unit) => [unit & 0xff, unit >> 8])))).toBe(text);
    expect(decodeUploadText(bytes(0xfe, 0xff, ...units.flatMap((unit) => [unit >> 8, unit & 0xff])))).toBe(text);
  });

  it('refuses binary files and other encodings as unreadable', () => {
    expect(refusal(() => decodeUploadText(bytes(0x50, 0x4b, 0x03, 0x04, 0x00)))).toEqual({ status: 415, code: 'unreadable' });
    expect(refusal(() => decodeUploadText(bytes(0x43, 0x61, 0x66, 0xe9)))).toEqual({ status: 415, code: 'unreadable' });
    expect(refusal(() => decodeUploadText(bytes(0xff, 0xfe, 0x00, 0xd8)))).toEqual({ status: 415, code: 'unreadable' });
  });
});

describe('requireText', () => {
  it('refuses white space as empty and NUL characters as binary', () => {
    expect(refusal(() => requireText(' \r\n\t'))).toEqual({ status: 400, code: 'empty' });
    expect(refusal(() => requireText('# Call\u0000'))).toEqual({ status: 415, code: 'unreadable' });
    expect(requireText('# Call')).toBe('# Call');
  });
});
