/**
 * Streaming XML for the statement readers: saxes (strict, well-formedness checked, with line and
 * column) builds small trees of plain objects in the shape `xml-nodes.ts` reads (children by local
 * name, prefixes stripped, attributes as `@Name`, text as `#text`, an element of text alone as
 * that text); a reader takes each element as it closes and may keep it in its parent or let it
 * go. A statement of 100,000 entries is read one entry at a time and never held whole.
 */
import { SaxesParser } from 'saxes';
import type { Node } from './xml-nodes.js';

/** An element just closed. */
export interface ClosedElement {
  /** Local name, without a namespace prefix. */
  readonly name: string;
  /** The 1-based line its start tag begins on. */
  readonly line: number;
  /** 0 for the root. */
  readonly depth: number;
  /** The local name of the element it is in; null for the root. */
  readonly parentName: string | null;
  readonly node: Node;
}

/** What a reader does with the stream. */
export interface XmlHandlers {
  /** The root's start tag: its local name, namespace prefix (or null), attributes and line. */
  readonly root: (tag: {
    name: string;
    prefix: string | null;
    attributes: Readonly<Record<string, string>>;
    line: number;
  }) => void;
  /**
   * An element closed, with the element it closed in (undefined for the root). True keeps it in
   * its parent's node; false lets it go (a reader that has read an entry needs it no more).
   */
  readonly closed: (element: ClosedElement, parent: ClosedElement | undefined) => boolean;
}

/** Where and why a file is not well-formed XML. */
export interface XmlBreak {
  readonly line: number;
  readonly column: number;
  /** In words: `the file ends inside <Ntry>`, `unmatched closing tag: Amt`. */
  readonly reason: string;
  /** True when the text simply stops (a download cut short) rather than going wrong. */
  readonly atEnd: boolean;
}

class Broken extends Error {
  constructor(readonly found: XmlBreak) {
    super(found.reason);
  }
}

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** saxes's message in the person's words, and whether it is the text stopping short. */
function reasonOf(message: string): { reason: string; atEnd: boolean } {
  const bare = message.replace(/^\d+:\d+: /u, '').replace(/\.$/u, '');
  const unclosed = /^unclosed tag: (.+)$/u.exec(bare);
  if (unclosed) return { reason: `the file ends inside <${local(unclosed[1] ?? '')}>`, atEnd: true };
  if (bare === 'unexpected end') return { reason: 'the file ends inside a tag', atEnd: true };
  if (bare === 'document must contain a root element')
    return { reason: 'the file has no XML element', atEnd: true };
  return { reason: bare, atEnd: false };
}

/** An element being read; handed on as the `ClosedElement` once its end tag comes. */
class Frame implements ClosedElement {
  text = '';
  private own: Node | undefined;
  constructor(
    readonly name: string,
    readonly line: number,
    readonly depth: number,
    readonly parentName: string | null,
  ) {}

  /** Made when first needed: most elements are leaves, kept as their text alone. */
  get node(): Node {
    this.own ??= {};
    return this.own;
  }

  /** What its parent keeps: the text alone for an element of neither attributes nor children. */
  kept(): unknown {
    const text = this.text.trim();
    if (this.own === undefined) return text === '' ? {} : text;
    if (text !== '') this.own['#text'] = text;
    return this.own;
  }
}

/**
 * Parses the pieces of text in order, calling the handlers; answers where the XML breaks, or
 * null when it is well-formed. Whatever the handlers throw ends the parse and is thrown on.
 */
export function streamXml(pieces: Iterable<string>, handlers: XmlHandlers): XmlBreak | null {
  const steps = xmlSteps(pieces, handlers);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `streamXml` a piece at a time: each `next()` parses one more piece (calling the handlers for
 * what it holds), and the last answers where the XML breaks, or null. A reader that hands on
 * what it has read between pieces (`camtChunks`) never holds more than a piece's worth.
 */
export function* xmlSteps(
  pieces: Iterable<string>,
  handlers: XmlHandlers,
): Generator<void, XmlBreak | null, undefined> {
  const parser = new SaxesParser({ position: true });
  const stack: Frame[] = [];
  let top: Frame | undefined;
  parser.on('error', (error) => {
    throw new Broken({ line: parser.line, column: parser.column, ...reasonOf(error.message) });
  });
  parser.on('opentagstart', (tag) => {
    top = new Frame(local(tag.name), parser.line, stack.length, top?.name ?? null);
    stack.push(top);
  });
  parser.on('opentag', (tag) => {
    if (!top) return;
    const attributes = tag.attributes as Record<string, string>;
    for (const name in attributes) top.node[`@${local(name)}`] = attributes[name];
    if (top.depth === 0) {
      const colon = tag.name.indexOf(':');
      handlers.root({
        name: top.name,
        prefix: colon === -1 ? null : tag.name.slice(0, colon),
        attributes,
        line: top.line,
      });
    }
  });
  const addText = (text: string) => {
    if (!top) return;
    // White space before an element's first text is trimmed at its end anyway: the indentation
    // between elements is never kept (nor joined into garbage for every element of a statement).
    if (top.text === '') {
      if (text.trim() !== '') top.text = text;
    } else top.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const element = stack.pop();
    if (!element) return;
    top = stack.at(-1);
    const kept = element.kept();
    if (handlers.closed(element, top) && top) {
      // One child is kept as itself, the second makes an array: most elements occur once.
      const parentNode = top.node;
      const siblings = parentNode[element.name];
      if (siblings === undefined) parentNode[element.name] = kept;
      else if (Array.isArray(siblings)) siblings.push(kept);
      else parentNode[element.name] = [siblings, kept];
    }
  });
  try {
    for (const piece of pieces) {
      parser.write(piece);
      yield;
    }
    parser.close();
  } catch (error) {
    if (error instanceof Broken) return error.found;
    throw error;
  }
  return null;
}
