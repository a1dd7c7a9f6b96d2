import iconv from 'iconv-lite';

/** The encodings vrm tells apart in the files it reads: answers to data requests, bank statements. */
export type TextEncoding =
  'utf-8' | 'utf-8 with BOM' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';

/** Text decoded from bytes, with the encoding found. */
export interface DecodedText {
  readonly encoding: TextEncoding;
  readonly text: string;
}

const SAMPLE = 4096;

/**
 * UTF-16 without a byte order mark, told by its NUL bytes: text in Latin script has a zero high
 * byte in almost every code unit, so zeros cluster on odd offsets (LE) or even offsets (BE).
 */
export function utf16ByNulPattern(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, SAMPLE) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const units = length / 2;
  if (oddZeros > units * 0.4 && evenZeros < units * 0.05) return 'utf-16le';
  if (evenZeros > units * 0.4 && oddZeros < units * 0.05) return 'utf-16be';
  return null;
}

const isUtf8 = (bytes: Buffer): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * True when the bytes are not text at all: NUL bytes that are not UTF-16's pattern (images,
 * archives, office files).
 */
export function looksBinary(bytes: Buffer): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return false;
  if (utf16ByNulPattern(bytes)) return false;
  return bytes.subarray(0, SAMPLE).includes(0);
}

/**
 * Finds a text file's encoding and decodes it.
 *
 * Order: a byte order mark decides (UTF-8, UTF-16 LE/BE); then UTF-16 by its NUL pattern; then
 * UTF-8 if the bytes are valid UTF-8; else a single-byte Western encoding. Windows-1252 and
 * ISO-8859-1 differ only in 0x80–0x9F, where 1252 has printable characters (€ „ " – …) and
 * 8859-1 has C1 control codes that real text never holds; so any byte there means 1252.
 *
 * @example decodeText(Buffer.from([0x66, 0xfc, 0x72])) // { encoding: 'iso-8859-1', text: 'für' }
 */
export function decodeText(bytes: Buffer): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8 with BOM', text: bytes.subarray(3).toString('utf8') };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { encoding: 'utf-16le', text: iconv.decode(bytes.subarray(2), 'utf-16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { encoding: 'utf-16be', text: iconv.decode(bytes.subarray(2), 'utf-16be') };
  const utf16 = utf16ByNulPattern(bytes);
  if (utf16) return { encoding: utf16, text: iconv.decode(bytes, utf16) };
  if (isUtf8(bytes)) return { encoding: 'utf-8', text: bytes.toString('utf8') };
  const c1 = bytes.some((byte) => byte >= 0x80 && byte <= 0x9f);
  const encoding = c1 ? 'windows-1252' : 'iso-8859-1';
  return { encoding, text: iconv.decode(bytes, encoding) };
}
