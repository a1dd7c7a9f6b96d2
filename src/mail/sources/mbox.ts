import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { VrmError } from '../../platform/errors.js';
import type { RawMessage, SourceProblem } from '../types.js';
import { fileError } from './eml.js';

/**
 * Reads an mbox file (mboxo, mboxrd, Google Takeout's export) as a stream of raw messages, in
 * chunks of 1 MiB: memory stays flat however big the file is, except for the one message being cut
 * out. The rules:
 *
 * 1. **Separators.** A message begins at a line starting `From ` that follows a blank line or the
 *    start of the file, and whose next line is a header (`Name: value`). The header test keeps a
 *    body line like `From here on, …` that an mboxo writer failed to quote from splitting a
 *    message in two. Lines may end in LF or CRLF (Takeout writes both).
 * 2. **What a message is.** The bytes after its `From ` line, without the blank line that mbox puts
 *    between messages, and with one level of `>From ` quoting undone (see `unquoteFromLines`).
 * 3. **Bad input.** A file that does not begin with a `From ` line is not an mbox: an error. A
 *    message cut off by the end of the file (no header, or no blank line after the headers) is
 *    reported through `onProblem` and skipped; the messages before it still come out.
 */

export interface MboxOptions {
  /** Where to start: the `endOffset` of the last message an earlier import got through. */
  readonly startOffset?: number;
  /** Messages that cannot be cut out (a truncated last message): reported, never fatal. */
  readonly onProblem?: (problem: SourceProblem) => void;
}

const CHUNK_SIZE = 1 << 20;
const LF = 0x0a;
const CR = 0x0d;
const FROM = Buffer.from('From ');
const LF_FROM = Buffer.from('\nFrom ');
const QUOTED_FROM = Buffer.from('>From ');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** A header field: a name of printable characters other than a colon, then a colon. */
const HEADER_LINE = /^[\x21-\x39\x3b-\x7e]+:/;

/**
 * Yields the messages of an mbox file in order. Each message's `endOffset` is where the next
 * message's `From ` line begins (the file size for the last one): pass it as `startOffset` to
 * resume an import after that message.
 *
 * @example
 *   for await (const message of readMbox('Takeout/Mail/All mail.mbox', { onProblem: warn })) {
 *     store(message.raw, message.location); // location: 'All mail.mbox:1234'
 *   }
 */
export async function* readMbox(path: string, options: MboxOptions = {}): AsyncGenerator<RawMessage> {
  const startOffset = options.startOffset ?? 0;
  const { handle, size } = await openMbox(path);
  if (startOffset >= size) {
    await handle.close();
    return;
  }
  const firstLine = startOffset === 0 ? 1 : 1 + (await countLines(path, startOffset));
  const splitter = new MboxSplitter(path, startOffset, firstLine);
  const report = (event: MboxEvent): RawMessage | null => {
    if ('problem' in event) {
      options.onProblem?.(event.problem);
      return null;
    }
    return event.message;
  };
  // The stream closes the file when it ends, fails, or the caller stops early.
  const chunks = handle.createReadStream({ start: startOffset, highWaterMark: CHUNK_SIZE });
  for await (const chunk of chunks) {
    for (const event of splitter.push(chunk as Buffer)) {
      const message = report(event);
      if (message !== null) yield message;
    }
  }
  for (const event of splitter.end()) {
    const message = report(event);
    if (message !== null) yield message;
  }
}

/** Opens the file for reading, with the errors a person can act on. */
async function openMbox(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isDirectory()) return { handle, size: info.size };
    await handle.close();
    throw new VrmError('invalid_input', `${path}: it is a folder, not a file`);
  } catch (error) {
    if (error instanceof VrmError) throw error;
    await handle?.close();
    throw fileError(path, error);
  }
}

type MboxEvent = { readonly message: RawMessage } | { readonly problem: SourceProblem };

/** The message being cut out: its `From ` line's location and the bytes seen so far. */
interface PendingMessage {
  readonly location: string;
  readonly parts: Buffer[];
}

/**
 * The mbox state machine, fed chunk by chunk. It only ever looks at whole lines: the last, partial
 * line of a chunk is carried over to the next one (as is a `From ` line whose next line has not
 * arrived yet, because the header test needs it).
 */
class MboxSplitter {
  private readonly name: string;
  /** File offset and line number of the first byte of the next buffer scanned (the carry's start). */
  private offset: number;
  private line: number;
  private carry: Buffer = Buffer.alloc(0);
  /** Whether the line just before the carry is blank: a `From ` line at its start is a separator. */
  private previousLineBlank = true;
  private started = false;
  private current: PendingMessage | null = null;
  private events: MboxEvent[] = [];

