/**
 * The message parser: raw RFC 5322 bytes in, a `ParsedMessage` out. Our own rather than postal-mime
 * because import needs only headers, text and attachment *metadata*, and a parser that never decodes
 * attachments is five to ten times faster (postal-mime manages ~1,000 corpus messages/s here; the
 * import's budget is ~3,000/s end to end). It is lenient by design: broken MIME, bad encodings and
 * garbage addresses become warnings, and only input that is not a message at all throws.
 *
 * Work is done on the bytes (`Buffer.indexOf`) for everything that can be large, so a 30 MB base64
 * attachment costs a boundary search and a line count, never a decode.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { htmlToText, latin1ToWindows1252 } from './html.js';
import type { AttachmentMeta, Envelope, ParsedMessage } from './types.js';

/** Input that is not a mail message at all (empty, or no header line): the only thing that throws. */
export class MessageParseError extends Error {
  override readonly name = 'MessageParseError';
}

export interface ParseOptions {
  /**
   * When the message arrived (ISO 8601), if the source knows: decides the century of a two-digit
   * year in the Date header, which is otherwise read the RFC 5322 way (00-49 → 20xx).
   */
  readonly receivedAt?: string;
}

/** Body text kept per message: enough for any real letter, bounded for search and storage. */
export const MAX_BODY_CHARS = 1024 * 1024;
/** Encoded bytes of one text part decoded at most: a 1 MB text never needs more than this. */
const MAX_TEXT_PART_BYTES = 4 * MAX_BODY_CHARS;
/** MIME nesting followed at most; deeper parts are ignored with a warning (a zip-bomb guard). */
const MAX_DEPTH = 30;

/** The headers that mbox and mail programs add; they are not part of the message for its identity. */
const UNSTABLE_HEADERS = new Set([
  'status',
  'x-status',
  'x-keywords',
  'x-uid',
  'x-mozilla-status',
  'x-mozilla-status2',
  'content-length',
]);

/**
 * Parses one raw message. Never decodes attachments; never throws for a message that merely is
 * broken (the problems go into `warnings`).
 *
 * @throws MessageParseError when the input is empty or has no header line before its first blank line.
 * @example
 *   const message = parseMessage(readFileSync('letter.eml'));
 *   message.fromAddress // → 'news@acme.example'
 */
export function parseMessage(raw: Buffer, options: ParseOptions = {}): ParsedMessage {
  const start = messageStart(raw);
  if (start >= raw.length) throw new MessageParseError('no header block: the message is empty');
  const headerEnd = findHeaderEnd(raw, start, raw.length);
  const headerText = decodeHeaderBytes(raw.subarray(start, headerEnd.end));
  const headers = splitHeaders(headerText);
  if (headers.length === 0) {
    throw new MessageParseError('not a mail message: no header line before the first blank line');
  }
  const warnings: string[] = [];
  const words = (text: string): string => decodeWords(text, warnings);
  const from = addressesOf(headers, 'from')[0] ?? null;
  const body = readBody(raw, headerEnd.bodyStart, headers, warnings);
  return {
    fingerprint: fingerprint(raw, start, headerEnd.end),
    messageId: messageIdOf(first(headers, 'message-id')),
    sentAt: parseDate(first(headers, 'date'), options.receivedAt),
    fromAddress: from ? from.address.toLowerCase() : null,
    fromName: from && from.name !== '' ? words(from.name) : null,
    subject: words(unfoldedText(first(headers, 'subject') ?? '')),
    recipients: [...addressesOf(headers, 'to'), ...addressesOf(headers, 'cc')]
      .map((m) => (m.name === '' ? m.address : `${words(m.name)} <${m.address}>`))
      .join(', '),
    headers: headerText.replace(/\r\n/g, '\n').replace(/\n+$/, ''),
    body: body.text,
    size: raw.length,
    attachments: body.attachments,
    envelope: envelopeOf(headers),
    warnings: [...new Set(warnings)],
  };
}

// ---------------------------------------------------------------------------------------------
// Header block
// ---------------------------------------------------------------------------------------------

interface Header {
  /** Lower case. */
  readonly name: string;
  /** Unfolded (line breaks removed, the folding whitespace kept), trimmed, encoded words as sent. */
  readonly value: string;
}

