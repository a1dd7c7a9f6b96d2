/**
 * The header block of a message or a MIME part: where it ends, its bytes as text, its unfolded
 * header lines, and the structured values (`type; name=value`) some of them hold.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { decodeBytes, decodeWindows1252 } from './charsets.js';

/** One header line of a block, unfolded. */
export interface Header {
  /** Lower case. */
  readonly name: string;
  /** Unfolded (line breaks removed, the folding whitespace kept), trimmed, encoded words as sent. */
  readonly value: string;
}

/** The bytes of a line feed and a carriage return. */
export const LF = 10;
export const CR = 13;

/** Line break, carriage return, space or tab. */
export function isSpaceByte(b: number | undefined): boolean {
  return b === LF || b === CR || b === 32 || b === 9;
}

/** Skips an mbox `From ` line and any blank lines before the headers. */
export function messageStart(raw: Buffer): number {
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
export function findHeaderEnd(
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

/**
 * Header bytes as text: UTF-8 when they are valid UTF-8 (what modern mailers send raw), else
 * windows-1252 (what old ones did; a superset of Latin-1 that never fails).
 */
export function decodeHeaderBytes(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return decodeWindows1252(bytes);
}

/** A header name: printable ASCII without colon or space (RFC 5322 §2.2). */
const HEADER_NAME = /^[!-9;-~]+$/;

/** Splits a header block into unfolded headers; lines that are not headers are skipped. */
export function splitHeaders(block: string): Header[] {
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

/** The value of the first header of this (lower-case) name, or null when there is none. */
export function first(headers: readonly Header[], name: string): string | null {
  for (const h of headers) if (h.name === name) return h.value;
  return null;
}

/** The values of every header of this (lower-case) name, in order. */
export function all(headers: readonly Header[], name: string): string[] {
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
export function unfoldedText(value: string): string {
  return value.replace(/[ \t\r\n]+/g, (run) => (/[\t\r\n]/.test(run) ? ' ' : run)).trim();
}

/**
 * The value with each `(comment)` replaced, as `/\([^)]*\)/g` would, but in linear time: that regex
 * scans to the end from every `(` when no `)` follows (a megabyte of `(` took over 30 s).
 */
export function withoutComments(value: string, replacement: string): string {
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

/** The identifier inside `<…>` of a Message-ID or Content-ID, whitespace removed; null when empty. */
export function messageIdOf(value: string | null): string | null {
  if (value === null) return null;
  const bracketed = /<([^<>]*)>/.exec(value);
  const id = (bracketed?.[1] ?? value).trim().replace(/\s+/g, '');
  return id === '' ? null : id;
}

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
export function parseHeaderValue(text: string | null, warnings: string[]): HeaderValue {
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
