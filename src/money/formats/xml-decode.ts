/**
 * The text of an XML file, decoded a piece at a time so that a 60 MB statement is never one
 * 60 MB string: the streaming parser is fed each piece as it is decoded.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { utf16ByNulPattern, type TextEncoding } from '../../platform/text-encoding.js';
import { encodingLabel } from './encoding-label.js';

/** Bytes decoded per piece: large enough that the parser's per-call cost vanishes. */
const PIECE = 1 << 20;

/** How a file's bytes are to be decoded: the iconv name, the bytes after any mark, and the label. */
export interface XmlEncoding {
  readonly iconvName: string;
  readonly body: Buffer;
  /** As `ReadStatement.encoding` names it (`UTF-8`, `UTF-16LE`, `ISO-8859-1`). */
  readonly label: string;
}

const detected = (encoding: TextEncoding, body: Buffer): XmlEncoding => ({
  iconvName: encoding === 'utf-8 with BOM' ? 'utf-8' : encoding,
  body,
  label: encodingLabel(encoding),
});

/**
 * The encoding of an XML file: a byte order mark decides, then an encoding the XML declaration
 * names other than UTF-8 (`ISO-8859-1`, `windows-1252`, `ISO-8859-15`), then what
 * `decodeText` would find (UTF-16 by its zero bytes, UTF-8 when valid, else windows-1252 when a
 * byte falls in 0x80–0x9F and ISO-8859-1 otherwise).
 */
export function xmlEncoding(bytes: Buffer): XmlEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return detected('utf-8 with BOM', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return detected('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return detected('utf-16be', bytes.subarray(2));
  const declared = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/u.exec(
    bytes.subarray(0, 200).toString('latin1'),
  )?.[1];
  if (declared && !/^utf-?(8|16)/iu.test(declared) && iconv.encodingExists(declared)) {
    return { iconvName: declared, body: bytes, label: declared };
  }
  const utf16 = utf16ByNulPattern(bytes);
  if (utf16) return detected(utf16, bytes);
  if (isUtf8(bytes)) return detected('utf-8', bytes);
  const c1 = bytes.some((byte) => byte >= 0x80 && byte <= 0x9f);
  return detected(c1 ? 'windows-1252' : 'iso-8859-1', bytes);
}

/**
 * The decoded text of `encoding.body`, a piece at a time (a character split between two pieces is
 * carried over by the decoder).
 */
export function* decodedPieces(encoding: XmlEncoding): Generator<string> {
  const decoder = iconv.getDecoder(encoding.iconvName, { stripBOM: false });
  const { body } = encoding;
  for (let at = 0; at < body.length; at += PIECE) {
    const piece = decoder.write(body.subarray(at, at + PIECE));
    if (piece) yield piece;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