const LF = 10;
const CR = 13;

/** Skips an mbox `From ` line and any blank lines before the headers. */
function messageStart(raw: Buffer): number {
  let start = 0;
  if (raw.length >= 5 && raw.toString('latin1', 0, 5) === 'From ') {
    const nl = raw.indexOf(LF);
    start = nl === -1 ? raw.length : nl + 1;
  }
  while (start < raw.length && (raw[start] === LF || raw[start] === CR)) start++;
  return start;
}

/**
 * Where the header block of the bytes `[start, limit)` ends (just after its last line break) and
 * where the body starts (after the blank line). Without a blank line it is all header.
 */
function findHeaderEnd(
  raw: Buffer,
  start: number,
  limit: number,
): { readonly end: number; readonly bodyStart: number } {
  if (raw[start] === LF) return { end: start, bodyStart: start + 1 };
  if (raw[start] === CR && raw[start + 1] === LF) return { end: start, bodyStart: start + 2 };
  let at = start;
  for (;;) {
    const nl = raw.indexOf(LF, at);
    if (nl === -1 || nl >= limit) return { end: limit, bodyStart: limit };
    const next = nl + 1;
    if (next >= limit) return { end: limit, bodyStart: limit };
    if (raw[next] === LF) return { end: next, bodyStart: next + 1 };
    if (raw[next] === CR && raw[next + 1] === LF && next + 1 < limit) {
      return { end: next, bodyStart: next + 2 };
    }
    at = next;
  }
}

/** windows-1252 bytes as text (see `WINDOWS_1252_C1` for why not `TextDecoder`). */
function decodeWindows1252(bytes: Buffer): string {
  return latin1ToWindows1252(bytes.toString('latin1'));
}

/**
 * Header bytes as text: UTF-8 when they are valid UTF-8 (what modern mailers send raw), else
 * windows-1252 (what old ones did; a superset of Latin-1 that never fails).
 */
function decodeHeaderBytes(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return decodeWindows1252(bytes);
}

/** A header name: printable ASCII without colon or space (RFC 5322 §2.2). */
const HEADER_NAME = /^[!-9;-~]+$/;

/** Splits a header block into unfolded headers; lines that are not headers are skipped. */
function splitHeaders(block: string): Header[] {
  const headers: Header[] = [];
  let name: string | null = null;
  let value = '';
  const flush = (): void => {
    if (name !== null) headers.push({ name, value: value.trim() });
    name = null;
  };
  for (const line of block.split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const c = text.charCodeAt(0);
    if (c === 32 || c === 9) {
      if (name !== null) value += text;
      continue;
    }
    flush();
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    const candidate = text.slice(0, colon).trimEnd();
    if (!HEADER_NAME.test(candidate)) continue;
    name = candidate.toLowerCase();
    value = text.slice(colon + 1);
  }
  flush();
  return headers;
}

function first(headers: readonly Header[], name: string): string | null {
  for (const h of headers) if (h.name === name) return h.value;
  return null;
}

function all(headers: readonly Header[], name: string): string[] {
  const values: string[] = [];
  for (const h of headers) if (h.name === name) values.push(h.value);
  return values;
}

/**
 * A folded value as one line: a run of whitespace that holds a tab or a line break becomes one
 * space; a run of plain spaces stays as written.
 *
 * **Important**: linear in the value's length. The regex this replaces, `[ \t]*[\t\r\n][ \t]*`,
 * backtracked over every run of spaces from each of its positions: 200 KB of spaces took 21 s.
 */
function unfoldedText(value: string): string {
  return value.replace(/[ \t\r\n]+/g, (run) => (/[\t\r\n]/.test(run) ? ' ' : run)).trim();
}

/**
 * The value with each `(comment)` replaced, as `/\([^)]*\)/g` would, but in linear time: that regex
 * scans to the end from every `(` when no `)` follows (a megabyte of `(` took over 30 s).
 */
function withoutComments(value: string, replacement: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = value.indexOf('(', from);
    if (open < 0) break;
    const close = value.indexOf(')', open);
    if (close < 0) break;
    out += value.slice(from, open) + replacement;
    from = close + 1;
  }
  return out + value.slice(from);
}

