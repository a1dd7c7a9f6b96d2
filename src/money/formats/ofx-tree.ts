/**
 * A small, forgiving reader of OFX markup, for OFX 1.x (SGML) and 2.x (XML) alike.
 *
 * OFX 1.x is SGML whose leaf elements may leave out their end tags (`<TRNAMT>-12.50` and the next
 * tag follows); OFX 2.x is the same vocabulary as XML. Both become one tree here, so both versions
 * give the same statement. Rules:
 *
 * - An element followed by text is a leaf: it ends at the next tag, whatever that is; its own end
 *   tag, if written, is then ignored. An element followed by another tag is an aggregate, which
 *   ends at its end tag (and an end tag closes any aggregates left open inside it).
 * - An end tag that matches no open aggregate is passed over (libofx's fuzz files have many).
 * - Comments, processing instructions and `<!…>` declarations are skipped; CDATA is text.
 * - Each `STMTTRN` is flattened into its fields as soon as it closes (`NAME`, `PAYEE.NAME`,
 *   `CURRENCY.CURSYM`), so a statement of 100,000 bookings holds 100,000 small records rather than
 *   a node per field.
 * - Every element knows its line, for `file:line` in every message.
 *
 * It works in one pass over the text with `indexOf`, counting lines as it goes: linear in the size
 * of the file.
 */

/** An element of the tree: a leaf has `text`, an aggregate `children`, a booking `fields`. */
export interface OfxNode {
  readonly name: string;
  readonly line: number;
  readonly text?: string;
  readonly children?: OfxNode[];
  /** Only on `STMTTRN`: its leaves by path below it (`TRNAMT`, `PAYEE.NAME`). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** The tree, and where and how the markup ended early, if it did. */
export interface OfxTree {
  readonly roots: readonly OfxNode[];
  /** Processing instructions (`<?OFX OFXHEADER="200" VERSION="211"?>`), by target. */
  readonly instructions: ReadonlyMap<string, string>;
  /**
   * Set when the text ends inside an element, a tag or a comment: the file was cut off. Open
   * bookings are then dropped (their amount may be cut too) and listed in `cutBookings`.
   */
  readonly cutOff: { readonly lastLine: number } | null;
  /** Lines of `STMTTRN` elements the end of the file cut through. */
  readonly cutBookings: readonly number[];
}

/** Leaves that may be empty (`<MEMO>` then the next tag) and must not be taken for aggregates. */
const KNOWN_LEAVES = new Set([
  'TRNTYPE',
  'DTPOSTED',
  'DTUSER',
  'DTAVAIL',
  'TRNAMT',
  'FITID',
  'CORRECTFITID',
  'CORRECTACTION',
  'SRVRTID',
  'CHECKNUM',
  'REFNUM',
  'SIC',
  'PAYEEID',
  'NAME',
  'MEMO',
  'CURDEF',
  'CURSYM',
  'CURRATE',
  'BANKID',
  'BRANCHID',
  'ACCTID',
  'ACCTTYPE',
  'ACCTKEY',
  'DTSTART',
  'DTEND',
  'BALAMT',
  'DTASOF',
  'CODE',
  'SEVERITY',
  'MESSAGE',
  'TRNUID',
  'DTSERVER',
  'LANGUAGE',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** `&amp;` → `&`; a bare `&` (common in OFX 1.x: `GROCER A & Z`) stays as it is. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return safeCodePoint(parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), whole);
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

const safeCodePoint = (code: number, whole: string): string =>
  Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;

/** A tag name's characters: letters, digits and `._:-` (`INTU.BID`), tested by code for speed. */
function isNameChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 48 && code <= 58) ||
    code === 46 ||
    code === 95 ||
    code === 45
  );
}

interface Frame {
  readonly name: string;
  readonly line: number;
  readonly children: OfxNode[];
  /** Inside a booking: the booking's fields, and this frame's path below it (`PAYEE.`). */
  readonly fields: Record<string, string> | null;
  readonly prefix: string;
}

/** Builds the tree as the scanner meets tags and text. */
class TreeBuilder {
  readonly roots: OfxNode[] = [];
  readonly stack: Frame[] = [];
  readonly cutBookings: number[] = [];
  private pending: { name: string; line: number } | null = null;

  private get siblings(): OfxNode[] {
    return this.stack.at(-1)?.children ?? this.roots;
  }

  open(name: string, line: number): void {
    this.settlePending();
    this.pending = { name, line };
  }

  text(raw: string): void {
    const text = raw.trim();
    if (text === '') return;
    if (this.pending) {
      this.leaf(this.pending.name, this.pending.line, decodeEntities(text));
      this.pending = null;
    }
    // Text after a leaf or between aggregates (example-listing2's stray words) says nothing.
  }

