/**
 * Charsets and RFC 2047 encoded words: bytes as text in the charset they declare, leniently.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { latin1ToWindows1252 } from '../html.js';

/** windows-1252 bytes as text (see `WINDOWS_1252_C1` for why not `TextDecoder`). */
export function decodeWindows1252(bytes: Buffer): string {
  return latin1ToWindows1252(bytes.toString('latin1'));
}

const decoders = new Map<string, TextDecoder | null>();

/** A decoder for a charset label, or null when no decoder knows it (cached both ways). */
function decoderFor(label: string): TextDecoder | null {
  let decoder = decoders.get(label);
  if (decoder !== undefined) return decoder;
  decoder = null;
  for (const candidate of [label, label.replace(/^x-/, ''), label.replace(/[_ ]/g, '-')]) {
    try {
      decoder = new TextDecoder(candidate);
      break;
    } catch {
      // Not this spelling; try the next.
    }
  }
  if (decoders.size < 200) decoders.set(label, decoder);
  return decoder;
}

/** Charsets whose ASCII bytes are ASCII: the fast path is safe for them. */
function isAsciiCompatible(label: string): boolean {
  return !/^(?:utf-?16|utf-?32|ucs-?2|utf-?7|iso-2022|hz-gb)/.test(label);
}

function isStateful(label: string): boolean {
  return /^(?:iso-?2022|utf-?7|hz-gb)/.test(label);
}

function normaliseCharset(label: string | undefined): string {
  return (label ?? '')
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\*.*$/, '')
    .toLowerCase();
}

/**
 * Bytes as text in the charset they declare. Undeclared or invalid UTF-8 falls back to
 * windows-1252, which is what such bytes almost always are; an unknown charset is read the same way
 * and noted in `warnings`.
 */
export function decodeBytes(bytes: Buffer, charset: string, warnings: string[]): string {
  const label = normaliseCharset(charset);
  if (isAsciiCompatible(label) && isAscii(bytes)) return bytes.toString('latin1');
  if (label === '' || label === 'utf-8' || label === 'utf8' || label === 'us-ascii') {
    return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
  }
  const decoder = decoderFor(label);
  if (decoder === null) {
    warnings.push(`unknown charset ${label}`);
    return isUtf8(bytes) ? bytes.toString('utf8') : decodeWindows1252(bytes);
  }
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words. Adjacent words are joined without the whitespace between them,
 * and adjacent words in one charset are decoded together, because mailers split multi-byte
 * characters across words. An unknown charset keeps the words as they were written.
 *
 * @example decodeWords('=?utf-8?Q?Caf=C3=A9?= =?utf-8?B?w6k=?= ok', []) // → 'Caféé ok'
 */
export function decodeWords(text: string, warnings: string[]): string {
  if (!text.includes('=?')) return text;
  // Plain text between runs, and runs of adjacent encoded words.
  const pieces: (string | EncodedWord[])[] = [];
  let last = 0;
  for (const match of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, match.index);
    const previous = pieces[pieces.length - 1];
    const word = encodedWordOf(match);
    if (Array.isArray(previous) && /^[ \t\r\n]*$/.test(between)) previous.push(word);
    else pieces.push(between, [word]);
    last = match.index + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces.map((p) => (typeof p === 'string' ? p : decodeRun(p, warnings))).join('');
}

interface EncodedWord {
  readonly charset: string;
  /** The decoded bytes, one character per byte. */
  readonly bytes: string;
  readonly source: string;
}

function encodedWordOf(match: RegExpExecArray): EncodedWord {
  const encoded = match[3] ?? '';
  const bytes =
    match[2] === 'B' || match[2] === 'b'
      ? Buffer.from(encoded, 'base64').toString('latin1')
      : encoded
          .replace(/_/g, ' ')
          .replace(/=([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { charset: normaliseCharset(match[1]), bytes, source: match[0] };
}

/**
 * Decodes adjacent encoded words, those in one charset together (mailers split multi-byte
 * characters across words), except for stateful charsets (ISO-2022-JP), which reset at the end of
 * each word and whose WHATWG decoders reject the back-to-back escape sequences joining would make.
 */
function decodeRun(words: readonly EncodedWord[], warnings: string[]): string {
  let out = '';
  for (let i = 0; i < words.length;) {
    const charset = words[i]?.charset ?? '';
    let bytes = '';
    const sources: string[] = [];
    do {
      bytes += words[i]?.bytes ?? '';
      sources.push(words[i]?.source ?? '');
      i++;
    } while (i < words.length && words[i]?.charset === charset && !isStateful(charset));
    if (decoderFor(charset) === null) {
      warnings.push(`unknown charset ${charset}`);
      out += sources.join(' ');
    } else {
      out += decodeBytes(Buffer.from(bytes, 'latin1'), charset, warnings);
    }
  }
  return out;
}
