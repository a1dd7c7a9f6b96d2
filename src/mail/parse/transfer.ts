/**
 * Content-Transfer-Encodings: base64 and quoted-printable decoded leniently, and the decoded size
 * of base64 content counted without decoding it.
 */
import { CR, isSpaceByte, LF } from './headers.js';

/** A text part's bytes with its Content-Transfer-Encoding undone; an unknown one is read as is. */
export function decodeTransfer(bytes: Buffer, encoding: string, warnings: string[]): Buffer {
  switch (encoding) {
    case 'base64': {
      const text = bytes.toString('latin1');
      if (/[^A-Za-z0-9+/=\s]/.test(text)) warnings.push('bad base64 in a text part');
      return Buffer.from(text, 'base64');
    }
    case 'quoted-printable':
      return decodeQuotedPrintable(bytes, warnings);
    case '':
    case '7bit':
    case '8bit':
    case 'binary':
      return bytes;
    default:
      warnings.push(`unknown transfer encoding ${encoding}, read as is`);
      return bytes;
  }
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 48 && b <= 57) return b - 48;
  if (b >= 65 && b <= 70) return b - 55;
  if (b >= 97 && b <= 102) return b - 87;
  return -1;
}

/** RFC 2045 §6.7, leniently: a stray `=` stays as it is (with a warning), soft breaks go. */
function decodeQuotedPrintable(bytes: Buffer, warnings: string[]): Buffer {
  if (!bytes.includes(61)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let o = 0;
  let bad = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b !== 61) {
      out[o++] = b;
      continue;
    }
    const hi = hexValue(bytes[i + 1]);
    const lo = hexValue(bytes[i + 2]);
    if (hi !== -1 && lo !== -1) {
      out[o++] = hi * 16 + lo;
      i += 2;
      continue;
    }
    // A soft line break, possibly with trailing whitespace before it.
    let j = i + 1;
    while (bytes[j] === 32 || bytes[j] === 9) j++;
    if (bytes[j] === CR && bytes[j + 1] === LF) {
      i = j + 1;
    } else if (bytes[j] === LF) {
      i = j;
    } else if (j >= bytes.length) {
      i = j;
    } else {
      bad = true;
      out[o++] = b;
    }
  }
  if (bad) warnings.push('bad quoted-printable in a text part');
  return out.subarray(0, o);
}

/**
 * The decoded size of base64 content without decoding it: three bytes per four characters, less the
 * padding. Counts line by line with `indexOf`, so 30 MB cost a few milliseconds.
 */
export function base64Size(raw: Buffer, start: number, end: number): number {
  let chars = 0;
  let at = start;
  while (at < end) {
    let nl = raw.indexOf(LF, at);
    if (nl === -1 || nl > end) nl = end;
    let lineEnd = nl;
    while (lineEnd > at && isSpaceByte(raw[lineEnd - 1])) lineEnd--;
    let lineStart = at;
    while (lineStart < lineEnd && isSpaceByte(raw[lineStart])) lineStart++;
    chars += lineEnd - lineStart;
    at = nl + 1;
  }
  let padding = 0;
  let p = end;
  while (p > start && isSpaceByte(raw[p - 1])) p--;
  while (p > start && raw[p - 1] === 61 && padding < 2) {
    padding++;
    p--;
  }
  return Math.max(0, Math.floor((chars * 3) / 4) - padding);
}
