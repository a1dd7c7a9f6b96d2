/**
 * Address lists (From, To, Cc and the rest), read leniently, and the envelope of addresses and
 * list headers that classification reads.
 */
import type { Envelope } from '../types.js';
import { all, first, type Header, withoutComments } from './headers.js';

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

/** The mailboxes of every occurrence of a header, in order. */
export function addressesOf(headers: readonly Header[], name: string): Mailbox[] {
  const list: Mailbox[] = [];
  for (const value of all(headers, name)) list.push(...parseAddressList(value));
  return list;
}

/** Lower-cased bare addresses of every occurrence of a header. */
function bareAddresses(headers: readonly Header[], name: string): string[] {
  return addressesOf(headers, name).map((m) => m.address.toLowerCase());
}

/** The addresses and domains classification reads (see `Envelope`), from the message's headers. */
export function envelopeOf(headers: readonly Header[]): Envelope {
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
