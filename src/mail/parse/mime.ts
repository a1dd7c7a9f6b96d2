/**
 * The MIME tree: walks the parts of a body, keeps the text of the parts a reader would see, and
 * notes every other part as an attachment, by its headers alone.
 */
import { htmlToText } from '../html.js';
import type { AttachmentMeta } from '../types.js';
import { decodeBytes, decodeWords } from './charsets.js';
import {
  CR,
  decodeHeaderBytes,
  findHeaderEnd,
  first,
  type Header,
  LF,
  messageIdOf,
  parseHeaderValue,
  splitHeaders,
} from './headers.js';
import { base64Size, decodeTransfer } from './transfer.js';

/** Body text kept per message: enough for any real letter, bounded for search and storage. */
export const MAX_BODY_CHARS = 1024 * 1024;
/** Encoded bytes of one text part decoded at most: a 1 MB text never needs more than this. */
const MAX_TEXT_PART_BYTES = 4 * MAX_BODY_CHARS;
/** MIME nesting followed at most; deeper parts are ignored with a warning (a zip-bomb guard). */
const MAX_DEPTH = 30;

/** The content headers of one MIME part. */
interface Part {
  readonly start: number;
  readonly end: number;
  /** `text/plain` when missing or unreadable (RFC 2045 §5.2). */
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
  readonly disposition: 'attachment' | 'inline' | null;
  readonly filename: string | null;
  readonly encoding: string;
  readonly contentId: string | null;
}

/** A piece of text found under a part, in document order; HTML is converted only when chosen. */
interface Segment {
  readonly kind: 'plain' | 'html';
  readonly text: string;
}

type Texts = readonly Segment[];

const NO_TEXT: Texts = [];

function hasPlain(texts: Texts): boolean {
  return texts.some((s) => s.kind === 'plain' && s.text.trim() !== '');
}

interface Walk {
  readonly raw: Buffer;
  readonly warnings: string[];
  readonly attachments: AttachmentMeta[];
  truncated: boolean;
}

/**
 * The text a reader would see, from the body that starts at `bodyStart`, and every other part as
 * an attachment; the text is cut at `MAX_BODY_CHARS` with a warning.
 */
export function readBody(
  raw: Buffer,
  bodyStart: number,
  headers: readonly Header[],
  warnings: string[],
): { text: string; attachments: AttachmentMeta[] } {
  const walk: Walk = { raw, warnings, attachments: [], truncated: false };
  const root = partOf(headers, bodyStart, raw.length, 'text/plain', warnings);
  let text = walkPart(walk, root, 0)
    .map((s) => (s.kind === 'html' ? htmlToText(s.text) : s.text))
    .join('\n\n');
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  text = text.trimEnd();
  if (text.length > MAX_BODY_CHARS || walk.truncated) {
    text = text.slice(0, MAX_BODY_CHARS);
    warnings.push('body cut at 1 MB');
  }
  return { text, attachments: walk.attachments };
}

function partOf(
  headers: readonly Header[],
  start: number,
  end: number,
  defaultType: string,
  warnings: string[],
): Part {
  const contentType = parseHeaderValue(first(headers, 'content-type'), warnings);
  const disposition = parseHeaderValue(first(headers, 'content-disposition'), warnings);
  let type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+/.exec(contentType.value)?.[0];
  if (contentType.value === '') type = defaultType;
  else if (type === undefined) {
    warnings.push(`unreadable content type "${contentType.value}", read as text/plain`);
    type = 'text/plain';
  }
  const filename = disposition.params.get('filename') ?? contentType.params.get('name') ?? null;
  const contentId = first(headers, 'content-id');
  return {
    start,
    end,
    type,
    params: contentType.params,
    disposition:
      disposition.value === 'attachment' || disposition.value === 'inline' ? disposition.value : null,
    filename: filename === null || filename.trim() === '' ? null : decodeWords(filename, warnings).trim(),
    encoding: (first(headers, 'content-transfer-encoding') ?? '').trim().toLowerCase(),
    contentId: contentId === null ? null : messageIdOf(contentId),
  };
}

function walkPart(walk: Walk, part: Part, depth: number): Texts {
  if (depth > MAX_DEPTH) {
    walk.warnings.push(`MIME nesting deeper than ${MAX_DEPTH} levels ignored`);
    return NO_TEXT;
  }
  if (part.type.startsWith('multipart/')) {
    const children = childrenOf(walk, part);
    if (children !== null) return walkMultipart(walk, part, children, depth);
    return textOf(walk, { ...part, type: 'text/plain' });
  }
  const inlineText = part.type === 'text/plain' || part.type === 'text/html';
  // A named text part is an attached file, unless it says it is inline or is the whole message.
  const named = part.filename !== null && part.disposition !== 'inline' && depth > 0;
  if (!inlineText || part.disposition === 'attachment' || named) {
    walk.attachments.push(attachmentOf(walk.raw, part));
    return NO_TEXT;
  }
  return textOf(walk, part);
}

