/**
 * The message parser: raw RFC 5322 bytes in, a `ParsedMessage` out. Our own rather than postal-mime
 * because import needs only headers, text and attachment *metadata*, and a parser that never decodes
 * attachments is five to ten times faster (postal-mime manages ~1,000 corpus messages/s here; the
 * import's budget is ~3,000/s end to end). It is lenient by design: broken MIME, bad encodings and
 * garbage addresses become warnings, and only input that is not a message at all throws.
 *
 * Work is done on the bytes (`Buffer.indexOf`) for everything that can be large, so a 30 MB base64
 * attachment costs a boundary search and a line count, never a decode. The work is split by job
 * under `parse/`: the header block, charsets and encoded words, addresses and the envelope, dates,
 * the MIME tree, transfer encodings and the fingerprint.
 */
import { addressesOf, envelopeOf } from './parse/addresses.js';
import { decodeWords } from './parse/charsets.js';
import { parseDate } from './parse/dates.js';
import { fingerprint } from './parse/fingerprint.js';
import {
  decodeHeaderBytes,
  findHeaderEnd,
  first,
  messageIdOf,
  messageStart,
  splitHeaders,
  unfoldedText,
} from './parse/headers.js';
import { readBody } from './parse/mime.js';
import type { ParsedMessage } from './types.js';

export { parseAddressList, type Mailbox } from './parse/addresses.js';
export { decodeWords } from './parse/charsets.js';
export { parseDate } from './parse/dates.js';
export { MAX_BODY_CHARS } from './parse/mime.js';

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