  constructor(
    private readonly path: string,
    private readonly startOffset: number,
    firstLine: number,
  ) {
    this.name = basename(path);
    this.offset = startOffset;
    this.line = firstLine;
  }

  push(chunk: Buffer): MboxEvent[] {
    const data = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const consumed = this.scan(data, data.lastIndexOf(LF) + 1, false);
    this.carry = data.subarray(consumed);
    return this.takeEvents();
  }

  end(): MboxEvent[] {
    this.scan(this.carry, this.carry.length, true);
    this.carry = Buffer.alloc(0);
    if (this.current !== null) this.finish(this.current, this.offset, true);
    this.current = null;
    return this.takeEvents();
  }

  private takeEvents(): MboxEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /**
   * Cuts `data[0, limit)` (whole lines, unless `final`) into messages. Returns how many bytes it
   * is done with; the rest is scanned again with the next chunk.
   */
  private scan(data: Buffer, limit: number, final: boolean): number {
    const lines = new LineCounter(data, this.line);
    let contentStart = 0;
    let searchFrom = 0;
    let consumed = limit;
    if (!this.started) {
      const first = this.findFirstFromLine(data, limit, final, lines);
      if (first === null) return this.advance(data, limit, lines);
      this.started = true;
      this.current = { location: `${this.name}:${lines.lineAt(first)}`, parts: [] };
      contentStart = Math.min(lineEnd(data, first, limit) + 1, limit);
      searchFrom = contentStart;
    }
    for (;;) {
      const q = this.nextSeparator(data, searchFrom, limit);
      if (q === -1) break;
      const verdict = this.isSeparator(data, q, limit, final);
      if (verdict === 'wait') {
        consumed = q;
        break;
      }
      searchFrom = q + 1;
      if (verdict === 'no') continue;
      if (this.current !== null) {
        this.current.parts.push(data.subarray(contentStart, q));
        this.finish(this.current, this.offset + q, false);
      }
      this.current = { location: `${this.name}:${lines.lineAt(q)}`, parts: [] };
      contentStart = Math.min(lineEnd(data, q, limit) + 1, limit);
      searchFrom = contentStart;
    }
    if (this.current !== null && contentStart < consumed) {
      this.current.parts.push(data.subarray(contentStart, consumed));
    }
    return this.advance(data, consumed, lines);
  }

  /** Moves the file position past `data[0, consumed)`. */
  private advance(data: Buffer, consumed: number, lines: LineCounter): number {
    if (consumed > 0) this.previousLineBlank = isBlankLineEndingAt(data, consumed - 1);
    this.line = lines.lineAt(consumed);
    this.offset += consumed;
    return consumed;
  }

  /**
   * Skips a byte order mark and blank lines, then demands a `From ` line. Returns its position, or
   * null when the buffer holds only blank lines (an empty file is no error).
   */
  private findFirstFromLine(data: Buffer, limit: number, final: boolean, lines: LineCounter): number | null {
    let pos = this.offset === 0 && data.subarray(0, 3).equals(BOM) ? 3 : 0;
    while (pos < limit) {
      const end = lineEnd(data, pos, limit);
      if (!isBlank(data, pos, end)) break;
      pos = end + 1;
    }
    if (pos >= limit) return null;
    if (!final && limit - pos < FROM.length && data.indexOf(LF, pos) === -1) return null;
    if (data.subarray(pos, pos + FROM.length).equals(FROM)) return pos;
    const where = `${this.path}: line ${lines.lineAt(pos)}`;
    throw new VrmError(
      'invalid_input',
      this.startOffset === 0
        ? `${where}: not an mbox file (it does not begin with a "From " line)`
        : `${where}: offset ${this.startOffset} is not where a message begins`,
    );
  }

  /** The next line start at or after `from` that reads `From ` and follows a blank line. */
  private nextSeparator(data: Buffer, from: number, limit: number): number {
    if (from === 0 && this.previousLineBlank && data.subarray(0, 5).equals(FROM)) return 0;
    let lf = data.indexOf(LF_FROM, Math.max(from - 1, 0));
    // `data[lf]` ends the line before the `From ` line: that line must be blank.
    while (lf !== -1 && lf + 1 < limit) {
      if (isBlankLineEndingAt(data, lf)) return lf + 1;
      lf = data.indexOf(LF_FROM, lf + 1);
    }
    return -1;
  }

  /**
   * Whether the `From ` line at `q` starts a message: its next line must be a header. `wait` when
   * that line has not been read yet.
   */
  private isSeparator(data: Buffer, q: number, limit: number, final: boolean): 'yes' | 'no' | 'wait' {
    const fromEnd = data.indexOf(LF, q);
    if (fromEnd === -1 || fromEnd + 1 >= limit) return final ? 'yes' : 'wait';
    const nextEnd = data.indexOf(LF, fromEnd + 1);
    if ((nextEnd === -1 || nextEnd >= limit) && !final) return 'wait';
    const next = data.subarray(fromEnd + 1, Math.min(nextEnd === -1 ? limit : nextEnd, fromEnd + 256));
    return HEADER_LINE.test(next.toString('latin1')) ? 'yes' : 'no';
  }