function walkMultipart(walk: Walk, part: Part, children: Part[], depth: number): Texts {
  const results = children.map((child) => walkPart(walk, child, depth + 1));
  const subtype = part.type.slice('multipart/'.length);
  if (subtype === 'alternative') {
    return results.find(hasPlain) ?? results.findLast((r) => r.length > 0) ?? NO_TEXT;
  }
  if (subtype === 'related') return results[0] ?? NO_TEXT;
  return results.flat();
}

/** The parts of a multipart body, or null (with a warning) when it has no usable boundary. */
function childrenOf(walk: Walk, part: Part): Part[] | null {
  let boundary = part.params.get('boundary') ?? '';
  if (boundary === '') {
    boundary = guessBoundary(walk.raw, part.start, part.end) ?? '';
    walk.warnings.push(
      boundary === ''
        ? `${part.type} without a boundary, read as text`
        : `${part.type} without a boundary, "${boundary}" guessed from its body`,
    );
    if (boundary === '') return null;
  }
  let ranges = splitMultipart(walk.raw, part.start, part.end, boundary, walk.warnings);
  if (ranges === null) {
    // Mailers get the boundary wrong (an extra space, quotes kept): try the one the body uses.
    const guessed = guessBoundary(walk.raw, part.start, part.end);
    if (guessed === null || guessed === boundary) return null;
    walk.warnings.push(`"${guessed}" used as the boundary instead`);
    ranges = splitMultipart(walk.raw, part.start, part.end, guessed, walk.warnings);
    if (ranges === null) return null;
  }
  const defaultType = part.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  return ranges.map(([start, end]) => {
    const headerEnd = findHeaderEnd(walk.raw, start, end);
    const headers = splitHeaders(decodeHeaderBytes(walk.raw.subarray(start, headerEnd.end)));
    return partOf(headers, headerEnd.bodyStart, end, defaultType, walk.warnings);
  });
}

/** The boundary a multipart body uses, from its first line that starts with `--`. */
function guessBoundary(raw: Buffer, start: number, end: number): string | null {
  const head = raw.toString('latin1', start, Math.min(end, start + 64 * 1024));
  const m = /^--(\S[^\r\n]{0,69}?)(?:--)?[ \t]*\r?$/m.exec(head);
  return m?.[1] ?? null;
}

/**
 * Cuts `[start, end)` at the lines `--boundary` (RFC 2046 §5.1.1): the byte ranges of the parts,
 * without the line break that belongs to the delimiter. Null when the boundary never occurs.
 */
function splitMultipart(
  raw: Buffer,
  start: number,
  end: number,
  boundary: string,
  warnings: string[],
): [number, number][] | null {
  const body = raw.subarray(start, end);
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const ranges: [number, number][] = [];
  let partStart = -1;
  let at = 0;
  for (;;) {
    const found = body.indexOf(delimiter, at);
    if (found === -1) break;
    at = found + 1;
    if (found > 0 && body[found - 1] !== LF) continue;
    let p = found + delimiter.length;
    const closing = body[p] === 45 && body[p + 1] === 45;
    if (closing) p += 2;
    while (body[p] === 32 || body[p] === 9) p++;
    // A longer boundary that starts with ours (nested parts often share a prefix) is not ours.
    if (p < body.length && body[p] !== CR && body[p] !== LF) continue;
    if (partStart !== -1) ranges.push([start + partStart, start + lineBreakBefore(body, found, partStart)]);
    if (closing) return ranges;
    const nl = body.indexOf(LF, p);
    partStart = nl === -1 ? body.length : nl + 1;
    at = partStart;
  }
  if (partStart === -1) {
    warnings.push(`multipart boundary "${boundary}" not found`);
    return null;
  }
  warnings.push(`multipart boundary "${boundary}" never closes`);
  ranges.push([start + partStart, end]);
  return ranges;
}

/** The end of a part: the delimiter's own preceding line break is not part content. */
function lineBreakBefore(body: Buffer, delimiterAt: number, partStart: number): number {
  let end = delimiterAt;
  if (end > partStart && body[end - 1] === LF) end--;
  if (end > partStart && body[end - 1] === CR) end--;
  return end;
}

function textOf(walk: Walk, part: Part): Texts {
  let end = part.end;
  if (end - part.start > MAX_TEXT_PART_BYTES) {
    end = part.start + MAX_TEXT_PART_BYTES;
    walk.truncated = true;
  }
  const bytes = decodeTransfer(walk.raw.subarray(part.start, end), part.encoding, walk.warnings);
  const text = decodeBytes(bytes, part.params.get('charset') ?? '', walk.warnings);
  return [{ kind: part.type === 'text/html' ? 'html' : 'plain', text }];
}

function attachmentOf(raw: Buffer, part: Part): AttachmentMeta {
  return {
    filename: part.filename,
    mimeType: part.type,
    size: part.encoding === 'base64' ? base64Size(raw, part.start, part.end) : part.end - part.start,
    disposition: part.disposition,
    contentId: part.contentId,
  };
}