  close(name: string): void {
    if (this.pending?.name === name) {
      this.leaf(name, this.pending.line, '');
      this.pending = null;
      return;
    }
    this.settlePending();
    const at = this.stack.findLastIndex((frame) => frame.name === name);
    if (at < 0) return;
    while (this.stack.length > at) this.pop();
  }

  /** At the end of the text: whatever is still open is closed; an open booking was cut. */
  finish(cut: boolean): void {
    this.settlePending();
    while (this.stack.length > 0) {
      const frame = this.stack.at(-1);
      if (cut && frame?.name === 'STMTTRN') {
        this.cutBookings.push(frame.line);
        this.stack.pop();
      } else this.pop();
    }
  }

  /** An element that met another tag before any text: an aggregate, or an empty known leaf. */
  private settlePending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (KNOWN_LEAVES.has(pending.name)) {
      this.leaf(pending.name, pending.line, '');
      return;
    }
    const parent = this.stack.at(-1);
    const booking = pending.name === 'STMTTRN';
    this.stack.push({
      name: pending.name,
      line: pending.line,
      children: [],
      fields: booking ? {} : (parent?.fields ?? null),
      prefix: booking || !parent?.fields ? '' : `${parent.prefix}${pending.name}.`,
    });
  }

  /** A leaf: a node, or inside a booking one of its fields (the first of a repeated one wins). */
  private leaf(name: string, line: number, text: string): void {
    const top = this.stack.at(-1);
    if (top?.fields) top.fields[`${top.prefix}${name}`] ??= text;
    else this.siblings.push({ name, line, text });
  }

  private pop(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.name === 'STMTTRN')
      this.siblings.push({ name: frame.name, line: frame.line, fields: frame.fields ?? {} });
    // Aggregates inside a booking (PAYEE, CURRENCY) live on in its fields.
    else if (!frame.fields)
      this.siblings.push({ name: frame.name, line: frame.line, children: frame.children });
  }
}

/**
 * Reads OFX markup (the part after any 1.x header) into a tree.
 *
 * @param text the decoded file
 * @param firstLine the line number `text` starts on (after a 1.x header)
 */
export function readOfxTree(text: string, firstLine = 1): OfxTree {
  const builder = new TreeBuilder();
  const instructions = new Map<string, string>();
  let line = firstLine;
  let counted = 0;
  /** Moves the line count up to `to`, counting each newline once. */
  const lineAt = (to: number): number => {
    let at = text.indexOf('\n', counted);
    while (at >= 0 && at < to) {
      line += 1;
      at = text.indexOf('\n', at + 1);
    }
    counted = Math.max(counted, to);
    return line;
  };

  let position = 0;
  let cut = false;
  while (position < text.length) {
    const lt = text.indexOf('<', position);
    if (lt < 0) {
      builder.text(text.slice(position));
      break;
    }
    if (lt > position) builder.text(text.slice(position, lt));
    const next = text.charAt(lt + 1);
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) {
        cut = true;
        break;
      }
      position = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) {
        cut = true;
        break;
      }
      builder.text(text.slice(lt + 9, end));
      position = end + 3;
    } else if (next === '?' || next === '!') {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) {
        cut = true;
        break;
      }
      if (next === '?') {
        const body = text.slice(lt + 2, text.charAt(end - 1) === '?' ? end - 1 : end).trim();
        const target = /^\S+/u.exec(body)?.[0] ?? '';
        instructions.set(target.toUpperCase(), body.slice(target.length).trim());
      }
      position = end + 1;
    } else {
      const closing = next === '/';
      let end = lt + (closing ? 2 : 1);
      const nameStart = end;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end += 1;
      const name = text.slice(nameStart, end).toUpperCase();
      if (name === '') {
        // A lone `<` (`<<USEDE0` in a fuzz file) is text, not a tag.
        position = lt + 1;
        continue;
      }
      const gt = text.indexOf('>', end);
      const nextLt = text.indexOf('<', end);
      if (gt < 0 && nextLt < 0) {
        cut = true;
        break;
      }
      // A tag left unfinished before the next one (`<SIGNONMSGSRSV1<OFC>`) ends where that one starts.
      const tagEnd = gt >= 0 && (nextLt < 0 || gt < nextLt) ? gt + 1 : nextLt;
      const tagLine = lineAt(lt);
      if (closing) builder.close(name);
      else builder.open(name, tagLine);
      position = tagEnd;
    }
  }
  const lastLine = lineAt(text.trimEnd().length);
  if (builder.stack.length > 0) cut = true;
  builder.finish(cut);
  return {
    roots: builder.roots,
    instructions,
    cutOff: cut ? { lastLine } : null,
    cutBookings: builder.cutBookings,
  };
}