  /** Turns the bytes after a `From ` line into a message, or a problem when it is not one. */
  private finish(pending: PendingMessage, endOffset: number, last: boolean): void {
    const content = pending.parts.length === 1 ? pending.parts[0] : Buffer.concat(pending.parts);
    const bytes = content ?? Buffer.alloc(0);
    const firstLine = bytes.subarray(0, 256).toString('latin1');
    const complete = HEADER_LINE.test(firstLine) && (bytes.includes('\n\n') || bytes.includes('\n\r\n'));
    if (!complete) {
      const reason = last
        ? 'truncated: the file ends inside this message'
        : 'not a message: it has no header';
      this.events.push({ problem: { location: pending.location, reason } });
      return;
    }
    const raw = unquoteFromLines(dropSeparatorLine(bytes));
    this.events.push({ message: { raw, location: pending.location, endOffset } });
  }
}

/** Line numbers within a buffer, counted lazily and only forward. */
class LineCounter {
  private counted = 0;
  constructor(
    private readonly data: Buffer,
    private line: number,
  ) {}

  /** The line number of the line that starts at `pos` (a position at or after the last asked). */
  lineAt(pos: number): number {
    let lf = this.data.indexOf(LF, this.counted);
    while (lf !== -1 && lf < pos) {
      this.line += 1;
      lf = this.data.indexOf(LF, lf + 1);
    }
    this.counted = pos;
    return this.line;
  }
}

/** Position of the line feed ending the line at `pos`, or `limit` for an unfinished last line. */
function lineEnd(data: Buffer, pos: number, limit: number): number {
  const lf = data.indexOf(LF, pos);
  return lf === -1 || lf >= limit ? limit : lf;
}

/** Whether `data[start, end)` (a line without its LF) is empty or a lone CR. */
function isBlank(data: Buffer, start: number, end: number): boolean {
  return end <= start || (end === start + 1 && data[start] === CR);
}

/** Whether the line whose LF is at `lf` is blank (`data` starts at a line start). */
function isBlankLineEndingAt(data: Buffer, lf: number): boolean {
  if (lf < 0 || data[lf] !== LF) return false;
  if (lf === 0 || data[lf - 1] === LF) return true;
  return data[lf - 1] === CR && (lf === 1 || data[lf - 2] === LF);
}

/** Drops the blank line mbox writes after each message (LF or CRLF), when it is there. */
function dropSeparatorLine(content: Buffer): Buffer {
  const n = content.length;
  if (n >= 2 && content[n - 1] === LF && content[n - 2] === LF) return content.subarray(0, n - 1);
  if (n >= 3 && content[n - 1] === LF && content[n - 2] === CR && content[n - 3] === LF) {
    return content.subarray(0, n - 2);
  }
  return content;
}

/**
 * Undoes one level of `>From ` quoting: a line `>>From x` becomes `>From x`. That is exact for
 * mboxrd, whose writers add one `>` to every `>*From ` line. It is also right for mboxo in
 * practice: mboxo writers quote only `From ` lines, with one `>`, so undoing one level restores
 * those; a line that was `>From ` in the original mboxo message comes out as `From `. That case
 * is ambiguous in mboxo and cannot be told apart, and the fingerprint strips `>From` quoting too,
 * so the same message read from mboxo, mboxrd, Maildir or IMAP still has one fingerprint.
 */
export function unquoteFromLines(message: Buffer): Buffer {
  let search = message.indexOf(QUOTED_FROM);
  if (search === -1) return message;
  const pieces: Buffer[] = [];
  let copied = 0;
  while (search !== -1) {
    let start = search;
    while (start > 0 && message[start - 1] === 0x3e) start -= 1;
    if (start === 0 || message[start - 1] === LF) {
      pieces.push(message.subarray(copied, start));
      copied = start + 1;
    }
    search = message.indexOf(QUOTED_FROM, search + 1);
  }
  pieces.push(message.subarray(copied));
  return Buffer.concat(pieces);
}

/** Counts the line feeds before `end`: the line number a resumed import starts at, minus one. */
async function countLines(path: string, end: number): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path, { end: end - 1, highWaterMark: CHUNK_SIZE })) {
    const data = chunk as Buffer;
    for (let lf = data.indexOf(LF); lf !== -1; lf = data.indexOf(LF, lf + 1)) count += 1;
  }
  return count;
}