function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const bracketed = /<([^<>]*)>/.exec(value);
  const id = (bracketed?.[1] ?? value).trim().replace(/\s+/g, '');
  return id === '' ? null : id;
}

// ---------------------------------------------------------------------------------------------
// Fingerprint
// ---------------------------------------------------------------------------------------------

/**
 * SHA-256 over the message as every source would deliver it: no mbox `From ` line, LF line ends,
 * no status headers, no trailing whitespace. Computed over byte ranges, so the body is hashed in
 * place, never copied.
 */
function fingerprint(raw: Buffer, start: number, headerEnd: number): string {
  const hash = createHash('sha256');
  const ranges: [number, number][] = [];
  const keep = (from: number, to: number): void => {
    const last = ranges[ranges.length - 1];
    if (last?.[1] === from) last[1] = to;
    else ranges.push([from, to]);
  };
  const newline = Buffer.from('\n');
  let dropping = false;
  let at = start;
  while (at < headerEnd) {
    let nl = raw.indexOf(LF, at);
    if (nl === -1 || nl >= headerEnd) nl = headerEnd;
    const lineEnd = nl > at && raw[nl - 1] === CR ? nl - 1 : nl;
    const c = raw[at];
    if (c !== 32 && c !== 9) {
      const colon = raw.indexOf(58, at);
      dropping =
        colon !== -1 &&
        colon < lineEnd &&
        UNSTABLE_HEADERS.has(raw.toString('latin1', at, colon).trimEnd().toLowerCase());
    }
    if (!dropping) {
      // The line and its LF in one range when it ends in a bare LF; else the LF is added apart.
      if (lineEnd === nl && nl < headerEnd) keep(at, nl + 1);
      else {
        keep(at, lineEnd);
        flushRanges(hash, raw, ranges);
        hash.update(newline);
      }
    }
    at = nl + 1;
  }
  flushRanges(hash, raw, ranges);
  let end = raw.length;
  while (end > headerEnd && isSpaceByte(raw[end - 1])) end--;
  hashWithoutCr(hash, raw, headerEnd, end);
  return hash.digest('hex');
}

function flushRanges(hash: ReturnType<typeof createHash>, raw: Buffer, ranges: [number, number][]): void {
  for (const [from, to] of ranges) hash.update(raw.subarray(from, to));
  ranges.length = 0;
}

function isSpaceByte(b: number | undefined): boolean {
  return b === LF || b === CR || b === 32 || b === 9;
}

/** Hashes `[from, to)` with every CRLF read as LF. */
function hashWithoutCr(hash: ReturnType<typeof createHash>, raw: Buffer, from: number, to: number): void {
  let at = from;
  for (;;) {
    const cr = raw.indexOf('\r\n', at);
    if (cr === -1 || cr >= to) break;
    if (cr > at) hash.update(raw.subarray(at, cr));
    at = cr + 1;
  }
  if (to > at) hash.update(raw.subarray(at, to));
}

