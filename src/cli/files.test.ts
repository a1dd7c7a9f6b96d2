import { describe, expect, it } from 'vitest';
import { decodeText } from './files.js';

describe('decodeText', () => {
  it('reads UTF-16 by its byte-order mark, as Windows tools save "Unicode text", and UTF-8 otherwise', () => {
    const text = 'alias,note\nzoë@example.org,café\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(le)).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
    expect(decodeText(Buffer.from(text))).toBe(text);
    // A byte that is not UTF-8 costs only itself.
    expect(decodeText(Buffer.from([0x61, 0xe9, 0x62]))).toBe('a\uFFFDb');
  });
});