// ---------------------------------------------------------------------------------------------
// Charsets and encoded words
// ---------------------------------------------------------------------------------------------

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
function decodeBytes(bytes: Buffer, charset: string, warnings: string[]): string {
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

// ---------------------------------------------------------------------------------------------
// Structured header values: parameters, addresses, dates
// ---------------------------------------------------------------------------------------------

interface HeaderValue {
  /** Lower case, parameters removed (`text/plain`, `attachment`). */
  readonly value: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Splits on `sep` outside quoted strings. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  if (!text.includes('"')) return text.split(sep);
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && quoted) {
      current += c + text.charAt(i + 1);
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === sep && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/**
 * Parses `value; name=x; name*=utf-8''%E2%82%AC; name*0*=…; name*1*=…` (RFC 2045 and RFC 2231:
 * extended values, continuations). Parameter names are lower-cased.
 */
function parseHeaderValue(text: string | null, warnings: string[]): HeaderValue {
  if (text === null) return { value: '', params: new Map() };
  const [head = '', ...rest] = splitOutsideQuotes(text, ';');
  const params = new Map<string, string>();
  const sections = new Map<string, { index: number; extended: boolean; value: string }[]>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = unquote(part.slice(eq + 1));
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (m === null) continue;
    const [, base = '', index, star] = m;
    if (index === undefined && star === undefined) {
      if (!params.has(base)) params.set(base, value);
      continue;
    }
    const list = sections.get(base) ?? [];
    list.push({ index: index === undefined ? 0 : Number(index), extended: star !== undefined, value });
    sections.set(base, list);
  }
  for (const [base, list] of sections) {
    params.set(base, joinSections(list, warnings));
  }
  return { value: head.trim().toLowerCase(), params };
}

/** Joins RFC 2231 sections in order; the first extended one names the charset of them all. */
function joinSections(
  list: { index: number; extended: boolean; value: string }[],
  warnings: string[],
): string {
  list.sort((a, b) => a.index - b.index);
  let charset = '';
  let bytes = '';
  for (const [i, section] of list.entries()) {
    let value = section.value;
    if (section.extended) {
      if (i === 0) {
        const m = /^([^']*)'[^']*'(.*)$/s.exec(value);
        if (m !== null) {
          charset = m[1] ?? '';
          value = m[2] ?? '';
        }
      }
      bytes += value.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    } else {
      bytes += Buffer.from(value, 'utf8').toString('latin1');
    }
  }
  return decodeBytes(Buffer.from(bytes, 'latin1'), charset || 'utf-8', warnings);
}

export interface Mailbox {
  /** The display name as written (quotes and comments removed, encoded words not yet decoded). */
  readonly name: string;
  /** `local@domain` as written. */
  readonly address: string;
}

/** A bare address: no spaces or specials, one @, something on both sides. */
const BARE_ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/;

/**
 * Parses an address list leniently: quoted names with commas, comments, groups
 * (`undisclosed-recipients:;`), route addresses and garbage. Tokens that are not addresses are
 * skipped; it never throws.
 *
 * @example parseAddressList('"Doe, J" <J@X.example>, (c) b@y.example, team: ;')
 *   // → [{ name: 'Doe, J', address: 'J@X.example' }, { name: 'c', address: 'b@y.example' }]
 */
export function parseAddressList(text: string): Mailbox[] {
  const out: Mailbox[] = [];
  let phrase = '';
  let comment = '';
  let angle: string | null = null;
  const finish = (): void => {
    const mailbox = mailboxOf(phrase, comment, angle);
    if (mailbox !== null) out.push(mailbox);
    phrase = '';
    comment = '';
    angle = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"') {
      const end = closingQuote(text, i + 1);
      phrase += text.slice(i + 1, end).replace(/\\(.)/g, '$1');
      i = end;
    } else if (c === '(') {
      const end = closingParen(text, i + 1);
      comment += (comment === '' ? '' : ' ') + text.slice(i + 1, end);
      i = end;
    } else if (c === '<') {
      const end = text.indexOf('>', i + 1);
      angle = text.slice(i + 1, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    } else if (c === ',' || c === ';') {
      finish();
    } else if (c === ':' && angle === null) {
      // A group's name: what came before is not a mailbox.
      phrase = '';
      comment = '';
    } else phrase += c;
  }
  finish();
  return out;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return text.length;
}

function closingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}

function mailboxOf(phrase: string, comment: string, angle: string | null): Mailbox | null {
  let address: string;
  let name = phrase;
  if (angle !== null) {
    // A route (`<@relay:user@host>`) is obsolete syntax: the mailbox is after the colon.
    address = angle.replace(/^@[^:]*:/, '').trim();
  } else {
    const tokens = phrase.trim().split(/\s+/);
    const at = tokens.findIndex((t) => t.includes('@'));
    if (at === -1) return null;
    address = tokens[at] ?? '';
    tokens.splice(at, 1);
    name = tokens.join(' ');
  }
  address = address.replace(/^mailto:/i, '').replace(/\.$/, '');
  if (!BARE_ADDRESS.test(address)) return null;
  name = name.replace(/\s+/g, ' ').trim();
  if (name === '') name = comment.replace(/\s+/g, ' ').trim();
  return { name, address };
}

function addressesOf(headers: readonly Header[], name: string): Mailbox[] {
  const list: Mailbox[] = [];
  for (const value of all(headers, name)) list.push(...parseAddressList(value));
  return list;
}

/** Lower-cased bare addresses of every occurrence of a header. */
function bareAddresses(headers: readonly Header[], name: string): string[] {
  return addressesOf(headers, name).map((m) => m.address.toLowerCase());
}

const MONTHS = new Map(
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i]),
);

/** Zone names still seen in Date headers, in minutes east of UTC. */
const ZONES = new Map<string, number>([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['wet', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['akst', -540],
  ['akdt', -480],
  ['hst', -600],
  ['ast', -240],
  ['adt', -180],
  ['bst', 60],
  ['west', 60],
  ['cet', 60],
  ['met', 60],
  ['cest', 120],
  ['mest', 120],
  ['eet', 120],
  ['eest', 180],
  ['msk', 180],
  ['ist', 330],
  ['sgt', 480],
  ['hkt', 480],
  ['jst', 540],
  ['kst', 540],
  ['aest', 600],
  ['aedt', 660],
  ['nzst', 720],
  ['nzdt', 780],
]);

/** `[Day,] 1 Jan [19]99 10:00[:00] [zone]`, dashes allowed between the date fields. */
const RFC_DATE =
  /(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4}),?\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?\s*(.*)$/i;
/** asctime: `Mon Jan  1 10:00:00 [zone] 1999`. */
const ASCTIME =
  /([a-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s+(?:([a-z]+|[+-]\d{4})\s+)?(\d{4})/i;
/** ISO 8601: `1999-01-01T10:00:00Z`. */
const ISO_DATE = /(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(.*)$/i;

/**
 * Reads a Date header into ISO 8601 UTC, tolerating what mailers really send: no weekday, two-digit
 * years, zone names, no zone (read as UTC), asctime and ISO forms. Null when unreadable.
 *
 * @example parseDate('3 Aug 02 10:00 PDT') // → '2002-08-03T17:00:00.000Z'
 */
export function parseDate(value: string | null, receivedAt?: string): string | null {
  if (value === null) return null;
  const text = withoutComments(value, ' ').trim();
  let m = RFC_DATE.exec(text);
  if (m !== null) {
    return utc(
      fullYear(m[3] ?? '', receivedAt),
      MONTHS.get((m[2] ?? '').toLowerCase()),
      Number(m[1]),
      [m[4], m[5], m[6]],
      zoneOffset(m[7] ?? ''),
    );
  }
  m = ISO_DATE.exec(text);
  if (m !== null) {
    return utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]), [m[4], m[5], m[6]], zoneOffset(m[7] ?? ''));
  }
  m = ASCTIME.exec(text);
  if (m !== null) {
    return utc(
      Number(m[7]),
      MONTHS.get((m[1] ?? '').toLowerCase()),
      Number(m[2]),
      [m[3], m[4], m[5]],
      zoneOffset(m[6] ?? ''),
    );
  }
  return null;
}

/** RFC 5322 §4.3: 00-49 is 20xx, 50-99 is 19xx, three digits add 1900; or the century nearest receipt. */
function fullYear(text: string, receivedAt: string | undefined): number {
  const year = Number(text);
  if (text.length === 3) return year + 1900;
  if (text.length !== 2) return year;
  const received = receivedAt === undefined ? NaN : Date.parse(receivedAt);
  if (!Number.isNaN(received)) {
    const receivedYear = new Date(received).getUTCFullYear();
    const century = Math.floor(receivedYear / 100) * 100;
    const candidate = century + year;
    return candidate > receivedYear + 1 ? candidate - 100 : candidate;
  }
  return year < 50 ? 2000 + year : 1900 + year;
}

/** Minutes east of UTC: `+0200`, `-07:00`, `EST`, `GMT+2`; unknown or none is UTC (RFC 5322 §4.3). */
function zoneOffset(text: string): number {
  const m = /^([a-z]*)\s*(?:([+-])(\d{1,2}):?(\d{2})?)?/i.exec(text.trim());
  if (m === null) return 0;
  if (m[2] !== undefined) {
    const hours = Number(m[3]);
    const minutes = Number(m[4] ?? 0);
    const sign = m[2] === '-' ? -1 : 1;
    return hours > 14 || minutes > 59 ? 0 : sign * (hours * 60 + minutes);
  }
  return ZONES.get((m[1] ?? '').toLowerCase()) ?? 0;
}

function utc(
  year: number,
  month: number | undefined,
  day: number,
  time: (string | undefined)[],
  offset: number,
): string | null {
  const [hour = 0, minute = 0, second = 0] = time.map((t) => Number(t ?? 0));
  if (month === undefined || Number.isNaN(month) || month < 0 || month > 11) return null;
  if (day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (year < 1000 || year > 9999) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second) - offset * 60_000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------------

function envelopeOf(headers: readonly Header[]): Envelope {
  const single = (name: string): string | null => bareAddresses(headers, name)[0] ?? null;
  const precedence = (first(headers, 'precedence') ?? '').trim().toLowerCase();
  const autoSubmitted = first(headers, 'auto-submitted');
  return {
    to: bareAddresses(headers, 'to'),
    cc: bareAddresses(headers, 'cc'),
    deliveredTo: bareAddresses(headers, 'delivered-to'),
    xOriginalTo: bareAddresses(headers, 'x-original-to'),
    envelopeTo: bareAddresses(headers, 'envelope-to'),
    receivedFor: receivedFor(headers),
    from: single('from'),
    sender: single('sender'),
    replyTo: bareAddresses(headers, 'reply-to'),
    returnPath: single('return-path'),
    dkim: all(headers, 'dkim-signature').flatMap((v) => {
      const d = /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(v)?.[1];
      return d === undefined ? [] : [d.toLowerCase().replace(/\.$/, '')];
    }),
    listId: listIdOf(first(headers, 'list-id')),
    listUnsubscribe: unsubscribeHosts(all(headers, 'list-unsubscribe')),
    bulk:
      /^(?:bulk|list|junk)\b/.test(precedence) ||
      (autoSubmitted !== null && !/^no\b/i.test(autoSubmitted.trim()) && autoSubmitted.trim() !== ''),
  };
}

function receivedFor(headers: readonly Header[]): string[] {
  const found: string[] = [];
  for (const value of all(headers, 'received')) {
    const m = /\bfor\s+<([^<>\s]+)>|\bfor\s+([^\s<>;]+@[^\s<>;]+)/i.exec(value);
    const address = (m?.[1] ?? m?.[2] ?? '').replace(/[.,]$/, '');
    if (BARE_ADDRESS.test(address)) found.push(address.toLowerCase());
  }
  return found;
}

function listIdOf(value: string | null): string | null {
  if (value === null) return null;
  const bracketed = /<([^<>]+)>/.exec(value)?.[1];
  const id = (bracketed ?? withoutComments(value, '').trim().split(/\s+/).pop() ?? '').trim().toLowerCase();
  return id === '' ? null : id;
}

function unsubscribeHosts(values: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const value of values) {
    const targets = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? '');
    for (const target of targets.length > 0 ? targets : value.split(',')) {
      const t = target.trim();
      const host = /^mailto:[^@?]*@([^?>\s]+)/i.exec(t)?.[1] ?? /^https?:\/\/([^/:?#\s]+)/i.exec(t)?.[1];
      if (host !== undefined) hosts.add(host.toLowerCase().replace(/\.$/, ''));
    }
  }
  return [...hosts];
}

// ---------------------------------------------------------------------------------------------
// MIME body
// ---------------------------------------------------------------------------------------------

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

function readBody(
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

function decodeTransfer(bytes: Buffer, encoding: string, warnings: string[]): Buffer {
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

function attachmentOf(raw: Buffer, part: Part): AttachmentMeta {
  return {
    filename: part.filename,
    mimeType: part.type,
    size: part.encoding === 'base64' ? base64Size(raw, part.start, part.end) : part.end - part.start,
    disposition: part.disposition,
    contentId: part.contentId,
  };
}

/**
 * The decoded size of base64 content without decoding it: three bytes per four characters, less the
 * padding. Counts line by line with `indexOf`, so 30 MB cost a few milliseconds.
 */
function base64Size(raw: Buffer, start: number, end: number): number {
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
